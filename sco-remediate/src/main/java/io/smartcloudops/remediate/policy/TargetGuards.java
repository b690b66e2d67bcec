package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What keeps the gate from acting on a target too often: the target's cooldown, the rate limits
 * (per target and in all) and its circuit breaker, with the part of them that must outlive a
 * restart (acts, breakers) kept in the gate's state. A target here is the gate's key for what is
 * acted on ({@code action/target}), so every check and count of one request uses the same key.
 *
 * <p>Not thread-safe: the gate calls it under its monitor.
 */
final class TargetGuards {
    /** Why a request is left alone, as the gate tells and counts it. */
    record Hold(SuppressionReason reason, String message) {}

    private static final String ALL = "*";

    private final Duration cooldown;
    private final Duration limitWindow;
    private final SlidingWindowLimit perTarget;
    private final SlidingWindowLimit global;
    private final CircuitBreaker breaker;
    private final GateState state;
    private final Map<String, Instant> lastRun = new HashMap<>();

    TargetGuards(
            Duration cooldown,
            int perTargetLimit,
            int globalLimit,
            Duration limitWindow,
            CircuitBreaker breaker,
            GateState state) {
        this.cooldown = cooldown;
        this.limitWindow = limitWindow;
        this.perTarget = new SlidingWindowLimit(perTargetLimit, limitWindow);
        this.global = new SlidingWindowLimit(globalLimit, limitWindow);
        this.breaker = breaker;
        this.state = state;
    }

    /** The key a request's checks and counts use: what is acted on, {@code action/target}. */
    static String targetKey(ActionRequest request) {
        return request.action() + "/" + request.target();
    }

    /** What the last run of the agent left in force: cooldowns, rate windows and breakers. */
    void restore(Instant now) {
        for (GateState.Act a : state.acts(now)) {
            lastRun.merge(a.target(), a.at(), (x, y) -> x.isAfter(y) ? x : y);
            perTarget.record(a.target(), a.at());
            global.record(ALL, a.at());
        }
        state.breakers(now).forEach((target, v) -> {
            int bar = v.indexOf('|');
            String opened = v.substring(bar + 1);
            breaker.restore(
                    target,
                    Integer.parseInt(v.substring(0, bar)),
                    opened.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(opened)));
        });
    }

    /** Whether the target must be left alone now: in cooldown, behind an open breaker or over a rate limit. */
    Optional<Hold> hold(String target, Instant now) {
        Instant last = lastRun.get(target);
        if (last != null && now.isBefore(last.plus(cooldown))) {
            return Optional.of(new Hold(
                    SuppressionReason.COOLDOWN,
                    "cooldown: " + target + " acted on at " + last + ", next allowed at " + last.plus(cooldown)));
        }
        if (breaker.state(target, now) == CircuitBreaker.State.OPEN) {
            return Optional.of(new Hold(
                    SuppressionReason.CIRCUIT_OPEN,
                    "circuit open: " + target + " kept failing; escalated, next trial at "
                            + breaker.reopensAt(target)));
        }
        if (!perTarget.allows(target, now)) {
            return Optional.of(new Hold(
                    SuppressionReason.RATE_LIMIT, "rate limit: at most " + perTarget.describe() + " on " + target));
        }
        if (!global.allows(ALL, now)) {
            return Optional.of(
                    new Hold(SuppressionReason.RATE_LIMIT, "rate limit: at most " + global.describe() + " in all"));
        }
        return Optional.empty();
    }

    /** The breaker's say just before an act: a half-open breaker lets one trial through, not two. */
    Optional<Hold> trialUnderWay(String target, Instant now) {
        return breaker.allows(target, now)
                ? Optional.empty()
                : Optional.of(new Hold(
                        SuppressionReason.CIRCUIT_OPEN, "circuit open: a trial of " + target + " is under way"));
    }

    /** Keeps the act in the gate's state before it is audited, for as long as a cooldown or window needs it. */
    void keep(String target, Instant now) throws SafetyStateException {
        state.act(target, now, cooldown.compareTo(limitWindow) > 0 ? cooldown : limitWindow);
    }

    /** Counts an admitted act against the cooldown and the limits. */
    void count(String target, Instant now) {
        lastRun.put(target, now);
        perTarget.record(target, now);
        global.record(ALL, now);
    }

    /** Tells the breaker how an act went; true when this failure opened it (people are then told). */
    boolean outcome(String target, ActionOutcome outcome, Instant now) {
        if (outcome == ActionOutcome.SUCCEEDED) {
            breaker.success(target);
            state.breakerClosed(target);
            return false;
        }
        if (outcome != ActionOutcome.FAILED) {
            return false;
        }
        boolean opened = breaker.failure(target, now);
        Instant openedAt = breaker.openedAt(target);
        state.breaker(
                target,
                breaker.failures(target),
                openedAt,
                (openedAt != null ? openedAt : now).plus(breaker.openFor()).plus(Duration.ofDays(1)));
        return opened;
    }

    Instant reopensAt(String target) {
        return breaker.reopensAt(target);
    }
}
