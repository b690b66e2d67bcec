package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ProviderConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under bad conditions it does not control: a notifier that hangs, a source that
 * answers garbage or bursts of NaN, clocks that jump. It keeps serving, raises no false anomaly,
 * and says what is degraded.
 */
class AgentDegradedModesTest {
    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Agent agent;
    private HttpServer hanging;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (hanging != null) {
            hanging.stop(0);
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return path.equals("/metrics") ? null : json.readTree(r.body());
    }

    private String metrics() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void aNotifierWebhookThatHangsIsReportedWhileEverythingElseGoesOn() throws Exception {
        hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hanging.createContext("/", exchange -> {
            try {
                Thread.sleep(10_000); // never answers in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hanging.setExecutor(Executors.newCachedThreadPool());
        hanging.start();
        ReplaySource replay = new ReplaySource(ReplaySource.normalThenSpike(), InstantSource.system());
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dir)
                        .sampleInterval(Duration.ofMillis(10))
                        .sources(Map.of())
                        .notifiers(Map.of(
                                "webhook",
                                ProviderConfig.of(
                                        "notifiers.webhook",
                                        Map.of(
                                                "url",
                                                "http://127.0.0.1:"
                                                        + hanging.getAddress().getPort() + "/hook",
                                                "timeout",
                                                "200ms"))))
                        .grouping(new io.smartcloudops.remediate.alerting.NotificationGroups.Settings(
                                List.of("alertname"), Duration.ZERO, Duration.ofMinutes(5)))
                        .build())
                .source(replay)
                .build()
                .start();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/status")
                        .path("health")
                        .path("notifier webhook")
                        .asText()
                        .startsWith("failing"));
        JsonNode status = get("/status");
        assertThat(status.get("degraded").asBoolean()).isTrue();
        assertThat(status.get("recent_anomalies")).isNotEmpty();
        int before = replay.polled();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> replay.polled() > before + 20); // the loop never waits on the webhook
    }

    /** Garbage (an exception) on some polls, bursts of NaN on others, honest values in between. */
    private static final class UnrulySource implements MetricSource {
        static final SeriesId CPU = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "unruly"));
        private final AtomicInteger polls = new AtomicInteger();
        private final InstantSource clock;

        UnrulySource(InstantSource clock) {
            this.clock = clock;
        }

        @Override
        public String name() {
            return "unruly";
        }

        @Override
        public SampleBatch poll() {
            int i = polls.incrementAndGet();
            long now = clock.millis();
            if (i % 17 == 0) {
                throw new IllegalStateException("garbage: <html>502 Bad Gateway</html>");
            }
            List<Sample> out = new ArrayList<>();
            if (i % 11 == 0) {
                for (int k = 0; k < 20; k++) {
                    out.add(new Sample(CPU, now - 20 + k, Double.NaN)); // a burst of staleness markers
                }
            } else if (i % 13 == 0) {
                out.add(new Sample(CPU, now + 3_600_000, 20)); // a clock an hour ahead
                out.add(new Sample(CPU, now - 86_400_000, 20)); // a day behind
            } else {
                out.add(new Sample(CPU, now, 20 + (i % 4)));
                out.add(new Sample(CPU, now, 20 + (i % 4))); // delivered twice
            }
            return SampleBatch.of(name(), out);
        }
    }

    @Test
    void garbageNaNBurstsClockJumpsAndDuplicatesRaiseNoAnomalyAndAreCounted() throws Exception {
        UnrulySource unruly = new UnrulySource(InstantSource.system());
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dir)
                        .sampleInterval(Duration.ofMillis(5))
                        .sources(Map.of())
                        .build())
                .source(unruly)
                .build()
                .start();

        await().atMost(Duration.ofSeconds(60)).until(() -> unruly.polls.get() > 400);
        String m = metrics();
        for (String reason :
                List.of("dropped_not_finite", "dropped_duplicate", "dropped_future", "dropped_out_of_order")) {
            assertThat(m).as(reason).containsPattern("sco_samples_dropped_total\\{reason=\"" + reason + "\"} [1-9]");
        }
        assertThat(m).containsPattern("sco_source_errors_total\\{source=\"unruly\"} [1-9]");
        assertThat(agent.ops().view().anomalies(100))
                .as("none of it is an anomaly")
                .isEmpty();
        assertThat(get("/status").get("series_watched").asInt()).isEqualTo(1);
        assertThat(agent.ops().view().recentSamples(UnrulySource.CPU, 1000))
                .as("honest samples keep being scored")
                .hasSizeGreaterThan(100);
    }
}
