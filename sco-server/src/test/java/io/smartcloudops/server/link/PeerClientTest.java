package io.smartcloudops.server.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link's client and the monitor's remote restart against a peer that misbehaves in every way it can. */
class PeerClientTest {
    private HttpServer peer;
    private final AtomicReference<Answer> next = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();

    private record Answer(int status, String body, long delayMillis) {}

    @BeforeEach
    void start() throws Exception {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/", exchange -> {
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            Answer a = next.get();
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        peer.setExecutor(Executors.newCachedThreadPool());
        peer.start();
    }

    @AfterEach
    void stop() {
        peer.stop(0);
    }

    private PeerClient client(Duration timeout) {
        return new PeerClient(
                new PeerLink(
                        URI.create("http://127.0.0.1:" + peer.getAddress().getPort()),
                        Optional.of("sco_secret-token-value")),
                timeout);
    }

    private void answer(int status, String body) {
        next.set(new Answer(status, body, 0));
    }

    @Test
    void everyFailureNamesThePeerAndTheRouteAndNeverTheToken() {
        PeerClient c = client(Duration.ofMillis(300));
        TypeReference<List<String>> strings = new TypeReference<>() {};

        answer(401, "{\"error\": \"unknown or revoked token\", \"status\": 401}");
        assertThatThrownBy(() -> c.get("/link/v1/series", Map.of(), strings))
                .isInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("/link/v1/series")
                .hasMessageContaining("answered 401: unknown or revoked token")
                .hasMessageNotContaining("sco_secret")
                .satisfies(
                        e -> assertThat(((PeerUnavailableException) e).status()).isEqualTo(401));
        assertThat(lastAuthorization.get()).isEqualTo("Bearer sco_secret-token-value");

        answer(502, "<html>bad gateway</html>");
        assertThatThrownBy(() -> c.get("/link/v1/series", Map.of(), strings))
                .hasMessageContaining("answered 502: <html>bad gateway</html>");

        answer(200, "{not json");
        assertThatThrownBy(() -> c.get("/link/v1/series", Map.of(), strings))
                .hasMessageContaining("not its link format");

        answer(200, "null");
        assertThatThrownBy(() -> c.get("/link/v1/series", Map.of(), strings))
                .hasMessageContaining("not its link format");

        next.set(new Answer(200, "[]", 2_000));
        assertThatThrownBy(() -> c.get("/link/v1/series", Map.of(), strings))
                .hasMessageContaining("did not answer within 300 ms");

        PeerClient nowhere =
                new PeerClient(new PeerLink(URI.create("http://127.0.0.1:1"), Optional.empty()), Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.get("/link/v1/series", Map.of(), strings))
                .hasMessageContaining("is unreachable");
    }

    @Test
    void aPeerUrlMustBeHttp() {
        assertThatThrownBy(() -> new PeerLink(URI.create("file:///etc/passwd"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PeerLink(URI.create("http://app:8080"), Optional.of("sco_x")).toString())
                .isEqualTo("http://app:8080 (with token)");
    }

    /** A local restart that must not be reached for the peer's targets. */
    private static final class LocalRestart implements RemediationAction {
        int calls;

        @Override
        public String name() {
            return "restart_service";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.required("unit", "[a-z]+", "unit"));
        }

        @Override
        public ActionResult execute(ActionRequest r, ActionMode mode, Instant now) {
            calls++;
            return ActionResult.of(r, ActionOutcome.SUCCEEDED, "restarted here", now, Duration.ZERO);
        }
    }

    @Test
    void theRemoteRestartMapsEveryAnswerOfThePeer() throws Exception {
        LocalRestart local = new LocalRestart();
        RemoteRestartAction action = new RemoteRestartAction(local, Map.of("app", client(Duration.ofSeconds(2))));
        ActionRequest onApp = ActionRequest.builder("restart_service", "app")
                .parameter("unit", "api")
                .build();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        LinkCodec codec = new LinkCodec();

        assertThat(action.execute(onApp, ActionMode.DRY_RUN, now).message())
                .startsWith("would ask app (http://127.0.0.1:");
        assertThat(action.execute(
                                ActionRequest.builder("restart_service", "monitor")
                                        .parameter("unit", "api")
                                        .build(),
                                ActionMode.EXECUTE,
                                now)
                        .message())
                .isEqualTo("restarted here");
        assertThat(local.calls).isEqualTo(1);

        for (ActionOutcome theirs : List.of(ActionOutcome.SUCCEEDED, ActionOutcome.DRY_RUN)) {
            answer(
                    200,
                    codec.write(new ActionResult(
                            "restart_service", "app", theirs, "their words", now, Duration.ofMillis(5), null)));
            ActionResult r = action.execute(onApp, ActionMode.EXECUTE, now);
            assertThat(r.outcome()).isEqualTo(theirs);
            assertThat(r.message()).startsWith("app: " + theirs.label() + ", their words");
        }
        answer(
                200,
                codec.write(new ActionResult(
                        "restart_service", "app", ActionOutcome.FAILED, "unit failed", now, Duration.ZERO, null)));
        assertThatThrownBy(() -> action.execute(onApp, ActionMode.EXECUTE, now))
                .isInstanceOf(ActionException.class)
                .isInstanceOf(io.smartcloudops.api.RetriableActionException.class);
        answer(
                200,
                codec.write(new ActionResult(
                        "restart_service", "app", ActionOutcome.SUPPRESSED, "cooldown", now, Duration.ZERO, null)));
        assertThatThrownBy(() -> action.execute(onApp, ActionMode.EXECUTE, now))
                .isInstanceOf(io.smartcloudops.api.NonRetriableActionException.class);
        answer(403, "{\"error\": \"viewer may not change state\"}");
        assertThatThrownBy(() -> action.execute(onApp, ActionMode.EXECUTE, now))
                .hasMessageContaining("403")
                .isInstanceOf(io.smartcloudops.api.NonRetriableActionException.class);
        answer(503, "down for maintenance");
        assertThatThrownBy(() -> action.execute(onApp, ActionMode.EXECUTE, now))
                .isInstanceOf(io.smartcloudops.api.RetriableActionException.class);
        assertThat(local.calls).as("the peer's targets never run here").isEqualTo(1);
    }

    @Test
    void aTargetThatIsNoHostNameIsRefusedNotRestartedHere() {
        LocalRestart local = new LocalRestart();
        RemoteRestartAction action = new RemoteRestartAction(local, Map.of("app", client(Duration.ofSeconds(2))));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (String target : List.of("app:80", "", "10.0.2.10:9100")) {
            ActionRequest r = ActionRequest.builder("restart_service", target)
                    .parameter("unit", "nginx")
                    .build();
            for (ActionMode mode : ActionMode.values()) {
                assertThatThrownBy(() -> action.execute(r, mode, now))
                        .as("target '%s' in %s", target, mode)
                        .isInstanceOf(io.smartcloudops.api.NonRetriableActionException.class)
                        .hasMessageContaining("is no host name")
                        .hasMessageContaining("{{ $labels.host }}");
            }
        }
        assertThat(local.calls).as("nothing restarted on the monitor").isZero();
    }
}
