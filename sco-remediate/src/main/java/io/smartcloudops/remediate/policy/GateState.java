package io.smartcloudops.remediate.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.remediate.state.SafetyState;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gate's memory as {@link SafetyState} entries, version 1: each act (from which cooldowns
 * and both rate-limit windows are rebuilt), idempotency keys, circuit breakers and pending
 * approvals with their verifications. Package-private: only the gate writes it.
 */
final class GateState {
    static final String ACT = "gate.act.v1";
    static final String KEY = "gate.idempotency.v1";
    static final String APPROVAL = "gate.approval.v1";
    static final String BREAKER = "gate.breaker.v1";
    /** An idempotency key is honoured this long across restarts (Alertmanager resends within hours). */
    static final Duration KEYS_KEPT = Duration.ofDays(7);

    private final SafetyState state;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong acts = new AtomicLong();

    GateState(SafetyState state) {
        this.state = state;
    }

    /** An act that was let through, kept until it counts for neither cooldown nor rate limit. */
    record Act(String target, Instant at) {}

    void act(String target, Instant at, Duration keptFor) {
        state.put(
                ACT,
                at.toEpochMilli() + "/" + System.nanoTime() + "/" + acts.incrementAndGet(),
                at.toEpochMilli() + "|" + target,
                at.plus(keptFor));
    }

    List<Act> acts(Instant now) {
        List<Act> out = new ArrayList<>();
        for (String v : state.load(ACT, now).values()) {
            int bar = v.indexOf('|');
            out.add(new Act(v.substring(bar + 1), Instant.ofEpochMilli(Long.parseLong(v.substring(0, bar)))));
        }
        out.sort(Comparator.comparing(Act::at));
        return out;
    }

    void key(String key, Instant at) {
        state.put(KEY, key, at.toString(), at.plus(KEYS_KEPT));
    }

    Map<String, Instant> keys(Instant now) {
        Map<String, Instant> out = new LinkedHashMap<>();
        state.load(KEY, now).forEach((k, v) -> out.put(k, Instant.parse(v)));
        return out;
    }

    /** Failures in a row and when the circuit opened; kept while it can still matter. */
    void breaker(String target, int failures, Instant openedAt, Instant keepUntil) {
        try {
            state.put(BREAKER, target, failures + "|" + (openedAt == null ? "" : openedAt.toEpochMilli()), keepUntil);
        } catch (SafetyStateException e) {
            // the outcome is audited either way; a breaker forgotten on restart only lets one more trial through
        }
    }

    void breakerClosed(String target) {
        try {
            state.remove(BREAKER, target);
        } catch (SafetyStateException e) {
            // as above: at worst a restart remembers failures a success had cleared
        }
    }

    Map<String, String> breakers(Instant now) {
        return state.load(BREAKER, now);
    }

    void approval(PendingApproval p, Optional<Verification> verification) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request", request(p.request()));
        m.put("requested_at", p.requestedAt().toString());
        m.put("expires_at", p.expiresAt().toString());
        verification.ifPresent(v -> m.put(
                "verification",
                Map.of(
                        "check",
                        request(v.check()),
                        "attempts",
                        v.attempts(),
                        "interval_ms",
                        v.interval().toMillis())));
        try {
            state.put(APPROVAL, p.id(), json.writeValueAsString(m), p.expiresAt());
        } catch (JsonProcessingException e) {
            throw new SafetyStateException("cannot encode approval " + p.id() + ": " + e.getMessage(), e);
        }
    }

    void approvalDone(String id) {
        state.remove(APPROVAL, id);
    }

    /** A pending approval as it was stored, with its verification if it had one. */
    record StoredApproval(PendingApproval pending, Optional<Verification> verification) {}

    List<StoredApproval> approvals(Instant now) {
        List<StoredApproval> out = new ArrayList<>();
        for (Map.Entry<String, String> e : state.load(APPROVAL, now).entrySet()) {
            try {
                JsonNode n = json.readTree(e.getValue());
                PendingApproval p = new PendingApproval(
                        e.getKey(),
                        request(n.get("request")),
                        Instant.parse(n.get("requested_at").asText()),
                        Instant.parse(n.get("expires_at").asText()));
                JsonNode v = n.get("verification");
                out.add(new StoredApproval(
                        p,
                        v == null
                                ? Optional.empty()
                                : Optional.of(new Verification(
                                        request(v.get("check")),
                                        v.get("attempts").asInt(),
                                        Duration.ofMillis(v.get("interval_ms").asLong())))));
            } catch (JsonProcessingException | RuntimeException ex) {
                throw new SafetyStateException(
                        "stored approval " + e.getKey() + " cannot be read: " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static Map<String, Object> request(ActionRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.action());
        m.put("target", r.target());
        m.put("parameters", r.parameters());
        m.put("reason", r.reason());
        m.put("requested_by", r.requestedBy().name());
        m.put("role", r.requestedBy().role().name());
        if (r.idempotencyKey() != null) {
            m.put("idempotency_key", r.idempotencyKey());
        }
        return m;
    }

    private static ActionRequest request(JsonNode n) {
        ActionRequest.Builder b = ActionRequest.builder(
                        n.get("action").asText(), n.get("target").asText())
                .reason(n.get("reason").asText())
                .requestedBy(new Principal(
                        n.get("requested_by").asText(),
                        Role.valueOf(n.get("role").asText())));
        n.get("parameters")
                .properties()
                .forEach(f -> b.parameter(f.getKey(), f.getValue().asText()));
        if (n.hasNonNull("idempotency_key")) {
            b.idempotencyKey(n.get("idempotency_key").asText());
        }
        return b.build();
    }
}
