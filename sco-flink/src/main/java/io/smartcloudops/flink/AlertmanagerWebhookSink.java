package io.smartcloudops.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Posts firing and resolved alerts to an agent's (or an Alertmanager's) webhook as Alertmanager's
 * webhook payload, version 4, one alert a request. Remediation stays with the agent: each alert
 * carries its fingerprint and {@code startsAt}, so the retries here and the replays after a job
 * restores from a checkpoint (delivery is at least once) act once where the agent deduplicates.
 * Pending and inactive transitions are not sent: Alertmanager knows neither.
 *
 * <pre>{@code
 * streams.alerts()
 *         .sinkTo(AlertmanagerWebhookSink.builder(URI.create("http://agent:8080/webhook/alertmanager"))
 *                 .build());
 * }</pre>
 */
public final class AlertmanagerWebhookSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;

    private final URI url;
    private final String bearerToken;
    private final int attempts;
    private final Duration firstBackoff;
    private final Duration timeout;

    private AlertmanagerWebhookSink(Builder b) {
        this.url = b.url;
        this.bearerToken = b.bearerToken;
        this.attempts = b.attempts;
        this.firstBackoff = b.firstBackoff;
        this.timeout = b.timeout;
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new Writer();
    }

    /** The webhook body for one alert transition. */
    static String payload(Alert a) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        String status = a.state() == AlertState.RESOLVED ? "resolved" : "firing";
        root.put("version", "4");
        root.put("groupKey", "{}:{alertname=\"" + a.name() + "\"}");
        root.put("truncatedAlerts", 0);
        root.put("status", status);
        root.put("receiver", "sco-flink");
        ObjectNode common = root.putObject("groupLabels");
        common.put("alertname", a.name());
        ObjectNode commonLabels = root.putObject("commonLabels");
        a.labels().asMap().forEach(commonLabels::put);
        ObjectNode commonAnnotations = root.putObject("commonAnnotations");
        a.annotations().forEach(commonAnnotations::put);
        root.put("externalURL", "");
        ArrayNode alerts = root.putArray("alerts");
        ObjectNode one = alerts.addObject();
        one.put("status", status);
        ObjectNode labels = one.putObject("labels");
        a.labels().asMap().forEach(labels::put);
        ObjectNode annotations = one.putObject("annotations");
        a.annotations().forEach(annotations::put);
        // startsAt is when the alert fired (Alertmanager's alerts start firing); with the fingerprint it names one
        // occurrence
        one.put("startsAt", (a.firedAt() != null ? a.firedAt() : a.activeSince()).toString());
        one.put("endsAt", a.resolvedAt() != null ? a.resolvedAt().toString() : "0001-01-01T00:00:00Z");
        one.put("generatorURL", "");
        one.put("fingerprint", a.fingerprint());
        return root.toString();
    }

    private final class Writer implements SinkWriter<Alert> {
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(timeout).build();

        @Override
        public void write(Alert alert, Context context) throws IOException, InterruptedException {
            if (alert.state() != AlertState.FIRING && alert.state() != AlertState.RESOLVED) {
                return;
            }
            HttpRequest.Builder req = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload(alert)));
            if (bearerToken != null) {
                req.header("Authorization", "Bearer " + bearerToken);
            }
            HttpRequest request = req.build();
            String last = "";
            Duration backoff = firstBackoff;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    HttpResponse<String> got = http.send(request, HttpResponse.BodyHandlers.ofString());
                    int code = got.statusCode();
                    if (code / 100 == 2) {
                        return;
                    }
                    last = "HTTP " + code + ": " + got.body();
                    if (code / 100 == 4 && code != 408 && code != 429) {
                        // the agent refused this payload: a retry sends the same bytes and gets the same answer
                        throw new IOException("webhook " + url + " refused alert " + alert.fingerprint() + " (" + last
                                + "); check the sink's URL and token");
                    }
                } catch (IOException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("webhook ")) {
                        throw e;
                    }
                    last = e.toString();
                }
                if (attempt < attempts) {
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2);
                }
            }
            // failing the task makes Flink restart it from the last checkpoint, which sends the alert again
            throw new IOException("webhook " + url + " did not take alert " + alert.fingerprint() + " after " + attempts
                    + " attempts: " + last);
        }

        @Override
        public void flush(boolean endOfInput) {
            // every write is sent before it returns: nothing is buffered at a checkpoint
        }

        @Override
        public void close() {
            // Java 17's HttpClient has no close: its threads end when it is unreachable
        }
    }

    /** Options for the sink. */
    public static final class Builder {
        private final URI url;
        private String bearerToken;
        private int attempts = 5;
        private Duration firstBackoff = Duration.ofMillis(200);
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** Sent as {@code Authorization: Bearer ...}, for an agent whose webhook takes a token. */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        /** Tries per alert before the task fails (and restarts from its checkpoint); backoff doubles from {@code first}. */
        public Builder retries(int attempts, Duration first) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
            }
            this.attempts = attempts;
            this.firstBackoff = Objects.requireNonNull(first);
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = Objects.requireNonNull(t);
            return this;
        }

        public AlertmanagerWebhookSink build() {
            return new AlertmanagerWebhookSink(this);
        }
    }
}
