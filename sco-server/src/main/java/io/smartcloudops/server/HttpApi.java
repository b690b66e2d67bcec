package io.smartcloudops.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP API on Javalin (Jetty 12). Every answer is JSON, errors included:
 * {@code {"error": "...", "status": 400}}.
 */
final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** The chat engines' own default limit ({@code max-query-chars}), so HTTP refuses what the engine would. */
    static final int MAX_QUERY_CHARS = 2_000;

    static final int QUERIES_PER_MINUTE = 120;
    private final RequestRateLimiter queryLimiter = new RequestRateLimiter(QUERIES_PER_MINUTE, Duration.ofMinutes(1));

    private final ServedHost host;
    private final BindResolver resolver;
    private final CallerAuthentication authentication;
    /** Strict reading: trailing garbage and duplicate keys are errors, so what we act on is what was sent. */
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Javalin app;
    private volatile boolean loopback;
    private volatile RequestGuard guard;

    /** Resolves the configured bind name to the one address the server listens on. */
    @FunctionalInterface
    interface BindResolver {
        InetAddress resolve(String bind) throws UnknownHostException;
    }

    HttpApi(ServedHost host, BindResolver resolver) {
        this.host = host;
        this.resolver = resolver;
        this.authentication = new CallerAuthentication(host.config(), host.tokens());
    }

    /**
     * Jetty handlers in front of Javalin's (Javalin nests its own inside the innermost wrapper): at
     * most a few requests of one client address at once, so one client trickling many bodies cannot
     * hold every worker, and a minimum body rate, so each trickling request ends with 408.
     */
    private static org.eclipse.jetty.server.Handler.Wrapper slowClientGuards(ServerConfig.ConnectionLimits limits) {
        var perClient = new org.eclipse.jetty.server.handler.ThreadLimitHandler();
        perClient.setThreadLimit(limits.maxRequestsPerClient());
        if (limits.minBodyBytesPerSecond() > 0) {
            perClient.setHandler(
                    new org.eclipse.jetty.server.handler.MinimumDataRateHandler(limits.minBodyBytesPerSecond(), 0));
        }
        return perClient;
    }

    void start(String bind, int port) {
        int maxBody = host.config().maxBodyBytes();
        InetAddress address;
        try {
            address = resolver.resolve(
                    bind.startsWith("[") && bind.endsWith("]") ? bind.substring(1, bind.length() - 1) : bind);
        } catch (UnknownHostException e) {
            throw new io.smartcloudops.api.ConfigException(
                    "setting 'http.bind': '" + bind + "' does not resolve to an address");
        }
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.staticFiles.enableWebjars();
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = maxBody;
            // Listen on the resolved address itself, so what is served is exactly what was judged loopback or not.
            config.jetty.host = address.getHostAddress();
            config.jetty.port = port;
            ServerConfig.ConnectionLimits limits = host.config().connections();
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.setHandler(slowClientGuards(limits));
            });
            // Jetty's idle timeout while a handler is blocked reading a body or writing an answer.
            config.jetty.modifyHttpConfiguration(
                    http -> http.setIdleTimeout(limits.idleTimeout().toMillis()));
            config.routes.before(ctx -> {
                guard.check(ctx);
                long length = ctx.contentLength();
                if (length > maxBody) {
                    throw new BadRequest(413, "request body of " + length + " bytes is over the limit of " + maxBody);
                }
            });
            config.routes.get("/", this::index);
            config.routes.get("/healthz", ctx -> send(ctx, 200, Map.of("status", "ok")));
            config.routes.get(
                    "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
            config.routes.get("/status", this::status);
            config.routes.post("/query", this::query);
            config.routes.get("/logs", this::logs);
            config.routes.get("/audit", this::audit);
            config.routes.before(ctx -> authentication.authenticate(ctx, loopback));
            config.routes.get(
                    "/approvals",
                    ctx -> send(
                            ctx,
                            200,
                            Map.of(
                                    "pending",
                                    host.approvals().pending().stream()
                                            .map(JsonViews::approval)
                                            .toList())));
            config.routes.post("/approvals/{id}/approve", ctx -> decide(ctx, true));
            config.routes.post("/approvals/{id}/deny", ctx -> decide(ctx, false));
            new AlertingEndpoints(host, this).register(config);
            config.routes.get("/series", this::series);
            config.routes.get("/forecast", this::forecast);
            new LinkEndpoints(host, CallerAuthentication::requireOperator).register(config);
            config.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType(host.metrics().contentType())
                            .result(host.metrics().scrape()));
            config.routes.exception(BadRequest.class, (e, ctx) -> {
                e.headers().forEach(ctx::header);
                error(ctx, e.status(), e.getMessage());
            });
            config.routes.exception(io.smartcloudops.server.link.PeerUnavailableException.class, (e, ctx) -> {
                LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                error(ctx, 503, "the monitor this host answers from is unavailable: " + e.getMessage());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            // A change that cannot be audited was not made: 503 says so, and Alertmanager retries it.
            config.routes.exception(io.smartcloudops.api.audit.AuditException.class, (e, ctx) -> {
                LOG.error("{} {}: the audit log refused an entry: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "30");
                error(ctx, 503, "the audit log cannot record this change, so it was not made: " + e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName() + "; see the agent log");
            });
            config.routes.error(404, ctx -> {
                if (!ctx.res().isCommitted() && !isJsonError(ctx)) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + "; GET / lists them");
                }
            });
            config.routes.error(
                    405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
            config.routes.error(413, ctx -> {
                if (!isJsonError(ctx)) {
                    error(ctx, 413, "request body over the limit of " + maxBody + " bytes");
                }
            });
        });
        app.start();
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.AbstractConnector connector) {
                // Applies to connections accepted from now on: none were accepted before start returned.
                connector.setIdleTimeout(
                        host.config().connections().idleTimeout().toMillis());
            }
        }
        InetSocketAddress bound = boundAddress();
        loopback = bound.getAddress().isLoopbackAddress();
        guard = RequestGuard.forListener(bind, bound, host.config().hosts());
        LOG.info(
                "HTTP API on {} ({}; anonymous callers: {})",
                bound,
                loopback ? "loopback" : "network, tokens required",
                loopback ? host.config().anonymous().name().toLowerCase(Locale.ROOT) : "none");
    }

    /** The address the listening socket is bound to, as the kernel reports it. */
    private InetSocketAddress boundAddress() {
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c.getTransport() instanceof ServerSocketChannel channel) {
                try {
                    return (InetSocketAddress) channel.getLocalAddress();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the address the HTTP server listens on", e);
                }
            }
        }
        throw new IllegalStateException("the HTTP server has no network connector");
    }

    /** True when the listening socket is on a loopback address: only this machine can connect. */
    boolean listensOnLoopback() {
        return loopback;
    }

    private static boolean isJsonError(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null
                && ct.startsWith("application/json")
                && ctx.result() != null
                && ctx.result().contains("\"error\"");
    }

    private String openApi() throws IOException {
        try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    int port() {
        return app.port();
    }

    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private void index(Context ctx) throws IOException {
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/html")) {
            try (InputStream in = HttpApi.class.getResourceAsStream("index.html")) {
                ctx.contentType("text/html; charset=utf-8")
                        .result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return;
        }
        send(ctx, 200, EndpointIndex.body());
    }

    private void status(Context ctx) {
        send(
                ctx,
                200,
                JsonViews.status(
                        host.view().status(),
                        host.ops().config().actionMode().name().toLowerCase(Locale.ROOT),
                        host.ops().config().detector(),
                        host.ops().health().snapshot()));
    }

    private void query(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest(
                    400, "body must be a JSON object like {\"text\": \"show open alerts\", \"session\": \"s1\"}");
        }
        JsonNode text = body.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new BadRequest(400, "field 'text' is required and must be a non-empty string");
        }
        int maxChars = host.config().chatSettings().integer("max-query-chars", MAX_QUERY_CHARS);
        if (text.asText().length() > maxChars) {
            throw new BadRequest(
                    413, "field 'text' is " + text.asText().length() + " characters; the limit is " + maxChars);
        }
        JsonNode session = body.get("session");
        String sessionId = null;
        if (session != null && !session.isNull()) {
            if (!session.isTextual() || !SESSION.matcher(session.asText()).matches()) {
                throw new BadRequest(
                        400, "field 'session' must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
            }
            sessionId = session.asText();
        }
        Principal who = CallerAuthentication.caller(ctx) == null
                ? Principal.anonymousViewer()
                : CallerAuthentication.caller(ctx);
        // Anonymous callers are all on this machine (loopback): one shared budget, whichever 127/8 address they use.
        String key = CallerAuthentication.caller(ctx) == null ? "anonymous" : who.name();
        Instant now = host.ops().now();
        if (!queryLimiter.allow(key, now)) {
            long wait = queryLimiter.secondsUntilNextWindow(now);
            throw new BadRequest(
                    429,
                    "too many queries from " + key + "; at most " + QUERIES_PER_MINUTE + " a minute; retry in " + wait
                            + " s",
                    Map.of("Retry-After", Long.toString(wait)));
        }
        ChatReply reply = host.chat().answer(new ChatQuery(text.asText(), sessionId, who));
        if (host.config().chatEngine().equals("llm")) {
            Object fellBack = reply.data().get("fallback_reason");
            host.ops()
                    .health()
                    .record(
                            "llm",
                            fellBack == null
                                    ? io.smartcloudops.runtime.ComponentHealth.OK
                                    : "answered offline (" + fellBack + ")");
        }
        send(ctx, 200, JsonViews.reply(reply));
    }

    private void logs(Context ctx) {
        int lines = QueryParameters.integer(ctx, "lines", 100, 1, 2_000);
        String level = ctx.queryParam("level") == null ? "INFO" : ctx.queryParam("level");
        try {
            RecentLogs.parseLevel(level);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "lines",
                host.view().logs(lines, level).stream().map(JsonViews::log).toList());
        body.put(
                "audit",
                host.view().audit(AuditQuery.latest(Math.min(lines, 500))).stream()
                        .map(JsonViews::audit)
                        .toList());
        send(ctx, 200, body);
    }

    private void audit(Context ctx) {
        AuditQuery.Builder q = AuditQuery.builder().limit(QueryParameters.integer(ctx, "limit", 100, 1, 10_000));
        q.from(QueryParameters.instant(ctx, "from")).to(QueryParameters.instant(ctx, "to"));
        String kind = ctx.queryParam("kind");
        if (kind != null) {
            try {
                q.kind(AuditKind.valueOf(kind.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(
                        400,
                        "kind must be one of "
                                + List.of(AuditKind.values()).stream()
                                        .map(k -> k.name().toLowerCase(Locale.ROOT))
                                        .toList());
            }
        }
        q.subject(ctx.queryParam("subject")).action(ctx.queryParam("action")).outcome(ctx.queryParam("outcome"));
        send(
                ctx,
                200,
                Map.of(
                        "entries",
                        host.view().audit(q.build()).stream()
                                .map(JsonViews::audit)
                                .toList()));
    }

    private void decide(Context ctx, boolean approve) {
        Principal p = CallerAuthentication.caller(ctx);
        if (p == null || !p.role().atLeast(io.smartcloudops.api.action.Role.OPERATOR)) {
            throw new BadRequest(
                    p == null ? 401 : 403,
                    "approving or denying needs an operator token: an approval names who gave it");
        }
        String id = ctx.pathParam("id");
        String reason = approve || ctx.body().isBlank()
                ? ""
                : jsonObject(ctx, "{\"reason\": \"...\"}").path("reason").asText("");
        if (host.approvals().pending().stream().noneMatch(a -> a.id().equals(id))) {
            throw new BadRequest(404, "no pending approval '" + id + "'; GET /approvals lists them");
        }
        io.smartcloudops.api.action.ActionResult r =
                approve ? host.approvals().approve(id, p) : host.approvals().deny(id, p, reason);
        send(ctx, r.message().startsWith("no pending approval") ? 404 : 200, JsonViews.action(r));
    }

    private void series(Context ctx) {
        String metric = QueryParameters.metric(ctx);
        int limit = QueryParameters.integer(ctx, "limit", 240, 1, 240);
        Duration horizon = QueryParameters.duration(ctx, "horizon", Duration.ofHours(1));
        List<io.smartcloudops.api.detect.AnomalyEvent> anomalies = host.view().anomalies(500);
        List<Map<String, Object>> out = new ArrayList<>();
        for (io.smartcloudops.api.metric.SeriesId id : matching(metric, ctx.queryParam("host"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series", id.toString());
            m.put("labels", id.labels().asMap());
            m.put(
                    "points",
                    host.view().points(id, limit).stream().map(JsonViews::point).toList());
            m.put(
                    "anomalies",
                    anomalies.stream()
                            .filter(a -> a.series().equals(id))
                            .map(JsonViews::anomaly)
                            .toList());
            // the band ahead comes from the one forecaster chat uses too; the band behind is the detector's own
            m.put(
                    "forecast",
                    host.view().forecast(id, horizon).map(JsonViews::forecast).orElse(null));
            out.add(m);
        }
        send(ctx, 200, Map.of("metric", metric, "series", out));
    }

    private void forecast(Context ctx) {
        String metric = QueryParameters.metric(ctx);
        Duration horizon = QueryParameters.duration(ctx, "horizon", Duration.ofDays(1));
        double threshold = QueryParameters.finiteNumber(ctx, "threshold");
        List<Map<String, Object>> out = new ArrayList<>();
        for (io.smartcloudops.api.metric.SeriesId id : matching(metric, ctx.queryParam("host"))) {
            (Double.isNaN(threshold)
                            ? host.view().forecast(id, horizon)
                            : host.view().forecast(id, horizon, threshold))
                    .map(JsonViews::forecast)
                    .ifPresent(out::add);
        }
        send(ctx, 200, Map.of("metric", metric, "horizon", horizon.toString(), "forecasts", out));
    }

    private List<io.smartcloudops.api.metric.SeriesId> matching(String metric, String hostLabel) {
        return host.view().series().stream()
                .filter(id -> id.name().equals(metric)
                        || id.name().startsWith(metric + "_")
                        || id.name().endsWith("_" + metric)
                        || id.name().contains("_" + metric + "_"))
                .filter(id -> hostLabel == null || hostLabel.equals(id.labels().get("host")))
                .sorted(Comparator.comparing(Object::toString))
                .limit(10)
                .toList();
    }

    JsonNode jsonObject(Context ctx, String example) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest(400, "body must be a JSON object like " + example);
        }
        return body;
    }

    void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response of plain maps and lists always serialises", e);
        }
    }

    private void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        send(ctx, status, body);
    }
}
