package io.smartcloudops.examples.agent;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.runtime.Directions;
import io.smartcloudops.server.AgentConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the agent's YAML configuration. Unknown keys are errors (a typo must not silently fall
 * back to a default), and every error names the file and the setting.
 *
 * <pre>{@code
 * http: {bind: 127.0.0.1, port: 8080, max_body_bytes: 65536}
 * data_dir: ./sco-data
 * sample_interval: 5s
 * detection: {detector: ewma, anomaly_threshold: 0.95, settings: {alpha: 0.05}, checkpoint_interval: 1m,
 *             directions: {'.*(cpu|latency).*': up, 'free_.*': down},   # metric-name patterns, first match wins
 *             max_series: 100000, series_idle: 1h,                      # idle series are forgotten (0: never)
 *             recent_points: 240,                                       # raw points a series keeps for charts and chat
 *             hourly_history: 528}                                      # hourly means a series keeps for forecasts (0: none)
 * rules: ./rules.yml
 * remediation: {mode: dry_run, cooldown: 5m, systemctl: [sudo, -n, systemctl],
 *               known_hosts: [web1, db1],   # hosts alerts may name besides http.hosts, the remotes and localhost
 *               four_eyes: true}            # who asks for a destructive action may not approve it (default)
 * sources: {host: {host: app}}
 * chat: {engine: offline}
 * remotes: {app: {url: http://app:8080, token_file: /etc/sco/app-token}}    # on a pair's monitor
 * upstream: {url: http://monitor:8080, token_file: /etc/sco/monitor-token}  # on a pair's app host
 * }</pre>
 * A token may be given inline ({@code token}) or read from a file ({@code token_file}), which
 * keeps it out of the configuration that is shown and copied around. Relative paths in the file
 * ({@code rules}, {@code data_dir}, {@code token_file}) are relative to the file's own folder, as
 * Prometheus reads its {@code rule_files}; paths given as flags are relative to the working
 * directory.
 */
public final class AgentConfigLoader {
    private static final int MAX_BYTES = 256 * 1024;

    public AgentConfig load(Path file, AgentConfig base) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException("config file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, base, folder == null ? Path.of("") : folder);
    }

    /** Relative paths resolve against the working directory. */
    AgentConfig parse(String name, String text, AgentConfig base) {
        return parse(name, text, base, Path.of(""));
    }

    private AgentConfig parse(String name, String text, AgentConfig base, Path folder) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            options.setNestingDepthLimit(16);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (RuntimeException e) {
            throw new ConfigException(
                    name + ": not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (root == null) {
            return base;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(name + ": the top level must be a mapping of settings");
        }
        try {
            return apply(ProviderConfig.of(stringKeys(map)), base, folder);
        } catch (ConfigException e) {
            throw new ConfigException(name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** The audit log's settings, its key and anchor paths taken from the config file's folder like every other path. */
    private static ProviderConfig auditSettings(ProviderConfig audit, Path folder) {
        audit.requireOnly(Set.of("key_file", "anchor_file", "anchor_interval", "archive"));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("key_file", "anchor_file")) {
            if (audit.has(key)) {
                out.put(
                        key,
                        folder.resolve(audit.requireString(key))
                                .toAbsolutePath()
                                .toString());
            }
        }
        if (audit.has("anchor_interval")) {
            out.put("anchor_interval", audit.requireString("anchor_interval"));
        }
        return ProviderConfig.of("audit", out);
    }

    /** {@code audit.archive}: {@code store} names the archive provider, the rest are its settings. */
    private static ProviderConfig archiveSettings(ProviderConfig archive) {
        archive.requireString("store");
        if (archive.has("interval")) {
            archive.duration("interval", null); // a bad duration is an error now, not at the first round
        }
        return ProviderConfig.of("audit.archive", archive.asMap());
    }

    /** {@code checkpoints}: {@code store} (default {@code file}) and its settings; a {@code file} path is relative to the config file. */
    private static ProviderConfig checkpointSettings(ProviderConfig checkpoints, Path folder) {
        Map<String, Object> out = new LinkedHashMap<>(checkpoints.asMap());
        if (checkpoints.has("file")) {
            out.put(
                    "file",
                    folder.resolve(checkpoints.requireString("file"))
                            .toAbsolutePath()
                            .toString());
        }
        return ProviderConfig.of("checkpoints", out);
    }

    private AgentConfig apply(ProviderConfig c, AgentConfig b, Path folder) {
        c.requireOnly(Set.of(
                "http",
                "data_dir",
                "sample_interval",
                "detection",
                "rules",
                "remediation",
                "sources",
                "actions",
                "notifiers",
                "notification_groups",
                "chat",
                "remotes",
                "upstream",
                "audit",
                "checkpoints"));
        ProviderConfig http = c.section("http");
        http.requireOnly(Set.of(
                "bind",
                "port",
                "max_body_bytes",
                "token",
                "token_file",
                "anonymous",
                "hosts",
                "idle_timeout",
                "min_body_rate",
                "max_requests_per_client"));
        ProviderConfig detection = c.section("detection");
        detection.requireOnly(Set.of(
                "detector",
                "anomaly_threshold",
                "settings",
                "checkpoint_interval",
                "directions",
                "max_series",
                "series_idle",
                "recent_points",
                "hourly_history"));
        ProviderConfig remediation = c.section("remediation");
        remediation.requireOnly(Set.of("mode", "cooldown", "systemctl", "known_hosts", "four_eyes"));
        ProviderConfig chat = c.section("chat");
        chat.requireOnly(Set.of("engine", "settings"));
        AgentConfig.Builder out = b.toBuilder();
        if (detection.has("directions")) {
            ProviderConfig d = detection.section("directions");
            Map<String, io.smartcloudops.api.detect.Direction> directions = new LinkedHashMap<>();
            for (String pattern : d.keys()) {
                directions.put(pattern, Directions.parse("detection.directions." + pattern, d.requireString(pattern)));
            }
            out.directions(Directions.of(directions));
        }

        int port = http.integer("port", b.server().port());
        if (port < 0 || port > 65_535) {
            throw new ConfigException("setting 'http.port' must be in [0, 65535], got " + port);
        }
        int maxBody = http.integer("max_body_bytes", b.server().maxBodyBytes());
        if (maxBody < 1_024 || maxBody > 16 * 1024 * 1024) {
            throw new ConfigException("setting 'http.max_body_bytes' must be in [1024, 16777216], got " + maxBody);
        }
        token(http, "http", folder).ifPresent(out::httpToken);
        if (http.has("anonymous")) {
            out.anonymous(io.smartcloudops.server.ServerConfig.AnonymousAccess.parse(
                    "http.anonymous", http.requireString("anonymous")));
        }
        if (http.has("hosts")) {
            out.hosts(http.strings("hosts"));
        }
        var limits = b.server().connections();
        out.connections(new io.smartcloudops.server.ServerConfig.ConnectionLimits(
                http.duration("idle_timeout", limits.idleTimeout()),
                (long) http.number("min_body_rate", limits.minBodyBytesPerSecond()),
                http.integer("max_requests_per_client", limits.maxRequestsPerClient())));
        if (c.has("remotes")) {
            Map<String, io.smartcloudops.server.link.PeerLink> remotes = new LinkedHashMap<>();
            sections(c.section("remotes")).forEach((name, peer) -> {
                if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
                    throw new ConfigException(
                            "setting 'remotes." + name + "': a host name is lower-case letters, digits and '-'");
                }
                remotes.put(name, peer(peer, "remotes." + name, folder));
            });
            out.remotes(remotes);
        }
        if (c.has("upstream")) {
            out.upstream(peer(c.section("upstream"), "upstream", folder));
        }
        Duration interval = c.duration("sample_interval", b.runtime().sampleInterval());
        if (interval.toMillis() < 10) {
            throw new ConfigException("setting 'sample_interval' must be at least 10ms, got " + interval);
        }
        double threshold = detection.number("anomaly_threshold", b.runtime().anomalyThreshold());
        if (!(threshold > 0 && threshold <= 1)) {
            throw new ConfigException("setting 'detection.anomaly_threshold' must be in (0, 1], got " + threshold);
        }
        if (c.has("sources")) {
            Map<String, ProviderConfig> sources = sections(c.section("sources"));
            if (sources.isEmpty()) {
                throw new ConfigException("setting 'sources' names no source; the agent would watch nothing");
            }
            out.sources(sources);
        }
        if (c.has("actions")) {
            out.actions(sections(c.section("actions")));
        }
        if (c.has("notifiers")) {
            out.notifiers(sections(c.section("notifiers")));
        }
        if (c.has("notification_groups")) {
            out.grouping(grouping(c.section("notification_groups"), b.runtime().grouping()));
        }
        if (c.has("rules")) {
            out.rulesFile(folder.resolve(c.requireString("rules")));
        }
        if (c.has("audit")) {
            out.audit(auditSettings(c.section("audit"), folder));
            if (c.section("audit").has("archive")) {
                out.auditArchive(archiveSettings(c.section("audit").section("archive")));
            }
        }
        if (c.has("checkpoints")) {
            out.checkpoints(checkpointSettings(c.section("checkpoints"), folder));
        }
        if (detection.has("max_series")
                || detection.has("series_idle")
                || detection.has("recent_points")
                || detection.has("hourly_history")) {
            io.smartcloudops.runtime.SeriesLimits now = b.runtime().series();
            int max = detection.integer("max_series", now.max());
            if (max < 1) {
                throw new ConfigException("setting 'detection.max_series' must be at least 1, got " + max);
            }
            Duration idle = detection.duration("series_idle", now.idle());
            if (idle.isNegative()) {
                throw new ConfigException("setting 'detection.series_idle' must not be negative, got " + idle);
            }
            int points = detection.integer("recent_points", now.recentPoints());
            if (points < 1) {
                throw new ConfigException("setting 'detection.recent_points' must be at least 1, got " + points);
            }
            int hours = detection.integer("hourly_history", now.hourlyHistory());
            if (hours < 0 || hours > io.smartcloudops.runtime.SeriesLimits.MAX_HOURLY_HISTORY) {
                throw new ConfigException("setting 'detection.hourly_history' must be from 0 (no hourly history) to "
                        + io.smartcloudops.runtime.SeriesLimits.MAX_HOURLY_HISTORY + " hours, got " + hours);
            }
            out.series(new io.smartcloudops.runtime.SeriesLimits(max, idle, points, hours));
        }
        if (c.has("data_dir")) {
            out.dataDir(folder.resolve(c.requireString("data_dir")));
        }
        if (remediation.has("mode")) {
            out.actionMode(mode(remediation.string("mode", "")));
        }
        if (remediation.has("systemctl")) {
            out.systemctl(remediation.strings("systemctl"));
        }
        if (remediation.has("known_hosts")) {
            out.knownHosts(remediation.strings("known_hosts"));
        }
        if (remediation.has("four_eyes")) {
            out.fourEyes(remediation.bool("four_eyes", true));
        }
        return out.bind(http.string("bind", b.server().bind()))
                .port(port)
                .maxBodyBytes(maxBody)
                .sampleInterval(interval)
                .detector(detection.string("detector", b.runtime().detector()))
                .detectorSettings(
                        detection.has("settings")
                                ? detection.section("settings")
                                : b.runtime().detectorSettings())
                .anomalyThreshold(threshold)
                .checkpointInterval(
                        detection.duration("checkpoint_interval", b.runtime().checkpointInterval()))
                .cooldown(remediation.duration("cooldown", b.runtime().cooldown()))
                .chatEngine(chat.string("engine", b.server().chatEngine()))
                .chatSettings(
                        chat.has("settings")
                                ? chat.section("settings")
                                : b.server().chatSettings())
                .build();
    }

    /** Alertmanager's route settings for batching notifications; unset ones keep their defaults. */
    private static io.smartcloudops.remediate.alerting.NotificationGroups.Settings grouping(
            ProviderConfig c, io.smartcloudops.remediate.alerting.NotificationGroups.Settings base) {
        c.requireOnly(Set.of("group_by", "group_wait", "group_interval"));
        List<String> by = c.has("group_by") ? c.strings("group_by") : base.groupBy();
        for (String label : by) {
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new ConfigException(
                        "setting 'notification_groups.group_by' takes label names, got '" + label + "'");
            }
        }
        Duration wait = c.duration("group_wait", base.groupWait());
        Duration interval = c.duration("group_interval", base.groupInterval());
        if (wait.compareTo(Duration.ofHours(1)) > 0 || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigException(
                    "setting 'notification_groups': group_wait is at most 1h and group_interval at most 1d");
        }
        return new io.smartcloudops.remediate.alerting.NotificationGroups.Settings(by, wait, interval);
    }

    /** {@code url} and an optional {@code token} or {@code token_file}. */
    private static io.smartcloudops.server.link.PeerLink peer(ProviderConfig c, String where, Path folder) {
        c.requireOnly(Set.of("url", "token", "token_file"));
        try {
            return new io.smartcloudops.server.link.PeerLink(
                    URI.create(c.requireString("url")), token(c, where, folder));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + where + ".url': " + e.getMessage(), e);
        }
    }

    /** A token given by a flag: a relative {@code token_file} is relative to the working directory. */
    static Optional<String> token(ProviderConfig c, String where) {
        return token(c, where, Path.of(""));
    }

    private static Optional<String> token(ProviderConfig c, String where, Path folder) {
        if (c.has("token") && c.has("token_file")) {
            throw new ConfigException(
                    "settings '" + where + ".token' and '" + where + ".token_file' exclude each other");
        }
        String token;
        if (c.has("token_file")) {
            Path file = folder.resolve(c.requireString("token_file"));
            try {
                token = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(
                        "setting '" + where + ".token_file': cannot read " + file + ": " + e.getMessage(), e);
            }
        } else if (c.has("token")) {
            token = c.requireString("token");
        } else {
            return Optional.empty();
        }
        if (token.length() < 16 || !token.matches("[\\x21-\\x7e]+")) {
            throw new ConfigException(
                    "setting '" + where + ".token' must be at least 16 printable characters without spaces");
        }
        return Optional.of(token);
    }

    private static Map<String, ProviderConfig> sections(ProviderConfig parent) {
        Map<String, ProviderConfig> out = new LinkedHashMap<>();
        for (String key : parent.keys()) {
            out.put(key, parent.section(key));
        }
        return out;
    }

    private static ActionMode mode(String text) {
        return switch (text.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "dry_run", "dryrun" -> ActionMode.DRY_RUN;
            case "execute" -> ActionMode.EXECUTE;
            default ->
                throw new ConfigException("setting 'remediation.mode' must be dry_run or execute, got '" + text + "'");
        };
    }
}
