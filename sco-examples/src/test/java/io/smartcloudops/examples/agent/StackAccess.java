package io.smartcloudops.examples.agent;

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
        return agent.view().series().stream().map(SeriesId::name).collect(Collectors.toSet());
    }

    /** Recent samples held for every series of this metric name. */
    public int samplesOf(String metric) {
        return agent.view().series().stream().filter(s -> s.name().equals(metric))
                .mapToInt(s -> agent.view().recentSamples(s, 10_000).size()).sum();
    }

    public List<AnomalyEvent> anomalies() {
        return agent.view().anomalies(500);
    }

    public String metricsText() {
        return agent.metrics().scrape();
    }

    public long ingested(String source) {
        Matcher m = Pattern.compile("sco_samples_ingested_total\\{source=\"" + Pattern.quote(source) + "\"} ([0-9.eE+]+)").matcher(metricsText());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    public String sourceHealth(String source) {
        return agent.view().status().sources().getOrDefault(source, "");
    }

    public Map<String, Object> status() {
        return JsonViews.status(agent.view().status(), agent.config().actionMode().name(), agent.config().detector(),
                agent.health().snapshot());
    }

    public List<AuditEntry> audit(AuditQuery q) {
        return agent.audit().query(q);
    }

    public boolean verifyAudit() {
        return agent.audit().verify().intact();
    }

    @Override
    public void close() {
        agent.close();
    }
}
