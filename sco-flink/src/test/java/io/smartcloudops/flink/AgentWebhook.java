package io.smartcloudops.flink;

import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.remediate.alerting.AlertmanagerPayload;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the agent's {@code /webhook/alertmanager}: reads each post with the agent's own
 * payload parser and keeps every delivery, and deduplicates them as the agent does, by
 * fingerprint, status and start. It refuses its first {@code failFirst} posts with 503.
 */
final class AgentWebhook implements AutoCloseable {
    private final HttpServer server;
    private final List<Alert> deliveries = new ArrayList<>();
    private final AtomicInteger refuse;

    AgentWebhook(int failFirst) throws IOException {
        refuse = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhook/alertmanager", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int code = 200;
            if (refuse.getAndDecrement() > 0) {
                code = 503;
            } else {
                List<Alert> got = new AlertmanagerPayload().parse(body);
                synchronized (deliveries) {
                    deliveries.addAll(got);
                }
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook/alertmanager");
    }

    List<Alert> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** The alerts the agent acts on: one per fingerprint, status and start. */
    Set<String> deduplicated() {
        Set<String> out = new LinkedHashSet<>();
        deliveries()
                .forEach(a -> out.add(
                        key(a.fingerprint(), a.state().name(), a.activeSince().toString())));
        return out;
    }

    /** The same key for a transition the rule engine produced (the sink sends its firing time as startsAt). */
    static String keyOf(Alert transition) {
        return key(
                transition.fingerprint(),
                transition.state().name(),
                transition.firedAt().toString());
    }

    private static String key(String fingerprint, String state, String startsAt) {
        return fingerprint + "|" + state + "|" + startsAt;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
