package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every SmartCloudOps metric the Grafana dashboard in deploy/ plots is one the agent exports. */
class DashboardMetricsTest {
    @TempDir
    Path dir;

    @Test
    void theDashboardPlotsOnlyMetricsTheAgentExports() throws Exception {
        Path dashboard = Path.of(System.getProperty("sco.repo.dir", ".."))
                .resolve("deploy/grafana/dashboards/smartcloudops.json");
        Set<String> plotted = new TreeSet<>();
        Matcher m = Pattern.compile("\\bsco_[a-z_]+").matcher(Files.readString(dashboard));
        while (m.find()) {
            plotted.add(m.group());
        }
        assertThat(plotted).contains("sco_anomaly_score", "sco_alerts", "sco_actions_total");

        // a spike the default rules alert on and remediate (dry-run), so every family has samples
        ReplaySource replay = new ReplaySource(ReplaySource.normalThenSpike(), InstantSource.system());
        try (Agent agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dir)
                        .sampleInterval(Duration.ofMillis(10))
                        .sources(Map.of())
                        .build())
                .source(replay)
                .build()
                .start()) {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> agent.metrics().scrape().contains("sco_actions_total{"));
            String exported = agent.metrics().scrape();
            for (String name : plotted) {
                assertThat(exported).as(name).containsPattern("(?m)^# TYPE " + Pattern.quote(name) + " ");
            }
        }
    }
}
