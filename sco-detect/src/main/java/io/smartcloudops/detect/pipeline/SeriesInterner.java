package io.smartcloudops.detect.pipeline;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the one {@link SeriesId} a pipeline keeps for a series, built from shared copies of its
 * strings. A polled or restored id carries its own copies (a parser makes new ones for every
 * series it reads), while a fleet has a few dozen distinct metric and label names over a million
 * series, and most labels take few values ({@code job}, {@code mode}, {@code cpu}): sharing them
 * saves about 50 bytes a string a series.
 *
 * <p>A label that tells series apart ({@code pod}, a request id) would only fill a table of its
 * values, so a label name's values stop being shared once it has shown more than {@link
 * #MAX_VALUES_PER_NAME}, and that table is let go. All is bounded: past {@link #MAX_NAMES} names
 * or about {@link #MAX_VALUES} values in all (a source inventing them), new strings are kept as
 * they came; those already shared still are. Thread-safe.
 */
final class SeriesInterner {
    static final int MAX_NAMES = 1 << 16;
    static final int MAX_VALUES = 1 << 16;
    static final int MAX_VALUES_PER_NAME = 1024;

    private final Map<String, String> names = new ConcurrentHashMap<>();
    /** Each label name's shared values, or {@link #DISTINGUISHING} once it has shown too many. */
    private final Map<String, Map<String, String>> valuesByName = new ConcurrentHashMap<>();
    /** Values shared over all names, about (a label let go subtracts its count while others may add). */
    private final AtomicInteger valueCount = new AtomicInteger();
    /** The values of a label that tells series apart: sharing them would save nothing. */
    private static final Map<String, String> DISTINGUISHING = Map.of();

    /** An id equal to {@code id} whose strings are the shared copies where there are any. */
    SeriesId canonical(SeriesId id) {
        Map<String, String> labels = id.labels().asMap();
        String[] pairs = new String[2 * labels.size()];
        int i = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String name = name(e.getKey());
            pairs[i++] = name;
            pairs[i++] = value(name, e.getValue());
        }
        return SeriesId.of(name(id.name()), pairs.length == 0 ? Labels.empty() : Labels.of(pairs));
    }

    private String name(String name) {
        String shared = names.get(name);
        if (shared != null) {
            return shared;
        }
        if (names.size() >= MAX_NAMES) {
            return name;
        }
        shared = names.putIfAbsent(name, name);
        return shared == null ? name : shared;
    }

    private String value(String name, String value) {
        Map<String, String> values = valuesByName.get(name);
        if (values == null) {
            if (valuesByName.size() >= MAX_NAMES) {
                return value;
            }
            values = valuesByName.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
        }
        if (values == DISTINGUISHING) {
            return value;
        }
        String shared = values.get(value);
        if (shared != null) {
            return shared;
        }
        if (values.size() >= MAX_VALUES_PER_NAME) {
            if (valuesByName.replace(name, values, DISTINGUISHING)) {
                valueCount.addAndGet(-values.size()); // the table goes with its last reader
            }
            return value;
        }
        if (valueCount.get() >= MAX_VALUES) {
            return value;
        }
        shared = values.putIfAbsent(value, value);
        if (shared == null) {
            valueCount.incrementAndGet();
            return value;
        }
        return shared;
    }

    /** How many distinct metric and label names are shared. */
    int size() {
        return names.size();
    }

    /** How many label values are shared, about. */
    int values() {
        return valueCount.get();
    }
}
