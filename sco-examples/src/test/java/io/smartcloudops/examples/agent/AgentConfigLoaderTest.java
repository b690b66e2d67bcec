package io.smartcloudops.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.server.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentConfigLoaderTest {
    private final AgentConfigLoader loader = new AgentConfigLoader();

    @Test
    void readsEverySectionOverTheDefaults() {
        AgentConfig c = loader.parse("a.yml", """
                http: {bind: 0.0.0.0, port: 9090, max_body_bytes: 4096}
                data_dir: /var/lib/sco
                sample_interval: 15s
                detection: {detector: ewma, anomaly_threshold: 0.8, settings: {alpha: 0.1}}
                rules: /etc/sco/rules.yml
                remediation: {mode: execute, cooldown: 10m, systemctl: [sudo, -n, systemctl]}
                sources: {host: {host: app}}
                chat: {engine: offline}
                """, AgentConfig.defaults());
        assertThat(c.server().bind()).isEqualTo("0.0.0.0");
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.server().maxBodyBytes()).isEqualTo(4096);
        assertThat(c.runtime().dataDir()).isEqualTo(Path.of("/var/lib/sco"));
        assertThat(c.runtime().sampleInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.runtime().anomalyThreshold()).isEqualTo(0.8);
        assertThat(c.runtime().detectorSettings().number("alpha", 0)).isEqualTo(0.1);
        assertThat(c.runtime().rulesFile()).contains(Path.of("/etc/sco/rules.yml"));
        assertThat(c.runtime().actionMode()).isEqualTo(ActionMode.EXECUTE);
        assertThat(c.runtime().cooldown()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.runtime().systemctl()).isEqualTo(List.of("sudo", "-n", "systemctl"));
        assertThat(c.runtime().sources().get("host").string("host", null)).isEqualTo("app");
    }

    @Test
    void theSeriesLimitAndIdleTimeAreDetectionSettingsWithClearErrors() {
        AgentConfig c =
                loader.parse("a.yml", "detection: {max_series: 1000000, series_idle: 15m}", AgentConfig.defaults());
        assertThat(c.runtime().series())
                .isEqualTo(new io.smartcloudops.runtime.SeriesLimits(1_000_000, Duration.ofMinutes(15)));
        assertThat(loader.parse("a.yml", "detection: {series_idle: 0s}", AgentConfig.defaults())
                        .runtime()
                        .series()
                        .evicts())
                .isFalse();
        assertThat(AgentConfig.defaults().runtime().series())
                .isEqualTo(io.smartcloudops.runtime.SeriesLimits.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.parse("a.yml", "detection: {max_series: 0}", AgentConfig.defaults()))
                .isInstanceOf(io.smartcloudops.api.ConfigException.class)
                .hasMessageContaining("detection.max_series");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.parse("a.yml", "detection: {series_idle: soon}", AgentConfig.defaults()))
                .isInstanceOf(io.smartcloudops.api.ConfigException.class)
                .hasMessageContaining("series_idle");
    }

    @Test
    void theHourlyHistoryASeriesKeepsIsADetectionSettingWithAClearError() {
        AgentConfig c =
                loader.parse("a.yml", "detection: {hourly_history: 0, recent_points: 16}", AgentConfig.defaults());
        assertThat(c.runtime().series())
                .isEqualTo(new io.smartcloudops.runtime.SeriesLimits(
                        io.smartcloudops.runtime.SeriesLimits.DEFAULT_MAX,
                        io.smartcloudops.runtime.SeriesLimits.DEFAULT_IDLE,
                        16,
                        0));
        assertThat(loader.parse("a.yml", "detection: {max_series: 10}", AgentConfig.defaults())
                        .runtime()
                        .series()
                        .hourlyHistory())
                .isEqualTo(528);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.parse("a.yml", "detection: {hourly_history: -1}", AgentConfig.defaults()))
                .isInstanceOf(io.smartcloudops.api.ConfigException.class)
                .hasMessageContaining("detection.hourly_history");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.parse("a.yml", "detection: {hourly_history: forever}", AgentConfig.defaults()))
                .isInstanceOf(io.smartcloudops.api.ConfigException.class)
                .hasMessageContaining("hourly_history");
    }

    @Test
    void theRecentPointsASeriesKeepsAreADetectionSettingWithAClearError() {
        AgentConfig c = loader.parse("a.yml", "detection: {recent_points: 16}", AgentConfig.defaults());
        assertThat(c.runtime().series())
                .isEqualTo(new io.smartcloudops.runtime.SeriesLimits(
                        io.smartcloudops.runtime.SeriesLimits.DEFAULT_MAX,
                        io.smartcloudops.runtime.SeriesLimits.DEFAULT_IDLE,
                        16));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.parse("a.yml", "detection: {recent_points: 0}", AgentConfig.defaults()))
                .isInstanceOf(io.smartcloudops.api.ConfigException.class)
                .hasMessageContaining("detection.recent_points");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader.parse("a.yml", "detection: {recent_points: lots}", AgentConfig.defaults()))
                .isInstanceOf(io.smartcloudops.api.ConfigException.class)
                .hasMessageContaining("recent_points");
    }

    @Test
    void slowClientLimitsAreHttpSettingsWithClearErrors() {
        AgentConfig c = loader.parse(
                "a.yml",
                "http: {idle_timeout: 3s, min_body_rate: 2048, max_requests_per_client: 8}",
                AgentConfig.defaults());
        assertThat(c.server().connections())
                .isEqualTo(new io.smartcloudops.server.ServerConfig.ConnectionLimits(Duration.ofSeconds(3), 2048, 8));
        assertThat(AgentConfig.defaults().server().connections())
                .isEqualTo(io.smartcloudops.server.ServerConfig.ConnectionLimits.defaults());
        assertThatThrownBy(() -> loader.parse("a.yml", "http: {max_requests_per_client: 0}", AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.max_requests_per_client");
        assertThatThrownBy(() -> loader.parse("a.yml", "http: {min_body_rate: -1}", AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.min_body_rate");
        assertThatThrownBy(() -> loader.parse("a.yml", "http: {idle_timeout: never}", AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("idle_timeout");
    }

    @Test
    void relativePathsInAConfigFileAreRelativeToItsFolder(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/sco"));
        Files.writeString(etc.resolve("token"), "a-token-of-at-least-16-chars");
        Path file = Files.writeString(etc.resolve("sco.yml"), """
                rules: rules/mine.yml
                data_dir: ../../var/sco
                http: {token_file: token}
                """);
        AgentConfig c = loader.load(file, AgentConfig.defaults());
        assertThat(c.runtime().rulesFile()).contains(etc.toAbsolutePath().resolve("rules/mine.yml"));
        assertThat(c.runtime().dataDir().normalize())
                .isEqualTo(dir.toAbsolutePath().resolve("var/sco"));
        assertThat(c.server().httpToken()).contains("a-token-of-at-least-16-chars");
    }

    @Test
    void emptyFileKeepsTheDefaults() {
        assertThat(loader.parse("a.yml", "", AgentConfig.defaults())).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void rejectsTyposWrongTypesAndOutOfRangeValuesNamingTheSetting() {
        assertThatThrownBy(() -> loader.parse("a.yml", "htp: {port: 1}", AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a.yml")
                .hasMessageContaining("htp");
        assertThatThrownBy(() -> loader.parse("a.yml", "http: {port: eighty}", AgentConfig.defaults()))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> loader.parse("a.yml", "http: {port: 70000}", AgentConfig.defaults()))
                .hasMessageContaining("65535");
        assertThatThrownBy(() -> loader.parse("a.yml", "sample_interval: 1ms", AgentConfig.defaults()))
                .hasMessageContaining("at least 10ms");
        assertThatThrownBy(() -> loader.parse("a.yml", "remediation: {mode: yolo}", AgentConfig.defaults()))
                .hasMessageContaining("dry_run or execute");
        assertThatThrownBy(() -> loader.parse("a.yml", "detection: {anomaly_threshold: 2}", AgentConfig.defaults()))
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> loader.parse("a.yml", "sources: {}", AgentConfig.defaults()))
                .hasMessageContaining("watch nothing");
    }

    @Test
    void rejectsMalformedAndHostileYaml() {
        assertThatThrownBy(() -> loader.parse("a.yml", "http: [", AgentConfig.defaults()))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.parse("a.yml", "- just\n- a list", AgentConfig.defaults()))
                .hasMessageContaining("mapping");
        assertThatThrownBy(() -> loader.parse("a.yml", "data_dir: a\ndata_dir: b", AgentConfig.defaults()))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.parse(
                        "a.yml",
                        "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]",
                        AgentConfig.defaults()))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void missingFileSaysSo() {
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/sco.yml"), AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file /nonexistent/sco.yml does not exist");
    }

    @Test
    void notificationGroupsTakeAlertmanagersRouteSettings() {
        AgentConfigLoader loader = new AgentConfigLoader();
        AgentConfig c = loader.parse(
                "g.yml", "notification_groups: {group_by: [alertname, host], group_wait: 10s}", AgentConfig.defaults());
        assertThat(c.runtime().grouping().groupBy()).containsExactly("alertname", "host");
        assertThat(c.runtime().grouping().groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.runtime().grouping().groupInterval())
                .as("unset keeps the default")
                .isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() ->
                        loader.parse("g.yml", "notification_groups: {group_by: ['host name']}", AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("group_by");
        assertThatThrownBy(() -> loader.parse("g.yml", "notification_groups: {group_wait: 3h}", AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at most 1h");
        assertThatThrownBy(() -> loader.parse("g.yml", "notification_groups: {repeat: 1h}", AgentConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("repeat");
    }
}
