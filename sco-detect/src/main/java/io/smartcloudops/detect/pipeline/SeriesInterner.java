package io.smartcloudops.detect.pipeline;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the one {@link SeriesId} a pipeline keeps for a series, built from shared copies of the
 * metric and label names. A polled or restored id carries its own copies of the strings (a parser
 * makes new ones for every series it reads), while a fleet has a few dozen distinct names over a
 * million series: sharing them saves about 50 bytes a name a series. Label values are not shared:
 * they are mostly what tells one series from another, so a table of them would cost more than it
 * saves.
 *
 * <p>Bounded: past {@link #MAX_NAMES} distinct names (a source inventing names) new ones are kept
 * as they came, so the table cannot grow without end; the names already in it are still shared.
 * Thread-safe.
 */
final class SeriesInterner {
    static final int MAX_NAMES = 1 << 16;

    private final Map<String, String> names = new ConcurrentHashMap<>();

    /** An id equal to {@code id} whose metric and label names are the shared copies. */
    SeriesId canonical(SeriesId id) {
        Map<String, String> labels = id.labels().asMap();
        String[] pairs = new String[2 * labels.size()];
        int i = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            pairs[i++] = name(e.getKey());
            pairs[i++] = e.getValue();
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

    /** How many distinct names are shared. */
    int size() {
        return names.size();
    }
}
