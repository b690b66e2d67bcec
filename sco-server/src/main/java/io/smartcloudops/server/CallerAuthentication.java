package io.smartcloudops.server;

import io.javalin.http.Context;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who is calling the HTTP API, decided once per request before any endpoint runs, and what a caller
 * must be to change state. Every change names who made it, so an endpoint that changes state asks
 * {@link #requireOperator} and gets the principal it records.
 */
final class CallerAuthentication {
    private static final String PRINCIPAL = "sco.principal";

    private final ServerConfig config;
    private final TokenStore tokens;

    CallerAuthentication(ServerConfig config, TokenStore tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /**
     * The holder of a valid bearer token (ours, or the fixed {@code http.token} from the config file,
     * which acts as an operator), else an anonymous caller. Anonymous calls are let through only to
     * read, only when the listening socket is on loopback and {@code http.anonymous} is {@code read},
     * and never on the host-to-host link; the health probe is open to everyone.
     */
    void authenticate(Context ctx, boolean loopback) {
        String header = ctx.header("Authorization");
        Principal who = null;
        if (header != null) {
            if (!header.startsWith("Bearer ")) {
                unauthorized(ctx, "the Authorization header must be 'Bearer <token>'");
            }
            String token = header.substring("Bearer ".length()).trim();
            if (config.httpToken().isPresent()
                    && MessageDigest.isEqual(
                            token.getBytes(StandardCharsets.UTF_8),
                            config.httpToken().get().getBytes(StandardCharsets.UTF_8))) {
                who = new Principal("config-token", Role.OPERATOR);
            } else {
                who = tokens.authenticate(token).orElse(null);
            }
            if (who == null) {
                unauthorized(ctx, "unknown or revoked token");
            }
        } else if (!ctx.path().equals("/healthz")) {
            if (!loopback) {
                unauthorized(
                        ctx,
                        "this agent listens on " + config.bind()
                                + "; every endpoint but /healthz needs 'Authorization: Bearer <token>'");
            }
            if (ctx.path().startsWith("/link/")) {
                unauthorized(ctx, "the host-to-host link always needs 'Authorization: Bearer <token>'");
            }
            if (config.anonymous() == ServerConfig.AnonymousAccess.NONE) {
                unauthorized(
                        ctx,
                        "http.anonymous is 'none': every endpoint but /healthz needs 'Authorization: Bearer <token>'");
            }
            if (!isRead(ctx)) {
                unauthorized(
                        ctx,
                        "anonymous callers may only read; " + ctx.method() + " " + ctx.path()
                                + " needs 'Authorization: Bearer <token>'");
            }
        }
        ctx.attribute(PRINCIPAL, who);
    }

    /** The identified caller, or null for an anonymous caller on loopback. */
    static Principal caller(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /** Endpoints that change state need an authenticated operator: every change names who made it. */
    static Principal requireOperator(Context ctx) {
        Principal p = caller(ctx);
        if (p == null) {
            unauthorized(
                    ctx,
                    ctx.method() + " " + ctx.path()
                            + " changes state: it needs an operator's 'Authorization: Bearer <token>'");
        }
        if (!p.role().atLeast(Role.OPERATOR)) {
            throw new BadRequest(
                    403,
                    p.name() + " (" + p.role().name().toLowerCase(Locale.ROOT)
                            + ") may not change state; an operator token is needed");
        }
        return p;
    }

    /** Reads: GET and HEAD, and the chat question, which answers as a viewer and never acts for an anonymous caller. */
    private static boolean isRead(Context ctx) {
        String method = ctx.method().name();
        return method.equals("GET")
                || method.equals("HEAD")
                || method.equals("POST") && ctx.path().equals("/query");
    }

    private static void unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new BadRequest(401, message);
    }
}
