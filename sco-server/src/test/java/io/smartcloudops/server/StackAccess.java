package io.smartcloudops.server;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.SeriesId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A running agent as integration tests in other packages see it: start, look, stop. */
public final class StackAccess implements AutoCloseable {
    private final Agent agent;

    private StackAccess(Agent agent) {
        this.agent = agent;
    }

    public static StackAccess start(AgentConfig config) {
        return new StackAccess(Agent.builder(config).build().start());
    }

    public int port() {
        return agent.port();
    }

    public Set<String> seriesNames() {
        return agent.ops().view().series().stream().map(SeriesId::name).collect(Collectors.toSet());
    }

    /** Recent samples held for every series of this metric name. */
    public int samplesOf(String metric) {
        return agent.ops().view().series().stream()
                .filter(s -> s.name().equals(metric))
                .mapToInt(s -> agent.ops().view().recentSamples(s, 10_000).size())
                .sum();
    }

    public List<AnomalyEvent> anomalies() {
        return agent.ops().view().anomalies(500);
    }

    public String metricsText() {
        return agent.metrics().scrape();
    }

    public long ingested(String source) {
        Matcher m = Pattern.compile(
                        "sco_samples_ingested_total\\{source=\"" + Pattern.quote(source) + "\"} ([0-9.eE+]+)")
                .matcher(metricsText());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    public String sourceHealth(String source) {
        return agent.ops().view().status().sources().getOrDefault(source, "");
    }

    public Map<String, Object> status() {
        return JsonViews.status(
                agent.ops().view().status(),
                agent.config().runtime().actionMode().name(),
                agent.config().runtime().detector(),
                agent.ops().health().snapshot());
    }

    public List<AuditEntry> audit(AuditQuery q) {
        return agent.ops().audit().query(q);
    }

    public boolean verifyAudit() {
        return agent.ops().audit().verify().intact();
    }

    @Override
    public void close() {
        agent.close();
    }
}
