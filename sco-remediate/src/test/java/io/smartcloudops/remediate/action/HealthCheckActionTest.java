package io.smartcloudops.remediate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.testkit.RemediationActionContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthCheckActionTest extends RemediationActionContract {
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> respond(ex, 200, "all good"));
        server.createContext("/down", ex -> respond(ex, 503, "overloaded"));
        server.createContext("/slow", ex -> {
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos()); // the server answers slowly on purpose
            respond(ex, 200, "late");
        });
        server.start();
    }

    private void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        hits.incrementAndGet();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    protected RemediationAction action() {
        return new HealthCheckAction(Duration.ofSeconds(5));
    }

    @Override
    protected ActionRequest validRequest() {
        return ActionRequest.builder("health_check", "web")
                .parameter("url", url("/ok"))
                .build();
    }

    @Override
    protected String observableState() {
        return "hits=" + hits.get();
    }

    private ActionResult probe(String... params) throws Exception {
        ActionRequest.Builder b = ActionRequest.builder("health_check", "web");
        for (int i = 0; i < params.length; i += 2) {
            b.parameter(params[i], params[i + 1]);
        }
        return action().execute(b.build(), ActionMode.EXECUTE, Instant.EPOCH);
    }

    @Test
    void healthyHttpEndpointSucceeds() throws Exception {
        assertThat(probe("url", url("/ok"), "body_contains", "good").outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
    }

    @Test
    void wrongStatusOrBodyFailsSayingWhich() throws Exception {
        assertThat(probe("url", url("/down")).message()).contains("status 503, expected 200");
        assertThat(probe("url", url("/down"), "expect_status", "503").outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(probe("url", url("/ok"), "body_contains", "bad").message()).contains("does not contain 'bad'");
    }

    @Test
    void slowAnswerFailsTheLatencyBound() throws Exception {
        ActionResult r = probe("url", url("/slow"), "max_latency_ms", "100");
        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.message()).contains("over 100 ms");
    }

    @Test
    void unreachableTargetIsAFailureNotAnException() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(probe("url", "http://127.0.0.1:" + closed + "/").message()).contains("unreachable");
        assertThat(probe("address", "127.0.0.1:" + closed).message()).contains("connection failed");
    }

    @Test
    void tcpProbeOfAListeningPortSucceeds() throws Exception {
        assertThat(probe("address", "127.0.0.1:" + server.getAddress().getPort())
                        .outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
    }

    @Test
    void needsExactlyOneOfUrlOrAddress() {
        assertThatThrownBy(() -> probe()).isInstanceOf(NonRetriableActionException.class);
        assertThatThrownBy(() -> probe("url", url("/ok"), "address", "127.0.0.1:1"))
                .isInstanceOf(NonRetriableActionException.class);
    }

    @Test
    void urlPatternRefusesOtherSchemes() {
        var spec = action().parameters().get(0);
        assertThat(spec.accepts("file:///etc/passwd")).isFalse();
        assertThat(spec.accepts("http://127.0.0.1:8080/healthz")).isTrue();
        assertThat(spec.accepts("http://x/a b")).isFalse();
    }
}
