package io.smartcloudops.server;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses the requests a browser can be tricked into sending before anyone is authenticated:
 * a {@code Host} name the server does not answer to (DNS rebinding: a page whose name now points
 * at 127.0.0.1), a change sent from another origin (cross-site request forgery), and a body that is
 * not declared JSON (the "simple" {@code text/plain} POST a page may send without a preflight).
 *
 * <p>Host names are checked, IP literals are not: rebinding needs a name the attacker controls,
 * and a page served from an IP literal is already same-origin with it.
 */
final class RequestGuard {
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names;

    private RequestGuard(Set<String> names) {
        this.names = Collections.unmodifiableSet(names);
    }

    /**
     * The names a server answers to: {@code localhost}, the configured ones, the bind name, and on
     * a wildcard or non-loopback bind this machine's own host names.
     */
    static RequestGuard forListener(String bind, InetSocketAddress bound, List<String> configured) {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        configured.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        if (!isIpLiteral(bind)) {
            names.add(bind.toLowerCase(Locale.ROOT));
        }
        if (!bound.getAddress().isLoopbackAddress()) {
            names.addAll(ownHostNames());
        }
        return new RequestGuard(names);
    }

    /** The names accepted besides IP literals, for error messages and tests. */
    Set<String> names() {
        return names;
    }

    void check(Context ctx) {
        String host = hostName(ctx.header("Host"));
        if (host != null && !isIpLiteral(host) && !names.contains(host)) {
            throw new BadRequest(
                    421,
                    "this server does not answer to the host name '" + host + "'; add it to http.hosts if it is yours");
        }
        if (!CHANGES.contains(ctx.method().name())) {
            return;
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            throw new BadRequest(403, "cross-site requests may not change anything here");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
            throw new BadRequest(
                    403, "a change from origin '" + origin + "' is refused: only this server's own page may send one");
        }
        String type = ctx.header("Content-Type");
        boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        if (hasBody && (type == null || !isJson(type))) {
            throw new BadRequest(
                    415,
                    "the body must be sent as 'Content-Type: application/json', got "
                            + (type == null ? "none" : "'" + type + "'"));
        }
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json");
    }

    /** True when {@code origin} names the same host and port the request was sent to. */
    private static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        try {
            URI o = new URI(origin);
            if (o.getHost() == null || !"http".equals(o.getScheme()) && !"https".equals(o.getScheme())) {
                return false;
            }
            String authority = o.getRawAuthority().toLowerCase(Locale.ROOT);
            String target = hostHeader.trim().toLowerCase(Locale.ROOT);
            return authority.equals(target)
                    || withDefaultPort(authority, o.getScheme()).equals(withDefaultPort(target, o.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String withDefaultPort(String authority, String scheme) {
        boolean hasPort = authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
        return hasPort ? authority : authority + (scheme.equals("https") ? ":443" : ":80");
    }

    /** The name part of a Host header, lower-cased, without port or IPv6 brackets; null if absent. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    static boolean isIpLiteral(String host) {
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.contains(":") && h.matches("[0-9a-fA-F:.%a-zA-Z0-9]+");
    }

    private static Set<String> ownHostNames() {
        Set<String> out = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            out.add(local.getHostName().toLowerCase(Locale.ROOT));
            out.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            // A machine without a resolvable name of its own: only the configured names and IP literals reach it.
        }
        return out;
    }
}
