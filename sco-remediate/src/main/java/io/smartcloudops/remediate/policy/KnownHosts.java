package io.smartcloudops.remediate.policy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hosts an alert may make the agent act on or connect to: the names in its configuration
 * ({@code remediation.known_hosts}, {@code http.hosts}, the {@code remotes} and their link hosts)
 * and this machine's loopback names. A webhook's labels choose among them; they cannot add to
 * them, so whoever can post an alert cannot point a restart or a verification GET at a host of
 * their choosing. Names are compared case-insensitively; IP literals only as written here.
 */
public final class KnownHosts {
    /** This machine, by the names and the two addresses a local service is reached at; not all of 127/8. */
    static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    private final Set<String> names;

    private KnownHosts(Collection<String> names) {
        Set<String> s = new TreeSet<>();
        for (String n : names) {
            if (n != null && !n.isBlank()) {
                s.add(bare(n));
            }
        }
        this.names = Set.copyOf(s);
    }

    /** The given names and the loopback names. */
    public static KnownHosts of(Collection<String> names) {
        List<String> all = new ArrayList<>(names);
        all.addAll(LOOPBACK);
        return new KnownHosts(all);
    }

    public boolean knows(String host) {
        return host != null && names.contains(bare(host));
    }

    /** The host a {@code url} or a {@code host:port} address names, or null when it names none. */
    static String hostOf(String urlOrAddress) {
        if (urlOrAddress.contains("://")) {
            try {
                return URI.create(urlOrAddress).getHost();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        int colon = urlOrAddress.lastIndexOf(':');
        return colon <= 0 ? null : urlOrAddress.substring(0, colon);
    }

    private static String bare(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    public Set<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
