package io.smartcloudops.remediate.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.remediate.match.Matcher;
import io.smartcloudops.remediate.policy.UnguessableIds;
import io.smartcloudops.remediate.state.SafetyState;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The silences in force. Expired ones are dropped as they are looked at. Kept in a
 * {@link SafetyState} (when given one) before they take effect, so a restart keeps them.
 * Thread-safe.
 */
public final class Silences {
    static final String KIND = "silence.v1";

    private final Map<String, Silence> byId = new LinkedHashMap<>();
    private final UnguessableIds ids = new UnguessableIds("sil-");
    private final SafetyState state;
    private final ObjectMapper json = new ObjectMapper();

    /** Silences a restart forgets (tests, a loop without a data directory). */
    public Silences() {
        this(SafetyState.none(), Instant.EPOCH);
    }

    /** Silences kept in {@code state}; those still in force at {@code now} are loaded. */
    public Silences(SafetyState state, Instant now) {
        this.state = state;
        state.load(KIND, now).forEach((id, v) -> byId.put(id, decode(id, v)));
    }

    private Silence decode(String id, String v) {
        try {
            JsonNode n = json.readTree(v);
            List<Matcher> matchers = new ArrayList<>();
            n.get("matchers").forEach(m -> matchers.add(Matcher.parse(m.asText())));
            return new Silence(
                    id,
                    matchers,
                    Instant.parse(n.get("starts_at").asText()),
                    Instant.parse(n.get("ends_at").asText()),
                    n.get("created_by").asText(),
                    n.get("comment").asText());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SafetyStateException("stored silence " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private String encode(Silence s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matchers", s.matchers().stream().map(Matcher::toString).toList());
        m.put("starts_at", s.startsAt().toString());
        m.put("ends_at", s.endsAt().toString());
        m.put("created_by", s.createdBy());
        m.put("comment", s.comment());
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new SafetyStateException("cannot encode silence " + s.id() + ": " + e.getMessage(), e);
        }
    }

    public Silence add(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        return add(newId(), matchers, startsAt, endsAt, createdBy, comment);
    }

    /** An id no silence has, for a caller that records the silence (in the audit log) before adding it. */
    public synchronized String newId() {
        String id = ids.next();
        while (byId.containsKey(id)) {
            id = ids.next();
        }
        return id;
    }

    public synchronized Silence add(
            String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        if (byId.containsKey(id)) {
            throw new IllegalArgumentException("a silence '" + id + "' exists already");
        }
        Silence s = new Silence(id, matchers, startsAt, endsAt, createdBy, comment);
        state.put(KIND, id, encode(s), endsAt); // kept before it mutes anything: a restart keeps what callers were told
        byId.put(s.id(), s);
        return s;
    }

    /** True if a silence with this id is in force now. */
    public synchronized boolean contains(String id, Instant now) {
        Silence s = byId.get(id);
        return s != null && now.isBefore(s.endsAt());
    }

    public synchronized boolean expire(String id) {
        if (!byId.containsKey(id)) {
            return false;
        }
        state.remove(KIND, id);
        return byId.remove(id) != null;
    }

    /** The silence muting these labels now, if any. */
    public synchronized Optional<Silence> muting(Labels labels, Instant now) {
        byId.values().removeIf(s -> !now.isBefore(s.endsAt()));
        return byId.values().stream().filter(s -> s.mutes(labels, now)).findFirst();
    }

    public synchronized List<Silence> active(Instant now) {
        byId.values().removeIf(s -> !now.isBefore(s.endsAt()));
        return new ArrayList<>(byId.values());
    }
}
