package io.smartcloudops.remediate.alerting;

import io.smartcloudops.remediate.match.Matcher;
import io.smartcloudops.api.metric.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The silences in force. Expired ones are dropped as they are looked at. Thread-safe. */
public final class Silences {
    private final Map<String, Silence> byId = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public synchronized Silence add(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        Silence s = new Silence("sil-" + sequence.incrementAndGet(), matchers, startsAt, endsAt, createdBy, comment);
        byId.put(s.id(), s);
        return s;
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
