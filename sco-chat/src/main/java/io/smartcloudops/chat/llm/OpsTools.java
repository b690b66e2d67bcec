package io.smartcloudops.chat.llm;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ALERT;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ID;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.INSTANCE_TYPE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LEVEL;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LINES;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.REPLICAS;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SEVERITY;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SPAN;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.chat.internal.answer.ActionAnswers;
import io.smartcloudops.chat.internal.answer.GuideAnswers;
import io.smartcloudops.chat.internal.answer.ReadAnswers;
import io.smartcloudops.chat.internal.answer.Reply;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The tools the model may call, one per intent. Reads answer from the {@link io.smartcloudops.api.chat.OpsView}
 * exactly as the offline engine does; actions only propose: they hand a request in the caller's name
 * to the {@link io.smartcloudops.api.action.ActionGateway}, whose policy gate decides (dry run,
 * approval, cooldown) and audits. A caller whose role is too low gets a refusal and the gateway is not
 * asked. Every result goes back to the model fenced as untrusted data. One instance per turn.
 */
final class OpsTools {

    private static final String SPAN_HELP = "a time span such as PT1H, P3D, 30m or 'last 2 hours'";
    // No real host or service name in a description: descriptions travel to the model unconcealed.
    private static final String AS_WRITTEN =
            ", written exactly as in the question or the tool data, placeholders included";

    private final ReadAnswers reads;
    private final ActionAnswers actions;
    private final ToolTurn turn;
    private final DataFence fence;

    OpsTools(ReadAnswers reads, ActionAnswers actions, ToolTurn turn, DataFence fence) {
        this.reads = reads;
        this.actions = actions;
        this.turn = turn;
        this.fence = fence;
    }

    @Tool(
            name = "get_status",
            value =
                    "Summary of the agent: uptime, series watched, open alerts, recent anomalies and actions, source health.")
    String status() {
        return read("get_status", Intent.STATUS, Map.of(), in -> reads.status());
    }

    @Tool(
            name = "query_metric",
            value =
                    "Recent values (latest, min, avg, max) of a metric, optionally for one service or host and time range.")
    String queryMetric(
            @P(
                            name = "metric",
                            value =
                                    "cpu, memory, disk, network_in, network_out, latency, error_rate, request_rate or load_average")
                    String metric,
            @P(name = "service", value = "service name" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host: app, monitor, or a host name" + AS_WRITTEN, required = false) String host,
            @P(name = "range", value = "look-back window, " + SPAN_HELP, required = false) String range) {
        return read(
                "query_metric",
                Intent.METRIC_QUERY,
                args(METRIC, metric, SERVICE, service, HOST, host, SPAN, range),
                reads::metric);
    }

    @Tool(name = "list_anomalies", value = "Recent anomalies the detectors flagged, newest first, optionally filtered.")
    String anomalies(
            @P(name = "metric", value = "metric to filter by", required = false) String metric,
            @P(name = "service", value = "service to filter by" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host to filter by: app, monitor, or a host name" + AS_WRITTEN, required = false)
                    String host,
            @P(name = "range", value = "look-back window, " + SPAN_HELP, required = false) String range) {
        return read(
                "list_anomalies",
                Intent.ANOMALIES,
                args(METRIC, metric, SERVICE, service, HOST, host, SPAN, range),
                reads::anomalies);
    }

    @Tool(
            name = "explain_anomaly",
            value =
                    "Why an anomaly was flagged: value, expected band, detector and reason. Give its id, or a metric/host to take the newest.")
    String explainAnomaly(
            @P(name = "anomaly_id", value = "the anomaly id, e.g. an-208", required = false) String anomalyId,
            @P(name = "metric", value = "metric, when no id is known", required = false) String metric,
            @P(name = "service", value = "service, when no id is known" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host, when no id is known" + AS_WRITTEN, required = false) String host) {
        return read(
                "explain_anomaly",
                Intent.EXPLAIN_ANOMALY,
                args(ID, anomalyId, METRIC, metric, SERVICE, service, HOST, host),
                reads::explain);
    }

    @Tool(name = "get_alerts", value = "Open (pending and firing) alerts, most urgent first.")
    String alerts(
            @P(name = "severity", value = "critical, warning or info", required = false) String severity,
            @P(name = "service", value = "service to filter by" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host to filter by" + AS_WRITTEN, required = false) String host) {
        return read("get_alerts", Intent.ALERTS, args(SEVERITY, severity, SERVICE, service, HOST, host), reads::alerts);
    }

    @Tool(
            name = "get_logs",
            value = "The agent's newest log lines at or above a level, optionally mentioning a service or host.")
    String logs(
            @P(name = "service", value = "service the lines mention" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host the lines mention" + AS_WRITTEN, required = false) String host,
            @P(name = "level", value = "error, warn, info or debug", required = false) String level,
            @P(name = "lines", value = "how many lines, 1 to 500", required = false) Integer lines,
            @P(name = "range", value = "look-back window, " + SPAN_HELP, required = false) String range) {
        return read(
                "get_logs",
                Intent.LOGS,
                args(SERVICE, service, HOST, host, LEVEL, level, LINES, lines, SPAN, range),
                reads::logs);
    }

    @Tool(
            name = "forecast",
            value =
                    "Seasonal forecast of a metric: value after the horizon with 80% and 95% intervals and, for a bounded metric, when it reaches its maximum (100% for a percentage); says so when there is too little history.")
    String forecast(
            @P(name = "metric", value = "metric to project, e.g. disk") String metric,
            @P(name = "service", value = "service" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host: app, monitor, or a host name" + AS_WRITTEN, required = false) String host,
            @P(name = "horizon", value = "how far ahead, " + SPAN_HELP, required = false) String horizon) {
        return read(
                "forecast",
                Intent.FORECAST,
                args(METRIC, metric, SERVICE, service, HOST, host, SPAN, horizon),
                reads::forecast);
    }

    @Tool(name = "get_audit", value = "The audit trail: who asked for or did what, newest first.")
    String audit(
            @P(name = "service", value = "service the entries are about" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host the entries are about" + AS_WRITTEN, required = false) String host,
            @P(name = "range", value = "look-back window, " + SPAN_HELP, required = false) String range,
            @P(name = "action_id", value = "an approval or action id", required = false) String actionId) {
        return read(
                "get_audit", Intent.AUDIT, args(SERVICE, service, HOST, host, SPAN, range, ID, actionId), reads::audit);
    }

    @Tool(
            name = "help",
            value = "What the person asking may do with their role. Call it when they ask what you can do.")
    String help() {
        return read("help", Intent.HELP, Map.of(), in -> GuideAnswers.help(turn.principal(), actions.targets()));
    }

    @Tool(
            name = "propose_restart_service",
            value =
                    "Ask the policy gate to restart a service. It may run dry or wait for an approval; it never runs unchecked.")
    String restart(
            @P(name = "service", value = "the service to restart" + AS_WRITTEN) String service,
            @P(name = "host", value = "host it runs on: app, monitor, or a host name" + AS_WRITTEN, required = false)
                    String host) {
        return act(
                "propose_restart_service",
                Intent.RESTART_SERVICE,
                args(SERVICE, service, HOST, host),
                actions::restart);
    }

    @Tool(
            name = "propose_scale_up",
            value = "Ask the policy gate to add replicas of a service, or to resize a host to an instance type.")
    String scaleUp(
            @P(name = "service", value = "service to scale" + AS_WRITTEN, required = false) String service,
            @P(name = "replicas", value = "replica count", required = false) Integer replicas,
            @P(name = "instance_type", value = "target instance type, e.g. m5.xlarge", required = false)
                    String instanceType,
            @P(name = "host", value = "host to resize: app, monitor, or a host name" + AS_WRITTEN, required = false)
                    String host) {
        return act(
                "propose_scale_up",
                Intent.SCALE_UP,
                args(SERVICE, service, REPLICAS, replicas, INSTANCE_TYPE, instanceType, HOST, host),
                actions::scale);
    }

    @Tool(name = "propose_health_check", value = "Ask the policy gate to probe a service or host.")
    String healthCheck(
            @P(name = "service", value = "service to check" + AS_WRITTEN, required = false) String service,
            @P(name = "host", value = "host to check" + AS_WRITTEN, required = false) String host) {
        return act("propose_health_check", Intent.HEALTH_CHECK, args(SERVICE, service, HOST, host), actions::health);
    }

    @Tool(name = "propose_silence", value = "Ask the policy gate to silence an alert for a while.")
    String silence(
            @P(name = "alert", value = "alert name, e.g. HighCpuUsage", required = false) String alert,
            @P(name = "duration", value = "how long, " + SPAN_HELP) String duration) {
        return act("propose_silence", Intent.SILENCE, args(ALERT, alert, SPAN, duration), actions::silence);
    }

    @Tool(
            name = "approve_action",
            value =
                    "Approve a pending action. Only for an id the person named, or the one just proposed when they say yes.")
    String approve(@P(name = "action_id", value = "the approval id, e.g. act-12") String actionId) {
        return decide("approve_action", Intent.APPROVE, actionId, actions::approve);
    }

    @Tool(
            name = "deny_action",
            value =
                    "Deny a pending action. Only for an id the person named, or the one just proposed when they say no.")
    String deny(@P(name = "action_id", value = "the approval id, e.g. act-12") String actionId) {
        return decide("deny_action", Intent.DENY, actionId, actions::deny);
    }

    private String read(
            String tool, Intent intent, Map<String, Object> arguments, Function<Interpretation, Reply> answer) {
        Interpretation in = interpretation(intent, arguments);
        return record(tool, in, answer.apply(in), false);
    }

    private String act(
            String tool,
            Intent intent,
            Map<String, Object> arguments,
            BiFunction<Interpretation, Principal, Reply> answer) {
        Interpretation in = interpretation(intent, arguments);
        Principal who = turn.principal();
        if (!who.role().atLeast(intent.minimumRole())) {
            return record(tool, in, GuideAnswers.refused(intent, who), true);
        }
        if (intent.isMutating() && intent != Intent.DENY && !turn.mayPropose()) {
            // A question never acts: the person asked about the action, or asked for it later, or took it back.
            Reply refusal = Reply.of(
                    "The person's message does not ask for this now (it is a question, a hypothetical, negated, "
                            + "scheduled or unsupported); nothing was proposed. Answer their question instead.",
                    Map.of("refused", "not_a_command", "acted", false));
            return record(tool, in, refusal, true);
        }
        return record(tool, in, answer.apply(in, who), false);
    }

    private String decide(
            String tool, Intent intent, String actionId, BiFunction<Interpretation, Principal, Reply> answer) {
        Interpretation in = interpretation(intent, args(ID, actionId));
        if (turn.principal().role().atLeast(intent.minimumRole())
                && in.slot(SlotPolicy.ACTION_ID) != null
                && !turn.mayDecide(in.slot(SlotPolicy.ACTION_ID))) {
            Reply refusal = Reply.of(
                    "I only " + intent.label() + " an approval id the person names in their message, or the one "
                            + "proposed in the previous turn; ask them to name it.",
                    Map.of("refused", "unnamed_approval"));
            return record(tool, in, refusal, true);
        }
        return act(tool, intent, args(ID, actionId), answer);
    }

    private Interpretation interpretation(Intent intent, Map<String, Object> arguments) {
        Map<String, Object> mentions = ArgumentSlots.normalise(arguments);
        return new Interpretation(
                intent, SlotPolicy.slotsFor(intent, mentions), mentions, 1.0, false, false, null, turn.verdict());
    }

    private String record(String tool, Interpretation in, Reply reply, boolean refused) {
        turn.record(new ToolUse(tool, in.intent(), in.slots(), in.mentions(), reply, refused));
        return fence.wrap(tool, reply);
    }

    private static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }
}
