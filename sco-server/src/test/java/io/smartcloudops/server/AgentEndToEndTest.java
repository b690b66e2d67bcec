package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop in one JVM: replayed samples → anomaly → rule → dry-run remediation → audit → HTTP. */
class AgentEndToEndTest {
    @TempDir
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private AgentConfig config() {
        return AgentConfig.defaults().toBuilder()
                .port(0)
                .dataDir(dataDir)
                .sampleInterval(Duration.ofMillis(20))
                .sources(Map.of())
                .chatEngine("echo")
                .build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void cpuSpikeIsDetectedFiresTheRuleAndIsRemediatedInDryRun() throws Exception {
        ReplaySource replay = new ReplaySource(ReplaySource.normalThenSpike(), InstantSource.system());
        agent = Agent.builder(config()).source(replay).build().start();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode status = getJson("/status");
                    return status.get("recent_actions").size() > 0;
                });

        JsonNode status = getJson("/status");
        assertThat(status.get("up").asBoolean()).isTrue();
        assertThat(status.get("series_watched").asInt()).isEqualTo(1);
        assertThat(status.get("action_mode").asText()).isEqualTo("dry_run");
        JsonNode anomaly = status.get("recent_anomalies").get(0);
        assertThat(anomaly.get("metric").asText()).isEqualTo("node_cpu_usage_percent");
        assertThat(anomaly.get("value").asDouble()).isEqualTo(99.0);
        assertThat(anomaly.get("score").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(anomaly.get("detector").asText()).isEqualTo("default");
        assertThat(anomaly.get("reason").asText()).isNotBlank();
        JsonNode action = status.get("recent_actions").get(0);
        assertThat(action.get("action").asText()).isEqualTo("restart_service");
        assertThat(action.get("target").asText()).isEqualTo("test");
        assertThat(action.get("outcome").asText()).isEqualTo("dry_run");
        assertThat(action.get("message").asText()).isEqualTo("would run: systemctl restart app");
        assertThat(status.get("sources").get("replay").asText()).isEqualTo("ok");

        List<String> rows = auditRowsFromTheFile();
        assertThat(rows)
                .contains(
                        "ALERT CpuAnomaly firing", "ACTION restart_service started", "ACTION restart_service dry_run");
        assertThat(rows.indexOf("ALERT CpuAnomaly firing")).isLessThan(rows.indexOf("ACTION restart_service dry_run"));

        JsonNode logs = getJson("/logs?lines=200&level=WARN");
        assertThat(logs.get("lines").findValuesAsText("message"))
                .anySatisfy(m -> assertThat(m)
                        .startsWith("1 anomaly this round on 1 series, first: an-1 on node_cpu_usage_percent"));
        assertThat(logs.get("lines").findValuesAsText("level"))
                .allSatisfy(l -> assertThat(l).isIn("WARN", "ERROR"));
        assertThat(logs.get("audit").findValuesAsText("outcome")).contains("dry_run", "firing");

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("sco_samples_ingested_total{source=\"replay\"}");
        assertThat(metrics).containsPattern("sco_anomalies_total\\{detector=\"default\"} [1-9]");
        assertThat(metrics).contains("sco_actions_total{action=\"restart_service\",outcome=\"dry_run\"} 1.0");
        assertThat(metrics).containsPattern("sco_alerts\\{severity=\"warning\",state=\"(firing|pending)\"}");
        assertThat(metrics).contains("sco_series_watched 1.0");
        // the latest score of the one series, quiet again after the spike: in [0, 1] and below the threshold
        assertThat(metrics)
                .containsPattern("sco_anomaly_score\\{host=\"test\",metric=\"node_cpu_usage_percent\"} 0\\.[0-8]");

        JsonNode audit = getJson("/audit?action=restart_service&outcome=dry_run");
        assertThat(audit.get("entries")).hasSize(1);
        assertThat(audit.get("entries").get(0).get("details").get("unit").asText())
                .isEqualTo("app");
    }

    @Test
    void quietSeriesRaisesNoAnomalyAndNoAction() throws Exception {
        double[] quiet = new double[320];
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = 30 + (i % 5);
        }
        ReplaySource replay = new ReplaySource(quiet, InstantSource.system());
        agent = Agent.builder(config()).source(replay).build().start();
        await().atMost(Duration.ofSeconds(60)).until(() -> replay.polled() >= 320);
        JsonNode status = getJson("/status");
        assertThat(status.get("recent_anomalies")).isEmpty();
        assertThat(status.get("recent_actions")).isEmpty();
        assertThat(status.get("open_alerts")).isEmpty();
    }

    private List<String> auditRowsFromTheFile() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("audit.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT kind, subject, action, outcome FROM audit ORDER BY seq")) {
            while (rs.next()) {
                String what = rs.getString("kind").equals("ALERT") ? rs.getString("subject") : rs.getString("action");
                rows.add(rs.getString("kind") + " " + what + " " + rs.getString("outcome"));
            }
        }
        return rows;
    }

    @Test
    void aHangingSourceIsMarkedStaleWhileTheOthersAndTheApiCarryOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        io.smartcloudops.api.source.MetricSource hanging = new io.smartcloudops.api.source.MetricSource() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public io.smartcloudops.api.metric.SampleBatch poll() {
                try {
                    release.await(60, TimeUnit.SECONDS); // a source that never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return io.smartcloudops.api.metric.SampleBatch.empty("hanging");
            }
        };
        double[] quiet = new double[400];
        Arrays.fill(quiet, 10);
        ReplaySource replay = new ReplaySource(quiet, InstantSource.system());
        agent = Agent.builder(config()).source(hanging).source(replay).build().start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> getJson("/status")
                            .get("sources")
                            .path("hanging")
                            .asText()
                            .startsWith("stale"));
            int polled = replay.polled();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> replay.polled() > polled + 20); // at the loop's pace, not one a timeout
            assertThat(getJson("/status").get("sources").get("replay").asText()).isEqualTo("ok");
            assertThat(get("/metrics").body()).containsPattern("sco_source_errors_total\\{source=\"hanging\"} [1-9]");
        } finally {
            release.countDown();
        }
    }
}
