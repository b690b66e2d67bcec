package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.remediate.alerting.NotificationGroups;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert storm in one round reaches a real webhook as one notification a group (Alertmanager's
 * {@code group_by}), with every alert of the group in it; different groups are told separately.
 */
class OpsWebhookGroupingTest {
    private static final String RULES = """
            groups:
              - name: storm
                rules:
                  - alert: HighLoad
                    expr: pod_load > 50
                    labels: {severity: warning}
                    annotations: {summary: 'load {{ $value }} on {{ $labels.pod }}'}
                  - alert: DiskLow
                    expr: pod_disk_used_percent > 90
                    labels: {severity: warning}
                    annotations: {summary: 'disk {{ $value }}% on {{ $labels.pod }}'}
            """;
    private static final int LOADED = 500;
    private static final int FULL = 200;

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer hook;

    @BeforeEach
    void listen() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stop() {
        hook.stop(0);
    }

    private Ops ops(Duration groupWait) {
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/";
        return Ops.builder()
                .config(RuntimeConfig.defaults().toBuilder()
                        .grouping(
                                new NotificationGroups.Settings(List.of("alertname"), groupWait, Duration.ofMinutes(5)))
                        .build())
                .dataDir(dir)
                .clock(now::get)
                .detector("ewma")
                .rules("storm.yml", RULES)
                .notifiers(Map.of("webhook", ProviderConfig.of("notifiers.webhook", Map.of("url", url))))
                .checkpointInterval(Duration.ZERO)
                .build();
    }

    /** One round in which 500 pods' load and 200 pods' disks cross their thresholds together. */
    private void storm(Ops ops) {
        long t = now.get().toEpochMilli();
        for (int k = 0; k < LOADED; k++) {
            ops.ingest(new Sample(SeriesId.of("pod_load", Labels.of("pod", "p" + k)), t, 99));
        }
        for (int k = 0; k < FULL; k++) {
            ops.ingest(new Sample(SeriesId.of("pod_disk_used_percent", Labels.of("pod", "p" + k)), t, 95));
        }
        assertThat(ops.runOnce(now.get())).hasSize(LOADED + FULL);
    }

    private void expectOneNotificationAGroup() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        // and nothing more: the rest of a group waits for no group_interval
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 2);
        JsonNode load = null;
        JsonNode disk = null;
        for (String body : received) {
            JsonNode n = json.readTree(body);
            if (n.get("title").asText().contains("HighLoad")) {
                load = n;
            } else {
                disk = n;
            }
        }
        assertThat(load).isNotNull();
        assertThat(disk).isNotNull();
        assertThat(load.get("title").asText()).isEqualTo("[FIRING:" + LOADED + "] HighLoad");
        assertThat(load.get("body").asText().lines())
                .hasSize(LOADED)
                .allMatch(l -> l.startsWith("- [FIRING] HighLoad"));
        assertThat(load.get("labels").get("alertname").asText()).isEqualTo("HighLoad");
        assertThat(disk.get("title").asText()).isEqualTo("[FIRING:" + FULL + "] DiskLow");
        assertThat(disk.get("body").asText().lines()).hasSize(FULL).allMatch(l -> l.startsWith("- [FIRING] DiskLow"));
    }

    @Test
    void aStormWithNoGroupWaitIsOnePostAGroupAtOnce() throws Exception {
        try (Ops ops = ops(Duration.ZERO)) {
            storm(ops);
            expectOneNotificationAGroup();
        }
    }

    @Test
    void aStormWithAGroupWaitIsOnePostAGroupWhenTheWaitIsOver() throws Exception {
        try (Ops ops = ops(Duration.ofSeconds(30))) {
            storm(ops);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(received::isEmpty);
            now.set(now.get().plusSeconds(30)); // the groups' timer reads the loop's clock
            expectOneNotificationAGroup();
        }
    }
}
