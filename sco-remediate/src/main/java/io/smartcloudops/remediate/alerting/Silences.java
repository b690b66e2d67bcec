package io.smartcloudops.remediate.alerting;

import io.smartcloudops.remediate.match.Matcher;
import io.smartcloudops.api.metric.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.smartcloudops.remediate.policy.UnguessableIds;

/** The silences in force. Expired ones are dropped as they are looked at. Thread-safe. */
public final class Silences {
    private final Map<String, Silence> byId = new LinkedHashMap<>();
    private final UnguessableIds ids = new UnguessableIds("sil-");

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

    public synchronized Silence add(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        if (byId.containsKey(id)) {
            throw new IllegalArgumentException("a silence '" + id + "' exists already");
        }
        Silence s = new Silence(id, matchers, startsAt, endsAt, createdBy, comment);
        byId.put(s.id(), s);
        return s;
    }

    /** True if a silence with this id is in force now. */
    public synchronized boolean contains(String id, Instant now) {
        Silence s = byId.get(id);
        return s != null && now.isBefore(s.endsAt());
    }

    public synchronized boolean expire(String id) {
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
