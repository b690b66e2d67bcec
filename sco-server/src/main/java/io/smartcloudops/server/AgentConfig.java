package io.smartcloudops.server;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.remediate.alerting.NotificationGroups;
import io.smartcloudops.runtime.Directions;
import io.smartcloudops.runtime.RuntimeConfig;
import io.smartcloudops.server.link.PeerLink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole host's configuration: the loop's ({@link RuntimeConfig}) and its server's
 * ({@link ServerConfig}). Built from the embedded defaults, then the YAML file
 * ({@code --config}), then command-line flags, each overriding the one before. The builder
 * sets either half by the option's name.
 *
 * <pre>{@code
 * AgentConfig c = AgentConfig.defaults().toBuilder()
 *         .port(0)
 *         .dataDir(Path.of("/tmp/sco"))
 *         .build();
 * }</pre>
 */
public record AgentConfig(RuntimeConfig runtime, ServerConfig server) {

    public AgentConfig {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(server, "server");
    }

    /** The all-in-one agent: it samples this machine ({@code host} source) and logs notifications. */
    public static AgentConfig defaults() {
        return new AgentConfig(
                RuntimeConfig.defaults().toBuilder()
                        .sources(Map.of("host", ProviderConfig.of("sources.host", Map.of())))
                        .build(),
                ServerConfig.defaults());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes to a configuration, option by option. */
    public static final class Builder {
        private final RuntimeConfig.Builder runtime;
        private final ServerConfig.Builder server;

        private Builder(AgentConfig c) {
            runtime = c.runtime.toBuilder();
            server = c.server.toBuilder();
        }

        public Builder bind(String v) {
            server.bind(v);
            return this;
        }

        public Builder port(int v) {
            server.port(v);
            return this;
        }

        public Builder maxBodyBytes(int v) {
            server.maxBodyBytes(v);
            return this;
        }

        public Builder httpToken(String v) {
            server.httpToken(v);
            return this;
        }

        public Builder anonymous(ServerConfig.AnonymousAccess v) {
            server.anonymous(v);
            return this;
        }

        public Builder hosts(List<String> v) {
            server.hosts(v);
            return this;
        }

        public Builder connections(ServerConfig.ConnectionLimits v) {
            server.connections(v);
            return this;
        }

        public Builder chatEngine(String v) {
            server.chatEngine(v);
            return this;
        }

        public Builder chatSettings(ProviderConfig v) {
            server.chatSettings(v);
            return this;
        }

        public Builder remotes(Map<String, PeerLink> v) {
            server.remotes(v);
            return this;
        }

        public Builder upstream(PeerLink v) {
            server.upstream(v);
            return this;
        }

        public Builder dataDir(Path v) {
            runtime.dataDir(v);
            return this;
        }

        /** The audit log's settings: key_file, anchor_file, anchor_interval. */
        public Builder audit(ProviderConfig v) {
            runtime.audit(v);
            return this;
        }

        public Builder auditArchive(ProviderConfig v) {
            runtime.auditArchive(v);
            return this;
        }

        public Builder checkpoints(ProviderConfig v) {
            runtime.checkpoints(v);
            return this;
        }

        public Builder series(io.smartcloudops.runtime.SeriesLimits v) {
            runtime.series(v);
            return this;
        }

        public Builder sampleInterval(Duration v) {
            runtime.sampleInterval(v);
            return this;
        }

        public Builder detector(String v) {
            runtime.detector(v);
            return this;
        }

        public Builder detectorSettings(ProviderConfig v) {
            runtime.detectorSettings(v);
            return this;
        }

        public Builder directions(Directions v) {
            runtime.directions(v);
            return this;
        }

        public Builder anomalyThreshold(double v) {
            runtime.anomalyThreshold(v);
            return this;
        }

        public Builder rulesFile(Path v) {
            runtime.rulesFile(v);
            return this;
        }

        public Builder actionMode(ActionMode v) {
            runtime.actionMode(v);
            return this;
        }

        public Builder cooldown(Duration v) {
            runtime.cooldown(v);
            return this;
        }

        public Builder systemctl(List<String> v) {
            runtime.systemctl(v);
            return this;
        }

        public Builder knownHosts(List<String> v) {
            runtime.knownHosts(v);
            return this;
        }

        public Builder fourEyes(boolean v) {
            runtime.fourEyes(v);
            return this;
        }

        public Builder sources(Map<String, ProviderConfig> v) {
            runtime.sources(v);
            return this;
        }

        public Builder actions(Map<String, ProviderConfig> v) {
            runtime.actions(v);
            return this;
        }

        public Builder notifiers(Map<String, ProviderConfig> v) {
            runtime.notifiers(v);
            return this;
        }

        public Builder checkpointInterval(Duration v) {
            runtime.checkpointInterval(v);
            return this;
        }

        public Builder grouping(NotificationGroups.Settings v) {
            runtime.grouping(v);
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(runtime.build(), server.build());
        }
    }
}
