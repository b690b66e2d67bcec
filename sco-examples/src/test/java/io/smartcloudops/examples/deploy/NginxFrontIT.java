package io.smartcloudops.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/nginx/nginx.conf run by Debian's nginx, as the app host's user data installs it (the
 * {@code @SCO_PORT@} placeholder filled in): {@code nginx -t} accepts it, {@code /-/nginx} answers
 * the monitor's nginx job without the app, and every other path reaches sco-app's port with the
 * forwarding headers. Only what cannot be the same on a build machine is moved: the listening port
 * (80 becomes a free port), the worker user, and the log and pid files (into a temporary prefix).
 */
class NginxFrontIT {
    private static final Path REPO =
            Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath().normalize();

    @TempDir
    Path prefix;

    private Process nginx;
    private HttpServer app;

    @AfterEach
    void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (app != null) {
            app.stop(0);
        }
    }

    @Test
    void theDeployedConfigPassesNginxTestAnswersItsMetricsPathAndProxiesToTheApp() throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] body = ("app saw " + exchange.getRequestURI() + " for "
                            + exchange.getRequestHeaders().getFirst("X-Forwarded-For") + " host "
                            + exchange.getRequestHeaders().getFirst("Host"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        int front = freePort();
        Path conf = prefix.resolve("nginx.conf");
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(
                conf,
                asOnThisMachine(
                        Files.readString(REPO.resolve("deploy/nginx/nginx.conf")),
                        app.getAddress().getPort(),
                        front));

        Process test = new ProcessBuilder("/usr/sbin/nginx", "-t", "-p", prefix + "/", "-c", conf.toString())
                .redirectErrorStream(true)
                .start();
        String testOut = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(test.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(test.exitValue()).as("nginx -t: " + testOut).isZero();
        assertThat(testOut).contains("syntax is ok", "test is successful");

        nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", prefix + "/", "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile())
                .start();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> metrics = awaitUp(http, URI.create("http://127.0.0.1:" + front + "/-/nginx"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("nginx_up 1");
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        HttpResponse<String> proxied = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front + "/status?x=1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).isEqualTo("app saw /status?x=1 for 127.0.0.1 host 127.0.0.1");
        assertThat(proxied.headers().firstValue("Server"))
                .as("server_tokens off")
                .hasValue("nginx");
    }

    /** The deployed file with the user data's substitution, and what a build machine must differ in. */
    private String asOnThisMachine(String deployed, int appPort, int frontPort) {
        String conf = deployed.replace("@SCO_PORT@", Integer.toString(appPort));
        assertThat(conf)
                .as("the file names the user and paths this test moves")
                .contains(
                        "user nginx;",
                        "listen 80 default_server;",
                        "error_log /var/log/nginx/error.log",
                        "access_log /var/log/nginx/access.log;",
                        "pid /run/nginx.pid;");
        return conf.replace("user nginx;", "")
                .replace("listen 80 default_server;", "listen 127.0.0.1:" + frontPort + " default_server;")
                .replace("listen [::]:80 default_server;", "")
                .replace("/var/log/nginx/", prefix.resolve("logs") + "/")
                .replace("pid /run/nginx.pid;", "pid " + prefix.resolve("nginx.pid") + ";");
    }

    private static HttpResponse<String> awaitUp(HttpClient http, URI uri) throws Exception {
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not answer " + uri, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
