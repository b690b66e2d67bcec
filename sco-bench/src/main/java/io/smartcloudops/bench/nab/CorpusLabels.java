package io.smartcloudops.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NAB's ground truth ({@code labels/combined_windows.json}): anomaly windows per data file, keyed by
 * the file's path relative to the data directory ({@code realKnownCause/nyc_taxi.csv}).
 *
 * <pre>{@code
 * CorpusLabels labels = CorpusLabels.read(Path.of("datasets/nab/labels/combined_windows.json"));
 * List<LabelWindow> w = labels.windows("realKnownCause/nyc_taxi.csv").orElseThrow();
 * }</pre>
 */
public final class CorpusLabels {
    private final Map<String, List<LabelWindow>> windows;

    private CorpusLabels(Map<String, List<LabelWindow>> windows) {
        this.windows = windows;
    }

    public static CorpusLabels of(Map<String, List<LabelWindow>> windows) {
        Map<String, List<LabelWindow>> copy = new LinkedHashMap<>();
        windows.forEach((k, v) -> copy.put(normalise(k), List.copyOf(v)));
        return new CorpusLabels(Collections.unmodifiableMap(copy));
    }

    public static CorpusLabels read(Path combinedWindowsJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(combinedWindowsJson.toFile());
        Map<String, List<LabelWindow>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<LabelWindow> list = new ArrayList<>();
            for (JsonNode pair : e.getValue()) {
                if (!pair.isArray() || pair.size() != 2) {
                    throw new IOException(
                            combinedWindowsJson + ": window of '" + e.getKey() + "' is not [start, end]: " + pair);
                }
                list.add(new LabelWindow(
                        NabTime.parse(pair.get(0).asText()),
                        NabTime.parse(pair.get(1).asText())));
            }
            out.put(e.getKey(), list);
        }
        return of(out);
    }

    /** The windows of a file, empty when the file is not labelled (NAB then ignores it). */
    public Optional<List<LabelWindow>> windows(String relativePath) {
        return Optional.ofNullable(windows.get(normalise(relativePath)));
    }

    public Set<String> files() {
        return windows.keySet();
    }

    /** 1 when the timestamp lies inside one of the file's windows, else 0. */
    public int label(String relativePath, LocalDateTime t) {
        for (LabelWindow w : windows(relativePath).orElse(List.of())) {
            if (w.contains(t)) {
                return 1;
            }
        }
        return 0;
    }

    static String normalise(String relativePath) {
        return relativePath.replace('\\', '/');
    }
}
