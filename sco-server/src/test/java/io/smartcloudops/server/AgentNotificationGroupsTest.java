package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.remediate.alerting.NotificationGroups;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts that fire together reach the notifiers in one message per group, as Alertmanager sends them. */
class AgentNotificationGroupsTest {
    @TempDir
    Path dir;

    /** Two hosts' CPU, quiet, then both spike in the same poll. */
    private static final class TwoHosts implements MetricSource {
        private final AtomicInteger polls = new AtomicInteger();

        @Override
        public String name() {
            return "two-hosts";
        }

        @Override
        public SampleBatch poll() {
            int i = polls.incrementAndGet();
            long now = System.currentTimeMillis();
            double v = i == 260 ? 99 : 20 + (i % 4) - 1.5;
            return SampleBatch.of(
                    name(),
                    List.of(
                            new Sample(SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app")), now, v),
                            new Sample(
                                    SeriesId.of("node_cpu_usage_percent", Labels.of("host", "monitor")),
                                    now,
                                    v + 0.25)));
        }
    }

    @Test
    void twoHostsSpikingTogetherAreOneNotification() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        Agent agent = Agent.builder(AgentConfig.defaults().toBuilder()
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
                                                        + hook.getAddress().getPort() + "/"))))
                        .grouping(new NotificationGroups.Settings(
                                List.of("alertname"), Duration.ofMillis(500), Duration.ofMinutes(5)))
                        .build())
                .source(new TwoHosts())
                .build()
                .start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> received.stream().anyMatch(b -> b.contains("CpuAnomaly")));
            // nothing else about CpuAnomaly may follow within group_interval
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> received.stream()
                                    .filter(b -> b.contains("CpuAnomaly"))
                                    .count()
                            == 1);
            List<String> cpu =
                    received.stream().filter(b -> b.contains("CpuAnomaly")).toList();
            assertThat(cpu)
                    .singleElement()
                    .satisfies(b -> assertThat(b)
                            .contains("[FIRING:2] CpuAnomaly", "host=\\\"app\\\"", "host=\\\"monitor\\\""));
        } finally {
            agent.close();
            hook.stop(0);
        }
    }
}
