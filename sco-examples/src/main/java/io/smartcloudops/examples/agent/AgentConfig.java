package io.smartcloudops.examples.agent;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.spi.ProviderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent is configured with, validated. Built from the embedded defaults, then the
 * YAML file ({@code --config}), then command-line flags, each overriding the one before.
 *
 * <pre>{@code
 * AgentConfig c = AgentConfig.defaults().toBuilder().port(0).dataDir(Path.of("/tmp/sco")).build();
 * }</pre>
 *
 * @param httpToken bearer token for the Alertmanager webhook and the endpoints that change state;
 *     required when {@code bind} is not a loopback address
 * @param rulesFile a rule file, or empty for the embedded default rule pack
 * @param sources source name to that source's settings, in start order
 * @param actions extra action providers (and settings of the built-in ones) by name
 * @param notifiers notifier providers by name
 * @param chatSettings the chat engine's settings
 * @param remotes peer hosts by name that restart their own services when this host's policy asks
 *     ({@code restart_service} with that name as target): the application host of a pair
 * @param grouping how alert notifications are batched (Alertmanager's group_by, group_wait, group_interval)
 * @param checkpointInterval how often detector states are saved to the data directory (zero: never)
 * @param upstream the monitor whose state and policy gate this host's API and chat use, or empty
 *     for a host that answers from its own state
 */
public record AgentConfig(
        String bind,
        int port,
        int maxBodyBytes,
        Optional<String> httpToken,
        Path dataDir,
        Duration sampleInterval,
        String detector,
        ProviderConfig detectorSettings,
        double anomalyThreshold,
        Optional<Path> rulesFile,
        ActionMode actionMode,
        Duration cooldown,
        List<String> systemctl,
        Map<String, ProviderConfig> sources,
        Map<String, ProviderConfig> actions,
        Map<String, ProviderConfig> notifiers,
        String chatEngine,
        ProviderConfig chatSettings,
        Map<String, io.smartcloudops.examples.link.PeerLink> remotes,
        Optional<io.smartcloudops.examples.link.PeerLink> upstream,
        Duration checkpointInterval,
        io.smartcloudops.remediate.alerting.NotificationGroups.Settings grouping) {

    public AgentConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(httpToken, "httpToken");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(rulesFile, "rulesFile");
        Objects.requireNonNull(chatSettings, "chatSettings");
        systemctl = List.copyOf(systemctl);
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        notifiers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notifiers));
        remotes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(remotes));
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(grouping, "grouping");
    }

    public static AgentConfig defaults() {
        return new AgentConfig("127.0.0.1", 8080, 64 * 1024, Optional.empty(), Path.of("sco-data"), Duration.ofSeconds(5), "default",
                ProviderConfig.empty(), 0.95, Optional.empty(), ActionMode.DRY_RUN, Duration.ofMinutes(5), List.of("systemctl"),
                Map.of("host", ProviderConfig.of("sources.host", Map.of())), Map.of(),
                Map.of("log", ProviderConfig.of("notifiers.log", Map.of())), "offline", ProviderConfig.of("chat", Map.of()), Map.of(), Optional.empty(), Duration.ofMinutes(1),
                io.smartcloudops.remediate.alerting.NotificationGroups.Settings.defaults());
    }

    /** True for 127.0.0.0/8, ::1 and localhost: only this machine can reach the agent. */
    public boolean loopbackOnly() {
        return bind.equals("localhost") || bind.startsWith("127.") || bind.equals("::1") || bind.equals("[::1]");
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes to a configuration. */
    public static final class Builder {
        private String bind;
        private int port;
        private int maxBodyBytes;
        private Optional<String> httpToken;
        private Path dataDir;
        private Duration sampleInterval;
        private String detector;
        private ProviderConfig detectorSettings;
        private double anomalyThreshold;
        private Optional<Path> rulesFile;
        private ActionMode actionMode;
        private Duration cooldown;
        private List<String> systemctl;
        private Map<String, ProviderConfig> sources;
        private Map<String, ProviderConfig> actions;
        private Map<String, ProviderConfig> notifiers;
        private String chatEngine;
        private ProviderConfig chatSettings;
        private Map<String, io.smartcloudops.examples.link.PeerLink> remotes;
        private Optional<io.smartcloudops.examples.link.PeerLink> upstream;
        private Duration checkpointInterval;
        private io.smartcloudops.remediate.alerting.NotificationGroups.Settings grouping;

        private Builder(AgentConfig c) {
            bind = c.bind;
            port = c.port;
            maxBodyBytes = c.maxBodyBytes;
            httpToken = c.httpToken;
            dataDir = c.dataDir;
            sampleInterval = c.sampleInterval;
            detector = c.detector;
            detectorSettings = c.detectorSettings;
            anomalyThreshold = c.anomalyThreshold;
            rulesFile = c.rulesFile;
            actionMode = c.actionMode;
            cooldown = c.cooldown;
            systemctl = c.systemctl;
            sources = c.sources;
            actions = c.actions;
            notifiers = c.notifiers;
            chatEngine = c.chatEngine;
            chatSettings = c.chatSettings;
            remotes = c.remotes;
            upstream = c.upstream;
            checkpointInterval = c.checkpointInterval;
            grouping = c.grouping;
        }

        public Builder bind(String v) { bind = v; return this; }

        public Builder port(int v) { port = v; return this; }

        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }

        public Builder httpToken(String v) { httpToken = Optional.ofNullable(v); return this; }

        public Builder dataDir(Path v) { dataDir = v; return this; }

        public Builder sampleInterval(Duration v) { sampleInterval = v; return this; }

        public Builder detector(String v) { detector = v; return this; }

        public Builder detectorSettings(ProviderConfig v) { detectorSettings = v; return this; }

        public Builder anomalyThreshold(double v) { anomalyThreshold = v; return this; }

        public Builder rulesFile(Path v) { rulesFile = Optional.ofNullable(v); return this; }

        public Builder actionMode(ActionMode v) { actionMode = v; return this; }

        public Builder cooldown(Duration v) { cooldown = v; return this; }

        public Builder systemctl(List<String> v) { systemctl = v; return this; }

        public Builder sources(Map<String, ProviderConfig> v) { sources = v; return this; }

        public Builder actions(Map<String, ProviderConfig> v) { actions = v; return this; }

        public Builder notifiers(Map<String, ProviderConfig> v) { notifiers = v; return this; }

        public Builder chatEngine(String v) { chatEngine = v; return this; }

        /** The chat engine's own settings (for {@code llm}: base_url, model, api_key, timeout). */
        public Builder chatSettings(ProviderConfig v) { chatSettings = v; return this; }

        public Builder remotes(Map<String, io.smartcloudops.examples.link.PeerLink> v) { remotes = v; return this; }

        public Builder upstream(io.smartcloudops.examples.link.PeerLink v) { upstream = Optional.ofNullable(v); return this; }

        public Builder checkpointInterval(Duration v) { checkpointInterval = v; return this; }

        public Builder grouping(io.smartcloudops.remediate.alerting.NotificationGroups.Settings v) { grouping = v; return this; }

        public AgentConfig build() {
            return new AgentConfig(bind, port, maxBodyBytes, httpToken, dataDir, sampleInterval, detector, detectorSettings,
                    anomalyThreshold, rulesFile, actionMode, cooldown, systemctl, sources, actions, notifiers, chatEngine, chatSettings,
                    remotes, upstream, checkpointInterval, grouping);
        }
    }
}
