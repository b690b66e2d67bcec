package io.smartcloudops.server;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.server.link.LinkCodec;
import io.smartcloudops.server.link.RemoteActionGateway;
import io.smartcloudops.server.link.RemoteOpsView;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The routes another SmartCloudOps host calls ({@code /link/v1/...}): this host's own state as the
 * API's records, and its own policy gate. The application host reads the monitor's state and
 * sends chat proposals through them; the monitor asks the application host to restart its
 * services through them. Reads follow the read rules of the API; acting needs an operator, and
 * a request made for someone else runs as {@code name@caller} with no more rights than the caller.
 */
final class LinkEndpoints {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private final ServedHost host;
    private final LinkCodec codec = new LinkCodec();
    private final Function<Context, Principal> operator;

    /** @param operator the authenticated operator calling, or a 401/403 thrown */
    LinkEndpoints(ServedHost host, Function<Context, Principal> operator) {
        this.host = host;
        this.operator = operator;
    }

    void register(JavalinConfig config) {
        String base = "/link/v1";
        config.routes.get(base + "/status", ctx -> send(ctx, host.ownView().status()));
        config.routes.get(base + "/series", ctx -> send(ctx, host.ownView().series()));
        config.routes.get(base + "/targets", ctx -> send(ctx, host.ownView().knownTargets()));
        config.routes.post(base + "/points", ctx -> {
            RemoteOpsView.PointsQuery q = read(ctx, new TypeReference<>() {});
            if (q.series() == null || q.limit() < 1 || q.limit() > 240) {
                throw new BadRequest(400, "'series' is required and 'limit' must be between 1 and 240");
            }
            send(ctx, host.ownView().points(q.series(), q.limit()));
        });
        config.routes.post(base + "/forecast", ctx -> {
            RemoteOpsView.ForecastQuery q = read(ctx, new TypeReference<>() {});
            if (q.series() == null
                    || q.horizon() == null
                    || q.horizon().isNegative()
                    || q.horizon().isZero()
                    || q.horizon().compareTo(Duration.ofDays(30)) > 0
                    || (q.threshold() != null && !Double.isFinite(q.threshold()))) {
                throw new BadRequest(
                        400, "'series' and a 'horizon' between PT1S and P30D are required; 'threshold' must be finite");
            }
            send(
                    ctx,
                    RemoteOpsView.wire(host.ownView()
                            .forecast(q.series(), q.horizon(), q.threshold() == null ? Double.NaN : q.threshold())));
        });
        config.routes.get(base + "/anomalies", ctx -> {
            String id = ctx.queryParam("id");
            send(
                    ctx,
                    id != null
                            ? host.ownView().anomaly(id).stream().toList()
                            : host.ownView().anomalies(QueryParameters.integer(ctx, "limit", 20, 1, 500)));
        });
        config.routes.get(base + "/alerts", ctx -> send(ctx, host.ownView().alerts()));
        config.routes.get(base + "/logs", ctx -> {
            String level = ctx.queryParam("level") == null ? "INFO" : ctx.queryParam("level");
            try {
                RecentLogs.parseLevel(level);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(400, e.getMessage());
            }
            send(ctx, host.ownView().logs(QueryParameters.integer(ctx, "lines", 100, 1, 2_000), level));
        });
        config.routes.post(
                base + "/audit", ctx -> send(ctx, host.ownView().audit(read(ctx, new TypeReference<AuditQuery>() {}))));
        config.routes.get(
                base + "/approvals", ctx -> send(ctx, host.ops().gate().pending()));
        config.routes.post(base + "/actions", ctx -> {
            Principal caller = operator.apply(ctx);
            ActionRequest r = read(ctx, new TypeReference<>() {});
            ActionRequest asked = ActionRequest.builder(r.action(), r.target())
                    .parameters(r.parameters())
                    .reason(r.reason())
                    .idempotencyKey(r.idempotencyKey())
                    .requestedBy(onBehalfOf(caller, r.requestedBy()))
                    .build();
            send(ctx, host.ops().gate().request(asked));
        });
        config.routes.post(base + "/approvals/{id}/approve", ctx -> decide(ctx, true));
        config.routes.post(base + "/approvals/{id}/deny", ctx -> decide(ctx, false));
    }

    private void decide(Context ctx, boolean approve) {
        Principal caller = operator.apply(ctx);
        RemoteActionGateway.Decision d = read(ctx, new TypeReference<>() {});
        Principal who = onBehalfOf(caller, d.principal());
        ActionResult r = approve
                ? host.ops().gate().approve(ctx.pathParam("id"), who)
                : host.ops().gate().deny(ctx.pathParam("id"), who, d.reason() == null ? "" : d.reason());
        send(ctx, r);
    }

    /**
     * A peer acts for a person (alice chatting on the app host): the gate and the audit log see
     * {@code alice@<peer's token>}, with the lesser of the two roles, so a peer can never lend
     * more rights than its own token has, nor a person claim more than the peer vouches for.
     */
    static Principal onBehalfOf(Principal caller, Principal claimed) {
        if (claimed == null) {
            return caller;
        }
        if (!NAME.matcher(claimed.name()).matches()) {
            throw new BadRequest(400, "'requestedBy.name' must be 1-128 letters, digits or . _ : @ -");
        }
        if (claimed.name().equals(caller.name())) {
            return caller;
        }
        Role role = claimed.role().compareTo(caller.role()) < 0 ? claimed.role() : caller.role();
        return new Principal(claimed.name() + "@" + caller.name(), role);
    }

    private <T> T read(Context ctx, TypeReference<T> type) {
        try {
            return codec.read(ctx.body(), type);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "body is not a valid link request: " + e.getMessage());
        }
    }

    private void send(Context ctx, Object body) {
        ctx.status(200).contentType("application/json").result(codec.write(body));
    }
}
