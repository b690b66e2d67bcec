package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one door every action goes through, final so no plugin can route around it. In order:
 * the action must exist and its parameters validate; viewers cannot act; a request whose
 * idempotency key was seen is a duplicate; a target in cooldown is left alone; a destructive
 * action in EXECUTE mode waits for an approval; the attempt is audited <em>before</em> it runs
 * (an action that cannot be audited does not happen); then it runs in the gate's mode (DRY_RUN
 * unless configured otherwise) and its outcome is audited.
 *
 * <pre>{@code
 * PolicyGate gate = PolicyGate.builder(audit, clock).action(new RestartServiceAction(runner)).build();
 * ActionResult r = gate.request(request);     // DRY_RUN by default
 * }</pre>
 */
public final class PolicyGate implements ActionGateway {
    private final Map<String, RemediationAction> actions;
    private final AuditLog audit;
    private final InstantSource clock;
    private final ActionMode mode;
    private final Duration cooldown;
    private final Duration approvalTtl;
    private final Consumer<ActionResult> listener;
    private final Map<String, Instant> seenKeys = new LinkedHashMap<>();
    private final Map<String, Instant> lastRun = new java.util.HashMap<>();
    private final Map<String, PendingApproval> approvals = new LinkedHashMap<>();
    private final AtomicLong approvalSequence = new AtomicLong();

    private PolicyGate(Builder b) {
        this.actions = Map.copyOf(b.actions);
        this.audit = b.audit;
        this.clock = b.clock;
        this.mode = b.mode;
        this.cooldown = b.cooldown;
        this.approvalTtl = b.approvalTtl;
        this.listener = b.listener;
    }

    public static Builder builder(AuditLog audit, InstantSource clock) {
        return new Builder(audit, clock);
    }

    public ActionMode mode() {
        return mode;
    }

    public List<RemediationAction> actions() {
        return List.copyOf(actions.values());
    }

    @Override
    public synchronized ActionResult request(ActionRequest request) {
        Instant now = clock.instant();
        RemediationAction action = actions.get(request.action());
        if (action == null) {
            return finish(request, ActionOutcome.REJECTED, "unknown action '" + request.action() + "'; available: "
                    + actions.keySet().stream().sorted().toList(), now, Duration.ZERO);
        }
        String invalid = invalidParameters(action, request);
        if (invalid != null) {
            return finish(request, ActionOutcome.REJECTED, invalid, now, Duration.ZERO);
        }
        if (!request.requestedBy().role().atLeast(Role.OPERATOR)) {
            return finish(request, ActionOutcome.REJECTED, request.requestedBy().name() + " (viewer) may not request actions", now, Duration.ZERO);
        }
        if (request.idempotencyKey() != null && seenKeys.containsKey(request.idempotencyKey())) {
            return finish(request, ActionOutcome.SUPPRESSED, "duplicate of request " + request.idempotencyKey(), now, Duration.ZERO);
        }
        String target = request.action() + "/" + request.target();
        Instant last = lastRun.get(target);
        if (last != null && now.isBefore(last.plus(cooldown))) {
            return finish(request, ActionOutcome.SUPPRESSED, "cooldown: " + target + " acted on at " + last
                    + ", next allowed at " + last.plus(cooldown), now, Duration.ZERO);
        }
        remember(request, now);
        if (action.destructive() && mode == ActionMode.EXECUTE) {
            String id = "apr-" + approvalSequence.incrementAndGet();
            PendingApproval pending = new PendingApproval(id, request, now, now.plus(approvalTtl));
            approvals.put(id, pending);
            ActionResult r = new ActionResult(request.action(), request.target(), ActionOutcome.PENDING_APPROVAL,
                    "destructive action waits for approval " + id + " until " + pending.expiresAt(), now, Duration.ZERO, id);
            record(request, r, Map.of("approval_id", id));
            listener.accept(r);
            return r;
        }
        return run(action, request, now);
    }

    private void remember(ActionRequest request, Instant now) {
        if (request.idempotencyKey() != null) {
            seenKeys.put(request.idempotencyKey(), now);
            if (seenKeys.size() > 100_000) {
                seenKeys.remove(seenKeys.keySet().iterator().next());
            }
        }
    }

    private ActionResult run(RemediationAction action, ActionRequest request, Instant now) {
        try {
            audit.append(new AuditRecord(AuditKind.ACTION, request.requestedBy().name(), request.target(), request.action(),
                    "started", request.reason(), withMode(request.parameters())));
        } catch (AuditException e) {
            ActionResult r = ActionResult.of(request, ActionOutcome.FAILED, "not run: the attempt could not be audited (" + e.getMessage() + ")", now, Duration.ZERO);
            listener.accept(r);
            return r;
        }
        lastRun.put(request.action() + "/" + request.target(), now);
        ActionResult result;
        long started = System.nanoTime();
        try {
            result = action.execute(request, mode, now);
        } catch (ActionException e) {
            result = ActionResult.of(request, ActionOutcome.FAILED, (e.retriable() ? "retriable: " : "") + e.getMessage(), now,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            result = ActionResult.of(request, ActionOutcome.FAILED, "action crashed: " + e, now, Duration.ofNanos(System.nanoTime() - started));
        }
        return finish(request, result);
    }

    private Map<String, String> withMode(Map<String, String> parameters) {
        Map<String, String> m = new LinkedHashMap<>(parameters);
        m.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private static String invalidParameters(RemediationAction action, ActionRequest request) {
        for (ParameterSpec spec : action.parameters()) {
            String v = request.parameters().get(spec.name());
            if (v == null) {
                if (spec.required()) {
                    return "missing parameter '" + spec.name() + "' (" + spec.description() + ")";
                }
            } else if (!spec.accepts(v)) {
                return "parameter '" + spec.name() + "' = '" + v + "' does not match " + spec.pattern().pattern();
            }
        }
        for (String given : request.parameters().keySet()) {
            if (action.parameters().stream().noneMatch(s -> s.name().equals(given))) {
                return "unknown parameter '" + given + "' for " + action.name();
            }
        }
        return null;
    }

    @Override
    public synchronized ActionResult approve(String approvalId, Principal approver) {
        Instant now = clock.instant();
        PendingApproval p = approvals.get(approvalId);
        if (p == null) {
            return answerWithoutRequest(approvalId, "no pending approval '" + approvalId + "'", now);
        }
        if (!approver.role().atLeast(Role.OPERATOR) || approver.name().equals("system")) {
            return finish(p.request(), ActionOutcome.REJECTED, approver.name() + " may not approve", now, Duration.ZERO);
        }
        approvals.remove(approvalId);
        if (p.expiredAt(now)) {
            return finish(p.request(), ActionOutcome.REJECTED, "approval " + approvalId + " expired at " + p.expiresAt(), now, Duration.ZERO);
        }
        audit.append(new AuditRecord(AuditKind.APPROVAL, approver.name(), p.request().target(), p.request().action(), "approved",
                "approval " + approvalId, Map.of("approval_id", approvalId, "requested_by", p.request().requestedBy().name())));
        return run(actions.get(p.request().action()), p.request(), now);
    }

    @Override
    public synchronized ActionResult deny(String approvalId, Principal approver, String reason) {
        Instant now = clock.instant();
        PendingApproval p = approvals.remove(approvalId);
        if (p == null) {
            return answerWithoutRequest(approvalId, "no pending approval '" + approvalId + "'", now);
        }
        audit.append(new AuditRecord(AuditKind.APPROVAL, approver.name(), p.request().target(), p.request().action(), "denied",
                reason == null ? "" : reason, Map.of("approval_id", approvalId)));
        ActionResult r = new ActionResult(p.request().action(), p.request().target(), ActionOutcome.REJECTED,
                "denied by " + approver.name(), now, Duration.ZERO, approvalId);
        listener.accept(r);
        return r;
    }

    private static ActionResult answerWithoutRequest(String approvalId, String message, Instant now) {
        return new ActionResult("approve", approvalId == null ? "" : approvalId, ActionOutcome.REJECTED, message, now, Duration.ZERO, null);
    }

    @Override
    public synchronized List<PendingApproval> pending() {
        Instant now = clock.instant();
        return new ArrayList<>(approvals.values().stream().filter(p -> !p.expiredAt(now)).toList());
    }

    private ActionResult finish(ActionRequest request, ActionOutcome outcome, String message, Instant now, Duration took) {
        return finish(request, ActionResult.of(request, outcome, message, now, took));
    }

    private ActionResult finish(ActionRequest request, ActionResult result) {
        ActionResult r = result;
        try {
            record(request, result, Map.of());
        } catch (AuditException e) {
            r = new ActionResult(result.action(), result.target(), result.outcome(),
                    result.message() + " (outcome not audited: " + e.getMessage() + ")", result.at(), result.took(), result.approvalId());
        }
        listener.accept(r);
        return r;
    }

    private void record(ActionRequest request, ActionResult result, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>(withMode(request.parameters()));
        details.putAll(extra);
        details.put("message", result.message());
        details.put("took_ms", String.valueOf(result.took().toMillis()));
        if (request.idempotencyKey() != null) {
            details.put("idempotency_key", request.idempotencyKey());
        }
        audit.append(new AuditRecord(AuditKind.ACTION, request.requestedBy().name(), request.target(), request.action(),
                result.outcome().label(), request.reason(), details));
    }

    /** Options for a {@link PolicyGate}. */
    public static final class Builder {
        private final AuditLog audit;
        private final InstantSource clock;
        private final Map<String, RemediationAction> actions = new LinkedHashMap<>();
        private ActionMode mode = ActionMode.DRY_RUN;
        private Duration cooldown = Duration.ofMinutes(5);
        private Duration approvalTtl = Duration.ofMinutes(30);
        private Consumer<ActionResult> listener = r -> { };

        private Builder(AuditLog audit, InstantSource clock) {
            this.audit = Objects.requireNonNull(audit, "audit");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public Builder action(RemediationAction action) {
            if (actions.putIfAbsent(action.name(), action) != null) {
                throw new IllegalArgumentException("two actions named '" + action.name() + "'");
            }
            return this;
        }

        /** DRY_RUN (the default) records what would be done; EXECUTE acts. */
        public Builder mode(ActionMode m) {
            this.mode = Objects.requireNonNull(m);
            return this;
        }

        /** After an action runs on a target, further requests for it are suppressed this long. */
        public Builder cooldown(Duration d) {
            this.cooldown = Objects.requireNonNull(d);
            return this;
        }

        public Builder approvalTtl(Duration d) {
            this.approvalTtl = Objects.requireNonNull(d);
            return this;
        }

        /** Told of every result (metrics, notifiers); it must not throw. */
        public Builder listener(Consumer<ActionResult> l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        public PolicyGate build() {
            return new PolicyGate(this);
        }
    }
}
