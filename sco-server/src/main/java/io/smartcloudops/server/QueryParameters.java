package io.smartcloudops.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The HTTP API's query parameters, read strictly: a value that is malformed or out of range is a
 * 400 naming the parameter and what it takes, never a silent default.
 */
final class QueryParameters {
    /** The years ISO-8601 writes without a sign, which the audit store can compare as text. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryParameters() {}

    static int integer(Context ctx, String name, int fallback, int min, int max) {
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

    /** The instant, or null when the parameter is absent. */
    static Instant instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            Instant t = Instant.parse(v);
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw new BadRequest(400, "'" + name + "' must be between year 0000 and 9999, got '" + v + "'");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new BadRequest(
                    400, "'" + name + "' must be an ISO-8601 instant like 2026-01-31T12:00:00Z, got '" + v + "'");
        }
    }

    static Duration duration(Context ctx, String name, Duration fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(v.trim());
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
                throw new BadRequest(400, "'" + name + "' must be between PT1S and P30D, got " + v);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new BadRequest(400, "'" + name + "' must be an ISO-8601 duration like PT6H or P2D, got '" + v + "'");
        }
    }

    /** The required {@code metric}: a Prometheus metric name. */
    static String metric(Context ctx) {
        String metric = ctx.queryParam("metric");
        if (metric == null || !metric.matches("[a-zA-Z_:][a-zA-Z0-9_:]{0,199}")) {
            throw new BadRequest(400, "'metric' must be a metric name, like node_cpu_usage_percent");
        }
        return metric;
    }

    /** The optional {@code name} as a finite number, or NaN when it is absent. */
    static double finiteNumber(Context ctx, String name) {
        String t = ctx.queryParam(name);
        if (t == null) {
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(t.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "'" + name + "' must be a number, got '" + t + "'");
        }
        if (!Double.isFinite(value)) {
            throw new BadRequest(400, "'" + name + "' must be a finite number, got '" + t + "'");
        }
        return value;
    }
}
