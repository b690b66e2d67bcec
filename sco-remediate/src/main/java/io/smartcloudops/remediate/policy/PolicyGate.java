package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
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
    // The steps live in package-private pieces the gate calls under its monitor, in the order above:
    // RequestChecks (action, parameters, role, duplicates, target guards), ApprovalFlow, Admission
    // (breaker trial, audit before the act, counting) and GateOutcomes (every outcome audited and
    // told). ActionAttempts runs the act outside the monitor; this class keeps the order and the locks.
    private final Map<String, RemediationAction> actions;
    private final InstantSource clock;
    private final ActionMode mode;
    private final GateOutcomes outcomes;
    private final TargetGuards guards;
    private final RequestChecks checks;
    private final Admission admission;
    private final ActionAttempts attempts;
    private final ApprovalQueue approvals;
    private final ApprovalFlow approvalFlow;
    private final Escalation escalation;
    /** Held while an action and its verification run; never while holding the monitor (decisions would wait). */
    private final ReentrantLock running = new ReentrantLock();

    private PolicyGate(Builder b) {
        this.actions = Map.copyOf(b.actions);
        this.clock = b.clock;
        this.mode = b.mode;
        this.outcomes = new GateOutcomes(b.audit, mode, b.listener, b.suppressions);
        this.attempts = new ActionAttempts(actions, b.audit, clock, mode, b.retry, b.sleeper);
        GateState state = new GateState(b.state);
        this.guards = new TargetGuards(
                b.cooldown,
                b.perTargetLimit,
                b.globalLimit,
                b.limitWindow,
                new CircuitBreaker(b.breakerThreshold, b.breakerOpenFor),
                state);
        this.checks = new RequestChecks(actions, guards, state, outcomes);
        this.admission = new Admission(guards, b.audit, outcomes);
        this.approvals = new ApprovalQueue(state, b.approvalTtl, b.fourEyes);
        this.approvalFlow = new ApprovalFlow(actions, approvals, b.audit, outcomes, admission);
        this.escalation = new Escalation(b.audit, guards, clock, b.escalations);
        restore(clock.instant());
    }

    /** What the last run of the agent left in force: cooldowns, rate windows, keys, breakers, approvals. */
    private void restore(Instant now) {
        guards.restore(now);
        checks.restore(now);
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

    /** Under the monitor, the checks in the order the class comment gives; the first that refuses ends the request. */
    private Decision decide(ActionRequest request, Optional<Verification> verification) {
        Instant now = clock.instant();
        ActionResult refused = checks.refusal(request, now);
        if (refused != null) {
            return Decision.done(refused);
        }
        RemediationAction action = actions.get(request.action());
        if (action.destructive() && mode == ActionMode.EXECUTE) {
            return approvalFlow.awaitApproval(request, verification, now);
        }
        return admission.admit(action, request, verification, now);
    }

    /**
     * Refuses a request before any check runs, for a reason found outside the gate (a target the
     * alert's labels chose that is no known host); the refusal is audited and told like any other.
     */
    public synchronized ActionResult refuse(ActionRequest request, String reason) {
        return outcomes.finish(request, ActionOutcome.REJECTED, "refused: " + reason, clock.instant(), Duration.ZERO);
    }

    /** Outside the monitor, one action at a time: the act, its verification, then the outcome recorded under the monitor. */
    private ActionResult execute(Decision.Run run) {
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
                outcomes.count(SuppressionReason.DRY_RUN);
            } else if (guards.outcome(TargetGuards.targetKey(run.request()), result.outcome(), clock.instant())) {
                escalation.escalate(run.request(), result);
            }
            return outcomes.finish(run.request(), result);
        }
    }

    @Override
    public ActionResult approve(String approvalId, Principal approver) {
        Decision d;
        synchronized (this) {
            d = approvalFlow.approve(approvalId, approver, clock.instant());
        }
        return d.result() != null ? d.result() : execute(d.run());
    }

    @Override
    public synchronized ActionResult deny(String approvalId, Principal approver, String reason) {
        return approvalFlow.deny(approvalId, approver, reason, clock.instant());
    }

    @Override
    public synchronized List<PendingApproval> pending() {
        return approvals.pending(clock.instant());
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
