package io.smartcloudops.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A local HTTP server standing in for an AWS endpoint. It records every request the real SDK sends
 * and answers through a {@link Responder} that speaks the service's wire protocol. Replies queued
 * with {@link #enqueue} go first (throttling, errors, a hang), then the responder answers.
 */
public final class FakeAwsServer implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIDEXAMPLE";
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /** One request as it arrived. Header names are lower case. */
    public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The form parameters of a query-protocol request (EC2, Auto Scaling, SNS). */
        public Map<String, String> form() {
            return decode(bodyText());
        }

        public Map<String, String> query() {
            return decode(rawQuery == null ? "" : rawQuery);
        }

        public String action() {
            return form().get("Action");
        }

        private static Map<String, String> decode(String s) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String pair : s.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                m.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
            return m;
        }
    }

    /** An answer. {@code hang} holds the connection open until the server closes. */
    public record Reply(int status, Map<String, String> headers, byte[] body, boolean hang) {
        public static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, false);
        }

        public static Reply xml(int status, String xml) {
            return of(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply hanging() {
            return new Reply(500, Map.of(), new byte[0], true);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, hang);
        }
    }

    /** Answers a request in one service's protocol. */
    @FunctionalInterface
    public interface Responder {
        Reply answer(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> queued = new ArrayDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Responder responder;

    private FakeAwsServer(Responder responder) throws IOException {
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeAwsServer start(Responder responder) throws IOException {
        return new FakeAwsServer(responder);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Replies given, in order, before the responder answers again. */
    public synchronized FakeAwsServer enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    /** A client factory pointed at this server with the documentation's example credentials. */
    public AwsClientFactory clients() {
        return clients(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public AwsClientFactory clients(Duration callTimeout, Duration attemptTimeout) {
        AwsSettings s = new AwsSettings(
                "us-east-1",
                uri(),
                null,
                callTimeout,
                attemptTimeout,
                3,
                Duration.ofMillis(1),
                Duration.ofMillis(20),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        return new AwsClientFactory(
                s, StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    private synchronized Reply next() {
        return queued.poll();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, List<String>> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Request r = new Request(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(),
                    headers,
                    ex.getRequestBody().readAllBytes());
            requests.add(r);
            Reply reply = next();
            if (reply == null) {
                try {
                    reply = responder.answer(r);
                } catch (Exception | AssertionError e) {
                    reply = Reply.of(599, "text/plain", ("fake server failed: " + e).getBytes(StandardCharsets.UTF_8));
                }
            }
            if (reply.hang()) {
                closing.await(60, TimeUnit.SECONDS);
                return;
            }
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555");
            boolean noBody = reply.body().length == 0 || "HEAD".equals(r.method());
            ex.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
