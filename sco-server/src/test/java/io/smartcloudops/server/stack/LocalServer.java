package io.smartcloudops.server.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server binary from Debian (Prometheus, Node Exporter, Alertmanager) run as a child
 * process on a loopback port for an integration test, with its output kept in a log file.
 */
final class LocalServer implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    LocalServer(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    /**
     * Fails the test when the binary is missing on CI (where .ci/run installs it) and skips it
     * elsewhere, saying what to install.
     */
    static void requireBinaries(String... binaries) {
        for (String b : binaries) {
            boolean present = Files.isExecutable(Path.of("/usr/bin", b));
            if (!present) {
                String why = b + " is not installed (Debian package "
                        + b.replace("prometheus-alertmanager", "prometheus-alertmanager") + ")";
                if ("true".equals(System.getenv("CI"))) {
                    Assertions.fail(why + "; .ci/run must install it");
                }
                Assumptions.abort(why + "; skipping the real-server test");
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    LocalServer start() throws IOException {
        List<String> cmd = new ArrayList<>(command);
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return this;
    }

    /** Waits until {@code url} answers 200, failing with the server's log if it does not in time. */
    LocalServer awaitReady(String url) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await(name + " ready")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited: " + Files.readString(log));
                        }
                        try {
                            return http.send(
                                                    HttpRequest.newBuilder(URI.create(url))
                                                            .timeout(Duration.ofSeconds(2))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " did not become ready; its log:\n" + tail(), e);
        }
        return this;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() { // waits for the child process to exit
        stop();
    }
}
