package io.smartcloudops.examples.agent;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.spi.ProviderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent is configured with, validated. Built from the embedded defaults, then the
 * YAML file ({@code --config}), then command-line flags, each overriding the one before.
 *
 * @param rulesFile a rule file, or empty for the embedded default rule pack
 * @param sources source name to that source's settings, in start order
 * @param detectorSettings the chosen detector's settings
 */
public record AgentConfig(
        String bind,
        int port,
        Path dataDir,
        Duration sampleInterval,
        String detector,
        ProviderConfig detectorSettings,
        double anomalyThreshold,
        Optional<Path> rulesFile,
        ActionMode actionMode,
        Duration cooldown,
        java.util.List<String> systemctl,
        Map<String, ProviderConfig> sources,
        String chatEngine,
        int maxBodyBytes) {

    public AgentConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        sources = Map.copyOf(sources);
        systemctl = java.util.List.copyOf(systemctl);
    }

    public static AgentConfig defaults() {
        return new AgentConfig("127.0.0.1", 8080, Path.of("sco-data"), Duration.ofSeconds(5), "ewma", ProviderConfig.empty(), 0.95,
                Optional.empty(), ActionMode.DRY_RUN, Duration.ofMinutes(5), java.util.List.of("systemctl"),
                Map.of("host", ProviderConfig.of("sources.host", Map.of())), "offline", 64 * 1024);
    }

    public AgentConfig withHttp(String newBind, int newPort) {
        return new AgentConfig(newBind, newPort, dataDir, sampleInterval, detector, detectorSettings, anomalyThreshold, rulesFile,
                actionMode, cooldown, systemctl, sources, chatEngine, maxBodyBytes);
    }

    public AgentConfig withDataDir(Path dir) {
        return new AgentConfig(bind, port, dir, sampleInterval, detector, detectorSettings, anomalyThreshold, rulesFile,
                actionMode, cooldown, systemctl, sources, chatEngine, maxBodyBytes);
    }

    public AgentConfig withSampleInterval(Duration interval) {
        return new AgentConfig(bind, port, dataDir, interval, detector, detectorSettings, anomalyThreshold, rulesFile,
                actionMode, cooldown, systemctl, sources, chatEngine, maxBodyBytes);
    }

    public AgentConfig withSources(Map<String, ProviderConfig> newSources) {
        return new AgentConfig(bind, port, dataDir, sampleInterval, detector, detectorSettings, anomalyThreshold, rulesFile,
                actionMode, cooldown, systemctl, newSources, chatEngine, maxBodyBytes);
    }

    public AgentConfig withChatEngine(String engine) {
        return new AgentConfig(bind, port, dataDir, sampleInterval, detector, detectorSettings, anomalyThreshold, rulesFile,
                actionMode, cooldown, systemctl, sources, engine, maxBodyBytes);
    }

    public AgentConfig withRulesFile(Path file) {
        return new AgentConfig(bind, port, dataDir, sampleInterval, detector, detectorSettings, anomalyThreshold, Optional.of(file),
                actionMode, cooldown, systemctl, sources, chatEngine, maxBodyBytes);
    }
}
