package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code health_check}: an HTTP probe ({@code url}, with {@code expect_status}, {@code body_contains}
 * and {@code max_latency_ms}) or a TCP probe ({@code address} host:port). SUCCEEDED when every
 * expectation holds, FAILED saying which did not; it never throws for an unhealthy target, only for
 * a malformed request.
 */
public final class HealthCheckAction implements RemediationAction {
    public static final String NAME = "health_check";
    private static final int MAX_BODY = 64 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    public HealthCheckAction(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "probe a service over HTTP or TCP";
    }

    /** A probe changes nothing, so it runs even when the gate is in DRY_RUN mode. */
    @Override
    public boolean changesTargets() {
        return false;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.optional(
                        "url", "https?://[A-Za-z0-9.\\-\\[\\]:]+(/[\\x21-\\x7e]*)?", "HTTP(S) URL to GET"),
                ParameterSpec.optional("address", "[A-Za-z0-9.\\-]+:[0-9]{1,5}", "host:port to connect to"),
                ParameterSpec.optional("expect_status", "[1-5][0-9][0-9]", "expected HTTP status (default 200)"),
                ParameterSpec.optional("body_contains", "[\\x20-\\x7e]{1,200}", "text the body must contain"),
                ParameterSpec.optional("max_latency_ms", "[0-9]{1,6}", "slowest acceptable answer"));
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        Map<String, String> p = request.parameters();
        boolean hasUrl = p.containsKey("url");
        if (hasUrl == p.containsKey("address")) {
            throw new NonRetriableActionException("health_check needs exactly one of 'url' or 'address'");
        }
        String what = hasUrl ? "GET " + p.get("url") : "TCP " + p.get("address");
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(request, ActionOutcome.DRY_RUN, "would probe " + what, now, Duration.ZERO);
        }
        long started = System.nanoTime();
        String problem = hasUrl ? probeHttp(p) : probeTcp(p.get("address"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (problem == null
                && p.containsKey("max_latency_ms")
                && took.toMillis() > Long.parseLong(p.get("max_latency_ms"))) {
            problem = "answered in " + took.toMillis() + " ms, over " + p.get("max_latency_ms") + " ms";
        }
        return problem == null
                ? ActionResult.of(
                        request, ActionOutcome.SUCCEEDED, what + " healthy in " + took.toMillis() + " ms", now, took)
                : ActionResult.of(request, ActionOutcome.FAILED, what + ": " + problem, now, took);
    }

    private String probeHttp(Map<String, String> p) {
        int expected = Integer.parseInt(p.getOrDefault("expect_status", "200"));
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(p.get("url")))
                    .timeout(timeout)
                    .GET()
                    .build();
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = res.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            if (res.statusCode() != expected) {
                return "status " + res.statusCode() + ", expected " + expected;
            }
            String needle = p.get("body_contains");
            if (needle != null && !body.contains(needle)) {
                return "body does not contain '" + needle + "'";
            }
            return null;
        } catch (IOException e) {
            return "unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IllegalArgumentException e) {
            return "bad URL: " + e.getMessage();
        }
    }

    private String probeTcp(String address) {
        int colon = address.lastIndexOf(':');
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65_535) {
            return "port " + port + " out of range";
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.substring(0, colon), port), (int) timeout.toMillis());
            return null;
        } catch (IOException e) {
            return "connection failed: " + e.getMessage();
        }
    }
}
