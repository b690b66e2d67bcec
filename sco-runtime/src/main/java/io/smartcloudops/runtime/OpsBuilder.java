package io.smartcloudops.runtime;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.remediate.policy.Sleeper;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.RuleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Options for a loop ({@link Ops#builder()}); {@link #build()} opens it. */
public final class OpsBuilder {
    final ProviderRegistry registry;
    RuntimeConfig.Builder config = RuntimeConfig.defaults().toBuilder();
    InstantSource clock = InstantSource.system();
    final List<MetricSource> sources = new ArrayList<>();
    final List<RemediationAction> actions = new ArrayList<>();
    final List<String> knownHosts = new ArrayList<>();
    final List<OpsListener> listeners = new ArrayList<>();
    UnaryOperator<RemediationAction> actionDecorator = UnaryOperator.identity();
    RuleSet rules;
    DetectorFactory detectorFactory;
    Sleeper sleeper;
    LogLines logs = LogLines.NONE;
    String auditLog = "sqlite";
    RateLimits rateLimits;

    record RateLimits(int perTarget, int global, Duration window) {}

    OpsBuilder(ProviderRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Every option at once, as a host reads them from its configuration file; later setters change it. */
    public OpsBuilder config(RuntimeConfig c) {
        this.config = Objects.requireNonNull(c, "config").toBuilder();
        return this;
    }

    public OpsBuilder clock(InstantSource c) {
        this.clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    public OpsBuilder dataDir(Path dir) {
        config.dataDir(Objects.requireNonNull(dir, "dataDir"));
        return this;
    }

    /** Dry-run (the default) or execute. */
    public OpsBuilder mode(ActionMode mode) {
        config.actionMode(Objects.requireNonNull(mode, "mode"));
        return this;
    }

    /** The detector provider by name ({@code default}, {@code ewma}, {@code seasonal}, ... or a plugin's). */
    public OpsBuilder detector(String name) {
        config.detector(Objects.requireNonNull(name, "detector"));
        return this;
    }

    /** A detector factory instance instead of a provider by name. */
    public OpsBuilder detector(DetectorFactory factory) {
        this.detectorFactory = Objects.requireNonNull(factory, "detector");
        return this;
    }

    public OpsBuilder anomalyThreshold(double threshold) {
        config.anomalyThreshold(threshold);
        return this;
    }

    /** Rules and policies in force instead of the packaged default pack or a rule file. */
    public OpsBuilder rules(RuleSet set) {
        this.rules = Objects.requireNonNull(set, "rules");
        return this;
    }

    /**
     * Rules and policies from Prometheus-shaped YAML text ({@code groups:} and {@code policies:}).
     *
     * @throws io.smartcloudops.remediate.rules.RuleFileException naming every problem, with its line
     */
    public OpsBuilder rules(String sourceName, String yaml) {
        return rules(new RuleFileLoader().parseSet(sourceName, yaml));
    }

    /** A rule file, reloaded when it changes. */
    public OpsBuilder rulesFile(Path file) {
        config.rulesFile(Objects.requireNonNull(file, "rulesFile"));
        return this;
    }

    public OpsBuilder sampleInterval(Duration every) {
        config.sampleInterval(Objects.requireNonNull(every, "sampleInterval"));
        return this;
    }

    public OpsBuilder checkpointInterval(Duration every) {
        config.checkpointInterval(Objects.requireNonNull(every, "checkpointInterval"));
        return this;
    }

    /** Notifier providers by name with their settings; the defaults log notifications, an empty map tells nobody. */
    public OpsBuilder notifiers(Map<String, ProviderConfig> notifiers) {
        config.notifiers(Objects.requireNonNull(notifiers, "notifiers"));
        return this;
    }

    /** Which way each series matters to its detector; {@link Directions#defaults()} unless set. */
    public OpsBuilder directions(Directions d) {
        config.directions(Objects.requireNonNull(d, "directions"));
        return this;
    }

    /**
     * At most this many series get a detector state (100,000 by default); beyond it idle series
     * make room (see {@link #seriesIdle}), or else samples of new series are dropped and counted.
     */
    public OpsBuilder maxSeries(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1, got " + n);
        }
        SeriesLimits now = config.build().series();
        config.series(new SeriesLimits(n, now.idle(), now.recentPoints(), now.hourlyHistory()));
        return this;
    }

    /** A series without a sample this long is forgotten (one hour by default; zero: never). */
    public OpsBuilder seriesIdle(Duration idle) {
        SeriesLimits now = config.build().series();
        config.series(new SeriesLimits(now.max(), idle, now.recentPoints(), now.hourlyHistory()));
        return this;
    }

    /**
     * Raw points each series keeps for charts, chat and short forecasts (240 by default, 24 bytes
     * each); a very large fleet keeps fewer (see {@link SeriesLimits}).
     */
    public OpsBuilder recentPoints(int n) {
        SeriesLimits now = config.build().series();
        config.series(new SeriesLimits(now.max(), now.idle(), n, now.hourlyHistory()));
        return this;
    }

    /**
     * Hours of hourly means each series keeps for forecasts past its recent points' span (528, three
     * weeks and a day, by default; about 2 bytes an hour); 0 keeps none, and forecasts then come from
     * the recent points alone and say so (see {@link SeriesLimits}).
     */
    public OpsBuilder hourlyHistory(int hours) {
        SeriesLimits now = config.build().series();
        config.series(new SeriesLimits(now.max(), now.idle(), now.recentPoints(), hours));
        return this;
    }

    /** A source instance to poll besides the configured ones. */
    public OpsBuilder source(MetricSource s) {
        sources.add(Objects.requireNonNull(s, "source"));
        return this;
    }

    /**
     * Enables the {@code ActionProvider} named {@code provider} with its settings, as a host's
     * {@code actions:} section does (the built-in actions are enabled without being named).
     */
    public OpsBuilder action(String provider, Map<String, ?> settings) {
        Map<String, ProviderConfig> actions = new LinkedHashMap<>(config.build().actions());
        actions.put(Objects.requireNonNull(provider, "provider"), ProviderConfig.of("actions." + provider, settings));
        config.actions(actions);
        return this;
    }

    /** An action instance for the gate; it replaces a configured action of the same name. */
    public OpsBuilder action(RemediationAction a) {
        actions.add(Objects.requireNonNull(a, "action"));
        return this;
    }

    /** Wraps every action before the gate gets it (a host of a pair sends restarts of its peer's services there). */
    public OpsBuilder decorateActions(UnaryOperator<RemediationAction> decorator) {
        this.actionDecorator = Objects.requireNonNull(decorator, "decorator");
        return this;
    }

    /**
     * Hosts an alert's labels may name as a target or in a verification URL, beyond the
     * configuration's {@code knownHosts} and the loopback names (a host adds its peers and the
     * names it answers to).
     */
    public OpsBuilder knownHosts(Collection<String> hosts) {
        knownHosts.addAll(hosts);
        return this;
    }

    public OpsBuilder listener(OpsListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    /** The gate's cooldown per action and target. */
    public OpsBuilder cooldown(Duration d) {
        config.cooldown(Objects.requireNonNull(d, "cooldown"));
        return this;
    }

    /** At most {@code perTarget} actions on one target and {@code global} in all per {@code window} (6 and 30 an hour by default). */
    public OpsBuilder rateLimits(int perTarget, int global, Duration window) {
        this.rateLimits = new RateLimits(perTarget, global, Objects.requireNonNull(window, "window"));
        return this;
    }

    /** How the gate waits between retries; a simulated clock advances itself here. */
    public OpsBuilder sleeper(Sleeper s) {
        this.sleeper = Objects.requireNonNull(s, "sleeper");
        return this;
    }

    /** Where {@code view().logs(...)} comes from; by default nothing. */
    public OpsBuilder logs(LogLines l) {
        this.logs = Objects.requireNonNull(l, "logs");
        return this;
    }

    /** The {@code AuditLogProvider} by name; {@code sqlite} ({@code <dataDir>/audit.db}) by default. */
    public OpsBuilder auditLog(String providerName) {
        this.auditLog = Objects.requireNonNull(providerName, "auditLog");
        return this;
    }

    /**
     * Opens the loop.
     *
     * @throws io.smartcloudops.api.ScoException naming what to fix (a {@link ConfigException} for a bad setting, a
     *     {@code ProviderException} for an unknown or broken plugin); whatever was opened is closed again
     */
    public Ops build() {
        return new Ops(this);
    }
}
