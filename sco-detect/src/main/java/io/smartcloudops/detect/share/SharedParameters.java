package io.smartcloudops.detect.share;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each equal parameter record among the detectors of one factory. Every restored
 * detector reads its parameters from its own state bytes, so without this a factory that restores
 * 20,000 series holds 20,000 equal copies of each record (about 380 B a series for the default
 * ensemble, issue #15); the records are immutable, so one copy serves them all.
 *
 * <p>A factory owns one and passes it to the {@code readFrom} methods that create parameter records;
 * it is not a global registry, so two agents in one JVM share nothing. It stays small because a
 * factory's detectors hold the parameter sets of its configuration and of the few configurations its
 * checkpoints were written under; should states ever carry more than {@value #LIMIT} distinct sets,
 * the rest are kept as read (sharing stops, scores do not change). Safe for concurrent restores.
 */
public final class SharedParameters {
    static final int LIMIT = 256;

    private final ConcurrentHashMap<Record, Record> instances = new ConcurrentHashMap<>();
    private final int limit;

    public SharedParameters() {
        this(LIMIT);
    }

    SharedParameters(int limit) {
        this.limit = limit;
    }

    /**
     * The first instance seen equal to {@code p}, or {@code p} itself when it is the first or the
     * map is full. Only records whose {@code equals} compares every field by value may be passed.
     */
    public <T extends Record> T canonical(T p) {
        Objects.requireNonNull(p, "p");
        Record known = instances.get(p);
        if (known == null) {
            if (instances.size() >= limit) {
                return p;
            }
            known = instances.putIfAbsent(p, p);
            if (known == null) {
                return p;
            }
        }
        // equal records are of one class: a record's equals compares classes first
        @SuppressWarnings("unchecked")
        T same = (T) known;
        return same;
    }

    /** Distinct parameter records held. */
    int size() {
        return instances.size();
    }
}
