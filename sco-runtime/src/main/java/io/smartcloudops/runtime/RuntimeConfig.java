package io.smartcloudops.runtime;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.remediate.alerting.NotificationGroups;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the loop is configured with, validated: where its state lives, how it samples, detects and
 * remediates. The HTTP side of a host has a configuration of its own ({@code ServerConfig} in
 * sco-server).
 *
 * <pre>{@code
 * RuntimeConfig c = RuntimeConfig.defaults().toBuilder()
 *         .dataDir(Path.of("/var/lib/sco"))
 *         .actionMode(ActionMode.DRY_RUN)
 *         .build();
 * }</pre>
 *
 * @param dataDir the audit log, detector checkpoints and other state
 * @param sampleInterval how often the configured sources are polled when the loop runs by itself
 * @param detector the {@code DetectorProvider} by name
 * @param detectorSettings that provider's settings
 * @param directions which way each series matters to its detector (by metric-name pattern)
 * @param anomalyThreshold the score at which a sample is an anomaly: the pipeline's {@code AnomalyEvent}s,
 *     and what the rules' {@code anomaly_score(...)} conditions mean unless they name their own
 * @param rulesFile a rule file, or empty for the packaged default rule pack
 * @param actionMode dry-run (the default) or execute
 * @param cooldown the gate's cooldown per action and target
 * @param systemctl how {@code restart_service} runs systemctl ({@code [sudo, -n, systemctl]} on a host)
 * @param sources source name to that source's settings, in start order
 * @param actions settings of the built-in actions, and other action providers by name
 * @param notifiers notifier providers by name
 * @param checkpointInterval how often detector states are saved to the data directory (zero: never)
 * @param grouping how alert notifications are batched (Alertmanager's group_by, group_wait, group_interval)
 * @param audit the audit log's settings (for {@code sqlite}: {@code key_file}, {@code anchor_file},
 *     {@code anchor_interval}; the key and anchor default to files beside the data directory)
 * @param checkpoints where detector checkpoints go: {@code store} names the {@code CheckpointStoreProvider}
 *     (default {@code file}, {@code detectors.ckpt} in the data directory; {@code s3} from sco-aws),
 *     the other keys are that store's settings
 * @param auditArchive an audit archive: {@code store} names the {@code AuditArchiveProvider}
 *     ({@code s3} from sco-aws), {@code interval} how often full segments are copied (default 1h; the
 *     tail is copied at stop too); empty for none
 * @param series the series limit and when idle series are forgotten
 * @param knownHosts hosts beyond the loopback names, the remotes and {@code http.hosts} that an alert's
 *     labels may make the agent act on or connect to ({@code remediation.known_hosts})
 * @param fourEyes whether a destructive action needs an approval by someone other than who asked
 *     ({@code remediation.four_eyes}, on by default)
 */
public record RuntimeConfig(
        Path dataDir,
        Duration sampleInterval,
        String detector,
        ProviderConfig detectorSettings,
        Directions directions,
        double anomalyThreshold,
        Optional<Path> rulesFile,
        ActionMode actionMode,
        Duration cooldown,
        List<String> systemctl,
        Map<String, ProviderConfig> sources,
        Map<String, ProviderConfig> actions,
        Map<String, ProviderConfig> notifiers,
        Duration checkpointInterval,
        NotificationGroups.Settings grouping,
        ProviderConfig audit,
        ProviderConfig checkpoints,
        ProviderConfig auditArchive,
        SeriesLimits series,
        List<String> knownHosts,
        boolean fourEyes) {

    public RuntimeConfig {
        knownHosts = List.copyOf(knownHosts);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(detectorSettings, "detectorSettings");
        Objects.requireNonNull(directions, "directions");
        if (!(anomalyThreshold > 0 && anomalyThreshold <= 1)) {
            throw new IllegalArgumentException("anomalyThreshold must be in (0, 1], got " + anomalyThreshold);
        }
        Objects.requireNonNull(rulesFile, "rulesFile");
        Objects.requireNonNull(actionMode, "actionMode");
        Objects.requireNonNull(cooldown, "cooldown");
        systemctl = List.copyOf(systemctl);
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        notifiers = Collections.unmodifiableMap(new LinkedHashMap<>(notifiers));
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(auditArchive, "auditArchive");
        Objects.requireNonNull(series, "series");
    }

    /**
     * The loop a library user starts from: the default detector, the packaged rules, dry-run, a
     * log notifier, and no sources (samples are pushed, or sources added to the builder).
     */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(
                Path.of("sco-data"),
                Duration.ofSeconds(5),
                "default",
                ProviderConfig.empty(),
                Directions.defaults(),
                0.95,
                Optional.empty(),
                ActionMode.DRY_RUN,
                Duration.ofMinutes(5),
                List.of("systemctl"),
                Map.of(),
                Map.of(),
                Map.of("log", ProviderConfig.of("notifiers.log", Map.of())),
                Duration.ofMinutes(1),
                NotificationGroups.Settings.defaults(),
                ProviderConfig.of("audit", Map.of()),
                ProviderConfig.of("checkpoints", Map.of()),
                ProviderConfig.of("audit.archive", Map.of()),
                SeriesLimits.defaults(),
                List.of(),
                true);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes to a configuration. */
    public static final class Builder {
        private Path dataDir;
        private Duration sampleInterval;
        private String detector;
        private ProviderConfig detectorSettings;
        private Directions directions;
        private double anomalyThreshold;
        private Optional<Path> rulesFile;
        private ActionMode actionMode;
        private Duration cooldown;
        private List<String> systemctl;
        private Map<String, ProviderConfig> sources;
        private Map<String, ProviderConfig> actions;
        private Map<String, ProviderConfig> notifiers;
        private Duration checkpointInterval;
        private NotificationGroups.Settings grouping;
        private ProviderConfig audit;
        private ProviderConfig checkpoints;
        private ProviderConfig auditArchive;
        private SeriesLimits series;
        private List<String> knownHosts;
        private boolean fourEyes;

        private Builder(RuntimeConfig c) {
            dataDir = c.dataDir;
            sampleInterval = c.sampleInterval;
            detector = c.detector;
            detectorSettings = c.detectorSettings;
            directions = c.directions;
            anomalyThreshold = c.anomalyThreshold;
            rulesFile = c.rulesFile;
            actionMode = c.actionMode;
            cooldown = c.cooldown;
            systemctl = c.systemctl;
            sources = c.sources;
            actions = c.actions;
            notifiers = c.notifiers;
            checkpointInterval = c.checkpointInterval;
            grouping = c.grouping;
            audit = c.audit;
            checkpoints = c.checkpoints;
            auditArchive = c.auditArchive;
            series = c.series;
            knownHosts = c.knownHosts;
            fourEyes = c.fourEyes;
        }

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder sampleInterval(Duration v) {
            sampleInterval = v;
            return this;
        }

        public Builder detector(String v) {
            detector = v;
            return this;
        }

        public Builder detectorSettings(ProviderConfig v) {
            detectorSettings = v;
            return this;
        }

        public Builder directions(Directions v) {
            directions = v;
            return this;
        }

        public Builder anomalyThreshold(double v) {
            anomalyThreshold = v;
            return this;
        }

        public Builder rulesFile(Path v) {
            rulesFile = Optional.ofNullable(v);
            return this;
        }

        public Builder actionMode(ActionMode v) {
            actionMode = v;
            return this;
        }

        public Builder cooldown(Duration v) {
            cooldown = v;
            return this;
        }

        public Builder systemctl(List<String> v) {
            systemctl = v;
            return this;
        }

        public Builder sources(Map<String, ProviderConfig> v) {
            sources = v;
            return this;
        }

        public Builder actions(Map<String, ProviderConfig> v) {
            actions = v;
            return this;
        }

        public Builder notifiers(Map<String, ProviderConfig> v) {
            notifiers = v;
            return this;
        }

        public Builder checkpointInterval(Duration v) {
            checkpointInterval = v;
            return this;
        }

        public Builder grouping(NotificationGroups.Settings v) {
            grouping = v;
            return this;
        }

        public Builder audit(ProviderConfig v) {
            audit = v;
            return this;
        }

        public Builder checkpoints(ProviderConfig v) {
            checkpoints = v;
            return this;
        }

        public Builder auditArchive(ProviderConfig v) {
            auditArchive = v;
            return this;
        }

        public Builder series(SeriesLimits v) {
            series = v;
            return this;
        }

        public Builder knownHosts(List<String> v) {
            knownHosts = v;
            return this;
        }

        public Builder fourEyes(boolean v) {
            fourEyes = v;
            return this;
        }

        public RuntimeConfig build() {
            return new RuntimeConfig(
                    dataDir,
                    sampleInterval,
                    detector,
                    detectorSettings,
                    directions,
                    anomalyThreshold,
                    rulesFile,
                    actionMode,
                    cooldown,
                    systemctl,
                    sources,
                    actions,
                    notifiers,
                    checkpointInterval,
                    grouping,
                    audit,
                    checkpoints,
                    auditArchive,
                    series,
                    knownHosts,
                    fourEyes);
        }
    }
}
