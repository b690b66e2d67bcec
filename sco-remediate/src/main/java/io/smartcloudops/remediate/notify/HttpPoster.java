package io.smartcloudops.remediate.notify;

import io.smartcloudops.api.notify.NotificationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** Posts JSON to a webhook within a time bound; a non-2xx answer is a failed delivery. */
final class HttpPoster {
    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;

    HttpPoster(URI url, Duration timeout, Map<String, String> headers) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("webhook URL must be http or https, got " + url);
        }
        this.url = url;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    void post(String json) throws NotificationException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new NotificationException("webhook " + redacted() + " answered " + r.statusCode(), null);
            }
        } catch (HttpTimeoutException e) {
            throw new NotificationException("webhook " + redacted() + " did not answer within " + timeout, e);
        } catch (IOException e) {
            throw new NotificationException("webhook " + redacted() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationException("interrupted while posting to " + redacted(), e);
        }
    }

    /** Slack-style URLs carry their secret in the path; logs get the host only. */
    String redacted() {
        return url.getScheme() + "://" + url.getAuthority() + "/…";
    }
}
