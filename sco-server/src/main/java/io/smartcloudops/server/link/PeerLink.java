package io.smartcloudops.server.link;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where another SmartCloudOps host listens and the bearer token this host presents to it.
 *
 * @param token empty when the peer is on loopback and open to anonymous callers
 */
public record PeerLink(URI url, Optional<String> token) {
    public PeerLink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("a peer URL must be http(s)://host[:port], got '" + url + "'");
        }
    }

    /** Never the token: configurations are logged and shown. */
    @Override
    public String toString() {
        return url + (token.isPresent() ? " (with token)" : "");
    }
}
