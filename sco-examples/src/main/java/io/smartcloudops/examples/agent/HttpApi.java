package io.smartcloudops.examples.agent;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    static final int MAX_QUERY_CHARS = 4_000;

    private final Agent agent;
    private final ObjectMapper json = new ObjectMapper();
    private Javalin app;

    HttpApi(Agent agent) {
        this.agent = agent;
    }

    void start(String bind, int port) {
        int maxBody = agent.config().maxBodyBytes();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = maxBody;
            config.jetty.host = bind;
            config.jetty.port = port;
            config.routes.before(ctx -> {
                long length = ctx.contentLength();
                if (length > maxBody) {
                    throw new BadRequest(413, "request body of " + length + " bytes is over the limit of " + maxBody);
                }
            });
            config.routes.get("/", this::index);
            config.routes.get("/healthz", ctx -> send(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/status", this::status);
            config.routes.post("/query", this::query);
            config.routes.get("/logs", this::logs);
            config.routes.get("/audit", this::audit);
            config.routes.get("/approvals", ctx -> send(ctx, 200,
                    Map.of("pending", agent.gate().pending().stream().map(JsonViews::approval).toList())));
            config.routes.get("/metrics", ctx -> ctx.contentType(agent.metrics().contentType()).result(agent.metrics().scrape()));
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName() + "; see the agent log");
            });
            config.routes.error(404, ctx -> {
                if (!ctx.res().isCommitted() && !isJsonError(ctx)) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + "; GET / lists them");
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
            config.routes.error(413, ctx -> {
                if (!isJsonError(ctx)) {
                    error(ctx, 413, "request body over the limit of " + maxBody + " bytes");
                }
            });
        });
        app.start();
    }

    private static boolean isJsonError(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith("application/json") && ctx.result() != null && ctx.result().contains("\"error\"");
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
                ctx.contentType("text/html; charset=utf-8").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "SmartCloudOps agent");
        body.put("endpoints", List.of(
                Map.of("method", "GET", "path", "/status", "what", "up, uptime, series watched, open alerts, recent anomalies and actions"),
                Map.of("method", "POST", "path", "/query", "what", "ask in plain language: {\"text\": \"...\", \"session\": \"...\"}"),
                Map.of("method", "GET", "path", "/logs", "what", "recent agent log lines and audit entries; ?lines=100&level=INFO"),
                Map.of("method", "GET", "path", "/audit", "what", "audit entries; ?from&to (ISO-8601), kind, subject, action, outcome, limit"),
                Map.of("method", "GET", "path", "/approvals", "what", "actions waiting for approval"),
                Map.of("method", "GET", "path", "/metrics", "what", "Prometheus text format"),
                Map.of("method", "GET", "path", "/healthz", "what", "liveness probe")));
        send(ctx, 200, body);
    }

    private void status(Context ctx) {
        send(ctx, 200, JsonViews.status(agent.view().status(), agent.config().actionMode().name().toLowerCase(Locale.ROOT),
                agent.config().detector()));
    }

    private void query(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest(400, "body must be a JSON object like {\"text\": \"show open alerts\", \"session\": \"s1\"}");
        }
        JsonNode text = body.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new BadRequest(400, "field 'text' is required and must be a non-empty string");
        }
        if (text.asText().length() > MAX_QUERY_CHARS) {
            throw new BadRequest(413, "field 'text' is " + text.asText().length() + " characters; the limit is " + MAX_QUERY_CHARS);
        }
        JsonNode session = body.get("session");
        String sessionId = null;
        if (session != null && !session.isNull()) {
            if (!session.isTextual() || !SESSION.matcher(session.asText()).matches()) {
                throw new BadRequest(400, "field 'session' must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
            }
            sessionId = session.asText();
        }
        ChatReply reply = agent.chat().answer(new ChatQuery(text.asText(), sessionId, Principal.anonymousViewer()));
        send(ctx, 200, JsonViews.reply(reply));
    }

    private void logs(Context ctx) {
        int lines = intParam(ctx, "lines", 100, 1, 2_000);
        String level = ctx.queryParam("level") == null ? "INFO" : ctx.queryParam("level");
        try {
            RecentLogs.parseLevel(level);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", agent.view().logs(lines, level).stream().map(JsonViews::log).toList());
        body.put("audit", agent.view().audit(AuditQuery.latest(Math.min(lines, 500))).stream().map(JsonViews::audit).toList());
        send(ctx, 200, body);
    }

    private void audit(Context ctx) {
        AuditQuery.Builder q = AuditQuery.builder().limit(intParam(ctx, "limit", 100, 1, 10_000));
        q.from(instantParam(ctx, "from")).to(instantParam(ctx, "to"));
        String kind = ctx.queryParam("kind");
        if (kind != null) {
            try {
                q.kind(AuditKind.valueOf(kind.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(400, "kind must be one of " + List.of(AuditKind.values()).stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
        q.subject(ctx.queryParam("subject")).action(ctx.queryParam("action")).outcome(ctx.queryParam("outcome"));
        send(ctx, 200, Map.of("entries", agent.view().audit(q.build()).stream().map(JsonViews::audit).toList()));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new BadRequest(400, "'" + name + "' must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "'" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    private static Instant instantParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest(400, "'" + name + "' must be an ISO-8601 instant like 2026-01-31T12:00:00Z, got '" + v + "'");
        }
    }

    private void send(Context ctx, int status, Object body) {
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
