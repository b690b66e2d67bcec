package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13 item 10: about 260 loopback connections trickling a POST body took every Jetty worker
 * and {@code /status} timed out. Each slow body now ends with 408 and one client's requests cannot
 * take more than a few workers. Fails on the code before the fix (the status request times out).
 */
class SlowClientsTest {
    /** More than Javalin's default pool of 250 workers, as in the attack. */
    private static final int TRICKLERS = 300;

    @TempDir
    Path dir;

    private Agent agent;
    private final List<Socket> sockets = new ArrayList<>();
    private final ExecutorService trickle = Executors.newSingleThreadExecutor();
    private final AtomicBoolean trickling = new AtomicBoolean(true);

    @AfterEach
    void stop() throws Exception {
        trickling.set(false);
        trickle.shutdownNow();
        trickle.awaitTermination(10, TimeUnit.SECONDS);
        for (Socket s : sockets) {
            s.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private Socket trickler() throws IOException {
        Socket s = new Socket();
        // Another loopback address: one attacking client, apart from the operator's 127.0.0.1.
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        s.connect(new InetSocketAddress("127.0.0.1", agent.port()), 5_000);
        String head = "POST /query HTTP/1.1\r\nHost: 127.0.0.1:" + agent.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        sockets.add(s);
        return s;
    }

    @Test
    void clientsTricklingBodiesNeitherStarveOthersNorHoldTheirConnections() throws Exception {
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dir.resolve("data"))
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .connections(new ServerConfig.ConnectionLimits(Duration.ofSeconds(5), 512, 4))
                        .build())
                .build()
                .start();
        for (int i = 0; i < TRICKLERS; i++) {
            trickler();
        }
        // One byte a second each, which keeps an idle timeout alone from ever firing.
        trickle.submit(() -> {
            while (trickling.get()) {
                for (Socket s : sockets) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException closedByTheServer) {
                        // the server gave up on this one: what the fix is for
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> status = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/status"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);

        Socket first = sockets.get(0);
        first.setSoTimeout(30_000);
        assertThat(answerOrEnd(first.getInputStream()))
                .as("a body trickling at one byte a second is refused, not waited for")
                .satisfiesAnyOf(
                        a -> assertThat(a).startsWith("HTTP/1.1 408"),
                        a -> assertThat(a).isEqualTo("closed"));
    }

    private static String answerOrEnd(InputStream in) throws IOException {
        byte[] buf = new byte[64];
        try {
            int n = in.read(buf);
            return n < 0 ? "closed" : new String(buf, 0, n, StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "still open";
        } catch (IOException reset) {
            return "closed";
        }
    }
}
