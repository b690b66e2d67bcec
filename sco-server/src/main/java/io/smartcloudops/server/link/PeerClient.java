package io.smartcloudops.server.link;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Calls a peer host's {@code /link/v1} routes with its bearer token, bounded in time. Every failure
 * becomes a {@link PeerUnavailableException} naming the peer, the route and the reason; the
 * token never appears in a message.
 */
public final class PeerClient {
    private static final int MAX_ANSWER_CHARS = 16 * 1024 * 1024;

    private final PeerLink peer;
    private final Duration timeout;
    private final LinkCodec codec;
    private final HttpClient http;

    public PeerClient(PeerLink peer, Duration timeout, LinkCodec codec) {
        this.peer = Objects.requireNonNull(peer);
        this.timeout = Objects.requireNonNull(timeout);
        this.codec = Objects.requireNonNull(codec);
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public PeerClient(PeerLink peer, Duration timeout) {
        this(peer, timeout, new LinkCodec());
    }

    public PeerLink peer() {
        return peer;
    }

    public <T> T get(String path, Map<String, String> query, TypeReference<T> type) {
        String q = query.isEmpty()
                ? ""
                : "?"
                        + query.entrySet().stream()
                                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                                .collect(Collectors.joining("&"));
        return call(request(path + q).GET(), path, type);
    }

    public <T> T post(String path, Object body, TypeReference<T> type) {
        return call(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(codec.write(body))),
                path,
                type);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        String base = peer.url().toString().replaceAll("/+$", "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        peer.token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private <T> T call(HttpRequest.Builder builder, String path, TypeReference<T> type) {
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new PeerUnavailableException(
                    where(path) + " did not answer within " + timeout.toMillis() + " ms", 0, e);
        } catch (IOException e) {
            throw new PeerUnavailableException(where(path) + " is unreachable: " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(where(path) + ": interrupted while waiting", 0, e);
        }
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 != 2) {
            throw new PeerUnavailableException(
                    where(path) + " answered " + response.statusCode() + ": " + errorOf(body),
                    response.statusCode(),
                    null);
        }
        if (body.length() > MAX_ANSWER_CHARS) {
            throw new PeerUnavailableException(
                    where(path) + " answered " + body.length() + " characters, over the limit", 0, null);
        }
        try {
            return codec.read(body, type);
        } catch (IllegalArgumentException e) {
            throw new PeerUnavailableException(
                    where(path) + " answered something that is not its link format: " + e.getMessage(), 0, e);
        }
    }

    private String where(String path) {
        return "peer " + peer.url() + " (" + path + ")";
    }

    /** The peer's own {"error": ...} message when it sent one, else the start of the body. */
    private String errorOf(String body) {
        try {
            JsonNode n = codec.mapper().readTree(body);
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (IOException ignored) {
            // not JSON: show the text itself
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
