package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one door every action goes through, final so no plugin can route around it. In order:
 * the action must exist and its parameters validate; viewers cannot act; a request whose
 * idempotency key was seen is a duplicate; a target in cooldown, behind an open circuit breaker or
 * over its rate limit (per target or in all) is left alone; a destructive action in EXECUTE mode
 * waits for an approval; the attempt is audited <em>before</em> it runs (an action that cannot be
 * audited does not happen); it runs in the gate's mode (DRY_RUN unless configured otherwise),
 * retried with backoff only for failures a retry can fix; a verification check (a health check)
 * decides whether it worked; repeated failure opens the circuit and escalates to people; every
 * outcome is audited.
 *
 * <p>Decisions (the checks above, approvals, the pending list) are quick and never wait for an
 * action to finish: the gate's state is guarded by its monitor, which is held only while deciding
 * and recording. Actions themselves run one at a time, under a lock of their own: remediation is
 * rare and serial execution is the safe order, so a slow action (or its retries or a verification
 * that hangs) delays the next action rather than racing it, but not the next decision. A target
 * is marked acted on before its action starts, so a second request for it meanwhile is in cooldown.
 *
 * <pre>{@code
 * PolicyGate gate = PolicyGate.builder(audit, clock)
 *         .action(new RestartServiceAction(runner, List.of("systemctl"), timeout))
 *         .build();
 * ActionResult r = gate.request(request); // DRY_RUN by default
 * }</pre>
 */
public final class PolicyGate implements ActionGateway {
    private final Map<String, RemediationAction> actions;
    private final AuditLog audit;
    private final InstantSource clock;
    private final ActionMode mode;
    private final Consumer<ActionResult> listener;
    private final Consumer<SuppressionReason> suppressions;
    private final Consumer<Notification> escalations;
    private final TargetGuards guards;
    private final ActionAttempts attempts;
    private final Map<String, Instant> seenKeys = new LinkedHashMap<>();
    private final ApprovalQueue approvals;
    /** Held while an action and its verification run; never while holding the monitor (decisions would wait). */
    private final ReentrantLock running = new ReentrantLock();

    private final GateState state;

    private PolicyGate(Builder b) {
        this.actions = Map.copyOf(b.actions);
        this.audit = b.audit;
        this.clock = b.clock;
        this.mode = b.mode;
        this.listener = b.listener;
        this.suppressions = b.suppressions;
        this.escalations = b.escalations;
        this.attempts = new ActionAttempts(actions, audit, clock, mode, b.retry, b.sleeper);
        this.state = new GateState(b.state);
        this.guards = new TargetGuards(
                b.cooldown,
                b.perTargetLimit,
                b.globalLimit,
                b.limitWindow,
                new CircuitBreaker(b.breakerThreshold, b.breakerOpenFor),
                state);
        this.approvals = new ApprovalQueue(state, b.approvalTtl, b.fourEyes);
        restore(clock.instant());
    }

    /** What the last run of the agent left in force: cooldowns, rate windows, keys, breakers, approvals. */
    private void restore(Instant now) {
        guards.restore(now);
        seenKeys.putAll(state.keys(now));
        approvals.restore(now);
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
    public ActionResult request(ActionRequest request) {
        return request(request, Optional.empty());
    }

    /** Like {@link #request(ActionRequest)}, with a check that decides whether the executed action worked. */
    public ActionResult request(ActionRequest request, Optional<Verification> verification) {
        Decision d;
        synchronized (this) {
            d = decide(request, verification);
        }
        return d.result() != null ? d.result() : execute(d.run());
    }

    /** What deciding came to: a result now, or an action to run outside the monitor. */
    private record Decision(ActionResult result, Run run) {
        static Decision done(ActionResult r) {
            return new Decision(r, null);
        }
    }

    /** An action that passed every check, was audited as started and counted against its limits. */
    private record Run(
            RemediationAction action, ActionRequest request, Optional<Verification> verification, Instant now) {}

    private Decision decide(ActionRequest request, Optional<Verification> verification) {
        Instant now = clock.instant();
        RemediationAction action = actions.get(request.action());
        if (action == null) {
            return Decision.done(finish(
                    request,
                    ActionOutcome.REJECTED,
                    "unknown action '" + request.action() + "'; available: "
                            + actions.keySet().stream().sorted().toList(),
                    now,
                    Duration.ZERO));
        }
        String invalid = ParameterCheck.problem(action, request);
        if (invalid != null) {
            return Decision.done(finish(request, ActionOutcome.REJECTED, invalid, now, Duration.ZERO));
        }
        if (!request.requestedBy().role().atLeast(Role.OPERATOR)) {
            return Decision.done(finish(
                    request,
                    ActionOutcome.REJECTED,
                    request.requestedBy().name() + " (viewer) may not request actions",
                    now,
                    Duration.ZERO));
        }
        if (request.idempotencyKey() != null && seenKeys.containsKey(request.idempotencyKey())) {
            return Decision.done(suppressed(
                    request, SuppressionReason.DUPLICATE, "duplicate of request " + request.idempotencyKey(), now));
        }
        Optional<TargetGuards.Hold> hold = guards.hold(targetKey(request), now);
        if (hold.isPresent()) {
            return Decision.done(
                    suppressed(request, hold.get().reason(), hold.get().message(), now));
        }
        try {
            remember(request, now);
        } catch (SafetyStateException e) {
            return Decision.done(
                    finish(request, ActionOutcome.FAILED, "not run: " + e.getMessage(), now, Duration.ZERO));
        }
        if (action.destructive() && mode == ActionMode.EXECUTE) {
            PendingApproval pending;
            try {
                pending = approvals.enqueue(request, verification, now);
            } catch (SafetyStateException e) {
                return Decision.done(finish(
                        request,
                        ActionOutcome.FAILED,
                        "not queued for approval: " + e.getMessage(),
                        now,
                        Duration.ZERO));
            }
            String id = pending.id();
            ActionResult r = new ActionResult(
                    request.action(),
                    request.target(),
                    ActionOutcome.PENDING_APPROVAL,
                    "destructive action waits for approval " + id + " until " + pending.expiresAt(),
                    now,
                    Duration.ZERO,
                    id);
            record(request, r, Map.of("approval_id", id));
            listener.accept(r);
            return Decision.done(r);
        }
        return admit(action, request, verification, now);
    }

    /**
     * Refuses a request before any check runs, for a reason found outside the gate (a target the
     * alert's labels chose that is no known host); the refusal is audited and told like any other.
     */
    public synchronized ActionResult refuse(ActionRequest request, String reason) {
        return finish(request, ActionOutcome.REJECTED, "refused: " + reason, clock.instant(), Duration.ZERO);
    }

    private static String targetKey(ActionRequest request) {
        return request.action() + "/" + request.target();
    }

    private ActionResult suppressed(ActionRequest request, SuppressionReason reason, String message, Instant now) {
        suppressions.accept(reason);
        return finish(request, ActionOutcome.SUPPRESSED, message, now, Duration.ZERO);
    }

    private void remember(ActionRequest request, Instant now) {
        if (request.idempotencyKey() != null) {
            state.key(request.idempotencyKey(), now);
            seenKeys.put(request.idempotencyKey(), now);
            if (seenKeys.size() > 100_000) {
                seenKeys.remove(seenKeys.keySet().iterator().next());
            }
        }
    }

    /** Under the monitor: the breaker's say, the audit entry before the act, and the act counted. */
    private Decision admit(
            RemediationAction action, ActionRequest request, Optional<Verification> verification, Instant now) {
        String target = targetKey(request);
        Optional<TargetGuards.Hold> trial = guards.trialUnderWay(target, now);
        if (trial.isPresent()) {
            return Decision.done(
                    suppressed(request, trial.get().reason(), trial.get().message(), now));
        }
        try {
            // kept first: an act the audit then refuses only makes the gate more careful after a restart
            guards.keep(target, now);
        } catch (SafetyStateException e) {
            ActionResult r =
                    ActionResult.of(request, ActionOutcome.FAILED, "not run: " + e.getMessage(), now, Duration.ZERO);
            listener.accept(r);
            return Decision.done(r);
        }
        try {
            audit.append(new AuditRecord(
                    AuditKind.ACTION,
                    request.requestedBy().name(),
                    request.target(),
                    request.action(),
                    "started",
                    request.reason(),
                    withMode(request.parameters())));
        } catch (AuditException e) {
            ActionResult r = ActionResult.of(
                    request,
                    ActionOutcome.FAILED,
                    "not run: the attempt could not be audited (" + e.getMessage() + ")",
                    now,
                    Duration.ZERO);
            listener.accept(r);
            return Decision.done(r);
        }
        guards.count(target, now);
        return new Decision(null, new Run(action, request, verification, now));
    }

    /** Outside the monitor, one action at a time: the act, its verification, then the outcome recorded under the monitor. */
    private ActionResult execute(Run run) {
        ActionResult result;
        running.lock();
        try {
            long started = System.nanoTime();
            result = attempts.attempt(run.action(), run.request(), run.now(), started);
            if (result.outcome() == ActionOutcome.SUCCEEDED
                    && run.verification().isPresent()) {
                result = attempts.verify(run.request(), run.verification().get(), result, started);
            }
        } finally {
            running.unlock();
        }
        synchronized (this) {
            if (result.outcome() == ActionOutcome.DRY_RUN) {
                suppressions.accept(SuppressionReason.DRY_RUN);
            } else if (guards.outcome(targetKey(run.request()), result.outcome(), clock.instant())) {
                escalate(run.request(), result);
            }
            return finish(run.request(), result);
        }
    }

    private void escalate(ActionRequest request, ActionResult result) {
        String key = targetKey(request);
        Notification n = new Notification(
                "remediation of " + request.target() + " keeps failing",
                request.action() + " on " + request.target() + " failed repeatedly (" + result.message()
                        + "); the circuit is open until " + guards.reopensAt(key) + " and a person should look",
                Severity.CRITICAL,
                Labels.of("action", request.action(), "target", sanitizedLabel(request.target())),
                clock.instant());
        try {
            audit.append(new AuditRecord(
                    AuditKind.ACTION,
                    "policy",
                    request.target(),
                    request.action(),
                    "circuit_open",
                    result.message(),
                    Map.of("reopens_at", String.valueOf(guards.reopensAt(key)))));
        } catch (AuditException e) {
            // the escalation below still goes out: people matter more than the record here
        }
        escalations.accept(n);
    }

    private static String sanitizedLabel(String v) {
        return v.length() > 200 ? v.substring(0, 200) : v;
    }

    private Map<String, String> withMode(Map<String, String> parameters) {
        Map<String, String> m = new LinkedHashMap<>(parameters);
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        return m;
    }

    @Override
    public ActionResult approve(String approvalId, Principal approver) {
        Decision d;
        synchronized (this) {
            d = decideApproval(approvalId, approver);
        }
        return d.result() != null ? d.result() : execute(d.run());
    }

    private Decision decideApproval(String approvalId, Principal approver) {
        Instant now = clock.instant();
        PendingApproval p = approvals.get(approvalId);
        if (p == null) {
            return Decision.done(answerWithoutRequest(approvalId, "no pending approval '" + approvalId + "'", now));
        }
        String refusal = approvals.refusal(p, approver);
        if (refusal != null) {
            // the request stays pending for someone else; refusing it does not use it up
            return Decision.done(finish(p.request(), ActionOutcome.REJECTED, refusal, now, Duration.ZERO));
        }
        Optional<Verification> verification = approvals.take(approvalId);
        if (p.expiredAt(now)) {
            return Decision.done(finish(
                    p.request(),
                    ActionOutcome.REJECTED,
                    "approval " + approvalId + " expired at " + p.expiresAt(),
                    now,
                    Duration.ZERO));
        }
        audit.append(new AuditRecord(
                AuditKind.APPROVAL,
                approver.name(),
                p.request().target(),
                p.request().action(),
                "approved",
                "approval " + approvalId,
                Map.of(
                        "approval_id",
                        approvalId,
                        "requested_by",
                        p.request().requestedBy().name())));
        return admit(actions.get(p.request().action()), p.request(), verification, now);
    }

    @Override
    public synchronized ActionResult deny(String approvalId, Principal approver, String reason) {
        Instant now = clock.instant();
        PendingApproval p = approvals.get(approvalId);
        if (p == null) {
            return answerWithoutRequest(approvalId, "no pending approval '" + approvalId + "'", now);
        }
        approvals.take(approvalId);
        audit.append(new AuditRecord(
                AuditKind.APPROVAL,
                approver.name(),
                p.request().target(),
                p.request().action(),
                "denied",
                reason == null ? "" : reason,
                Map.of("approval_id", approvalId)));
        ActionResult r = new ActionResult(
                p.request().action(),
                p.request().target(),
                ActionOutcome.REJECTED,
                "denied by " + approver.name(),
                now,
                Duration.ZERO,
                approvalId);
        listener.accept(r);
        return r;
    }

    private static ActionResult answerWithoutRequest(String approvalId, String message, Instant now) {
        return new ActionResult(
                "approve",
                approvalId == null ? "" : approvalId,
                ActionOutcome.REJECTED,
                message,
                now,
                Duration.ZERO,
                null);
    }

    @Override
    public synchronized List<PendingApproval> pending() {
        return approvals.pending(clock.instant());
    }

    private ActionResult finish(
            ActionRequest request, ActionOutcome outcome, String message, Instant now, Duration took) {
        return finish(request, ActionResult.of(request, outcome, message, now, took));
    }

    private ActionResult finish(ActionRequest request, ActionResult result) {
        ActionResult r = result;
        try {
            record(request, result, Map.of());
        } catch (AuditException e) {
            r = new ActionResult(
                    result.action(),
                    result.target(),
                    result.outcome(),
                    result.message() + " (outcome not audited: " + e.getMessage() + ")",
                    result.at(),
                    result.took(),
                    result.approvalId());
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
        audit.append(new AuditRecord(
                AuditKind.ACTION,
                request.requestedBy().name(),
                request.target(),
                request.action(),
                result.outcome().label(),
                request.reason(),
                details));
    }

    /** Options for a {@link PolicyGate}. */
    public static final class Builder {
        private final AuditLog audit;
        private final InstantSource clock;
        private final Map<String, RemediationAction> actions = new LinkedHashMap<>();
        private ActionMode mode = ActionMode.DRY_RUN;
        private Duration cooldown = Duration.ofMinutes(5);
        private Duration approvalTtl = Duration.ofMinutes(30);
        private Consumer<ActionResult> listener = r -> {};
        private Consumer<SuppressionReason> suppressions = r -> {};
        private Consumer<Notification> escalations = n -> {};
        private int perTargetLimit = 6;
        private int globalLimit = 30;
        private Duration limitWindow = Duration.ofHours(1);
        private int breakerThreshold = 3;
        private Duration breakerOpenFor = Duration.ofMinutes(30);
        private RetryPolicy retry = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.real();
        private io.smartcloudops.remediate.state.SafetyState state =
                io.smartcloudops.remediate.state.SafetyState.none();
        private boolean fourEyes = true;

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

        /** Told of every suppression, by reason (metrics). */
        public Builder suppressionListener(Consumer<SuppressionReason> l) {
            this.suppressions = Objects.requireNonNull(l);
            return this;
        }

        /** Told when the circuit breaker gives up on a target and a person must look (notifiers). */
        public Builder escalationListener(Consumer<Notification> l) {
            this.escalations = Objects.requireNonNull(l);
            return this;
        }

        /** At most {@code perTarget} acts on one target and {@code global} in all within {@code window}. */
        public Builder rateLimits(int perTarget, int globalMax, Duration window) {
            this.perTargetLimit = perTarget;
            this.globalLimit = globalMax;
            this.limitWindow = Objects.requireNonNull(window);
            return this;
        }

        /** After {@code failures} failed acts in a row on a target, stop for {@code openFor} and escalate. */
        public Builder circuitBreaker(int failures, Duration openFor) {
            this.breakerThreshold = failures;
            this.breakerOpenFor = Objects.requireNonNull(openFor);
            return this;
        }

        public Builder retry(RetryPolicy r) {
            this.retry = Objects.requireNonNull(r);
            return this;
        }

        /** How to wait between retries and verification checks (tests record instead of sleeping). */
        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        /**
         * Where cooldowns, rate-limit windows, idempotency keys, circuit breakers and pending
         * approvals are kept across restarts (default: nowhere); what is still in force is loaded
         * when the gate is built.
         */
        public Builder state(io.smartcloudops.remediate.state.SafetyState s) {
            this.state = Objects.requireNonNull(s);
            return this;
        }

        /** Whether who asked for a destructive action may not approve it too (default: on). */
        public Builder fourEyes(boolean on) {
            this.fourEyes = on;
            return this;
        }

        public PolicyGate build() {
            return new PolicyGate(this);
        }
    }
}
