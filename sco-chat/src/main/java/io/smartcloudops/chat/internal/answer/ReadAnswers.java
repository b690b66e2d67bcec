package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import java.time.InstantSource;

/**
 * Answers to the read-only intents, filled from the live {@link OpsView}: the one entry point both
 * engines (the offline one and the LLM's tools) answer reads through, each kind by its own class.
 */
public final class ReadAnswers {

    private final StatusAnswers status;
    private final MetricAnswers metrics;
    private final AnomalyAnswers anomalies;
    private final AlertAnswers alerts;
    private final LogAnswers logs;
    private final ForecastAnswers forecasts;
    private final AuditAnswers audit;

    public ReadAnswers(OpsView view, InstantSource clock) {
        ReadScope scope = new ReadScope(view, clock);
        this.status = new StatusAnswers(view);
        this.metrics = new MetricAnswers(view, scope);
        this.anomalies = new AnomalyAnswers(view, scope);
        this.alerts = new AlertAnswers(view);
        this.logs = new LogAnswers(view, scope);
        this.forecasts = new ForecastAnswers(view, scope);
        this.audit = new AuditAnswers(view, clock, scope);
    }

    public Reply status() {
        return status.status();
    }

    public Reply metric(Interpretation in) {
        return metrics.metric(in);
    }

    public Reply anomalies(Interpretation in) {
        return anomalies.anomalies(in);
    }

    public Reply explain(Interpretation in) {
        return anomalies.explain(in);
    }

    public Reply alerts(Interpretation in) {
        return alerts.alerts(in);
    }

    public Reply logs(Interpretation in) {
        return logs.logs(in);
    }

    public Reply forecast(Interpretation in) {
        return forecasts.forecast(in);
    }

    public Reply audit(Interpretation in) {
        return audit.audit(in);
    }
}
