package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ALERT;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.INSTANCE_TYPE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.REPLICAS;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers to the action intents. The engine never acts: it builds an {@link ActionRequest} in the
 * caller's name and hands it to the {@link ActionGateway}, whose policy gate decides (dry run,
 * approval, cooldown, rate limit) and audits; the answer reports what the gate said.
 */
public final class ActionAnswers {

    static final String RESTART = "restart_service";
    static final String SCALE = "scale_up";
    static final String HEALTH = "health_check";
    static final String SILENCE = "silence_alert";

    private static final int MAX_REASON = 200;

    private final ActionGateway gateway;
    private final String session;

    public ActionAnswers(ActionGateway gateway) {
        this(gateway, "");
    }

    private ActionAnswers(ActionGateway gateway, String session) {
        this.gateway = gateway;
        this.session = session;
    }

    /** The same answers for one conversation: requests and denials name the session in the audit trail. */
    public ActionAnswers forSession(String sessionId) {
        return new ActionAnswers(gateway, sessionId);
    }

    private String origin() {
        return session.isEmpty() ? "chat" : "chat session " + session;
    }

    public Reply restart(Interpretation in, Principal who) {
        String service = in.slot(SERVICE);
        if (service == null) {
            return ask("Which service should I restart? I know nginx, api, postgres, redis, worker and node_exporter on app, "
                    + "prometheus and grafana on monitor.");
        }
        String host = in.mention(HOST);
        ActionRequest.Builder b = ActionRequest.builder(RESTART, host != null ? host : service).parameter("unit", service);
        return submit(b, in, who, "restart " + service + (host == null ? "" : " on " + host));
    }

    public Reply scale(Interpretation in, Principal who) {
        String service = in.slot(SERVICE);
        String type = in.slot(INSTANCE_TYPE);
        Object replicas = in.slots().get(REPLICAS);
        if (type != null) {
            String host = in.mention(HOST);
            if (host == null) {
                return ask("Which host should become a " + type + ": app or monitor?");
            }
            return submit(ActionRequest.builder(SCALE, host).parameter("instance_type", type), in, who, "resize " + host + " to " + type);
        }
        if (service == null) {
            return ask("What should I scale: a service with a replica count (\"scale the api to 3 replicas\") or a host "
                    + "to an instance type (\"resize app to m5.xlarge\")?");
        }
        if (replicas == null) {
            return ask("By how many replicas should I scale " + service + "? For example \"two more\" or \"to 4\".");
        }
        return submit(ActionRequest.builder(SCALE, service).parameter("replicas", replicas.toString()), in, who,
                "scale " + service + " by/to " + replicas + " replica(s)");
    }

    public Reply health(Interpretation in, Principal who) {
        String service = in.slot(SERVICE);
        String host = in.slot(HOST);
        if (service == null && host == null) {
            return ask("Which service or host should I check?");
        }
        ActionRequest.Builder b = ActionRequest.builder(HEALTH, service != null ? service : host);
        if (service != null) {
            b.parameter("service", service);
        }
        if (host != null) {
            b.parameter("host", host);
        }
        return submit(b, in, who, "health-check " + (service != null ? service : "") + (host != null ? (service != null ? " on " : "") + host : ""));
    }

    public Reply silence(Interpretation in, Principal who) {
        String duration = in.slot(SlotPolicy.DURATION);
        String alert = in.slot(ALERT);
        if (duration == null) {
            return ask("For how long should I silence " + (alert == null ? "alerts" : alert) + "? For example \"for 2h\".");
        }
        ActionRequest.Builder b = ActionRequest.builder(SILENCE, alert == null ? "all" : alert).parameter("duration", duration);
        if (alert != null) {
            b.parameter("alert", alert);
        }
        return submit(b, in, who, "silence " + (alert == null ? "all alerts" : alert) + " for " + duration);
    }

    public Reply approve(Interpretation in, Principal who) {
        String id = decisionTarget(in);
        if (id == null) {
            return whichPending("approve");
        }
        ActionResult r = gateway.approve(id, who);
        return outcome(r, "Approval " + id);
    }

    public Reply deny(Interpretation in, Principal who) {
        String id = decisionTarget(in);
        if (id == null) {
            return whichPending("deny");
        }
        ActionResult r = gateway.deny(id, who, "denied in " + origin() + " by " + who.name());
        return outcome(r, "Denial of " + id);
    }

    /**
     * The stated approval id, or the one the previous turn proposed. Never a guess: a bare "yes" that
     * answers some other question must not approve whatever happens to be pending.
     */
    private static String decisionTarget(Interpretation in) {
        return in.slot(SlotPolicy.ACTION_ID);
    }

    private Reply whichPending(String verb) {
        List<PendingApproval> pending = gateway.pending();
        if (pending.isEmpty()) {
            return Reply.of("Nothing is waiting for approval.", Map.of("pending", List.of()));
        }
        StringBuilder sb = new StringBuilder(pending.size() + " action(s) waiting; which one should I " + verb
                + "? Name it, e.g. \"" + verb + " " + pending.get(0).id() + "\".");
        pending.forEach(p -> sb.append(String.format(Locale.ROOT, "\n- %s: %s on %s, asked by %s", p.id(), p.request().action(),
                p.request().target(), p.request().requestedBy().name())));
        return Reply.of(sb.toString(), Map.of("pending", pending.stream().map(PendingApproval::id).toList(), "clarify", true));
    }

    private Reply submit(ActionRequest.Builder b, Interpretation in, Principal who, String what) {
        String text = in.guard().cleaned();
        ActionRequest request = b.requestedBy(who)
                .reason(origin() + ": " + (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text)).build();
        ActionResult r = gateway.request(request);
        Reply reply = outcome(r, Texts.capitalise(what));
        Map<String, Object> data = new LinkedHashMap<>(reply.data());
        data.put("parameters", request.parameters());
        return new Reply(reply.answer(), data, reply.approvalId());
    }

    private static Reply outcome(ActionResult r, String what) {
        String message = r.message().isEmpty() ? "" : " " + r.message();
        String answer = switch (r.outcome()) {
            case PENDING_APPROVAL -> what + ": waiting for approval " + r.approvalId() + "." + message
                    + " Say \"yes\" or \"approve " + r.approvalId() + "\" to run it, \"no\" to drop it.";
            case DRY_RUN -> what + ": dry run only, nothing changed." + message;
            case SUCCEEDED -> what + ": done." + message;
            case FAILED -> what + ": failed." + message;
            case SUPPRESSED -> what + ": held back by the policy gate." + message;
            case REJECTED -> what + ": refused." + message;
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", r.action());
        data.put("target", r.target());
        data.put("outcome", r.outcome().label());
        data.put("message", r.message());
        if (r.approvalId() != null) {
            data.put("approvalId", r.approvalId());
        }
        return new Reply(answer, data, r.outcome() == ActionOutcome.PENDING_APPROVAL ? r.approvalId() : null);
    }

    private static Reply ask(String question) {
        return Reply.of(question, Map.of("clarify", true));
    }
}
