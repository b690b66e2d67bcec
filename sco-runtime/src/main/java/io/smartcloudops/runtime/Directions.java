package io.smartcloudops.runtime;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.metric.SeriesId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which way each series matters to its detector: metric-name patterns (fully matched, like a
 * Prometheus {@code =~} matcher) to a direction, the first that matches wins, {@code both} when
 * none does. Configured as {@code detection.directions}.
 *
 * <pre>{@code
 * Directions d = Directions.of(Map.of(".*(cpu|load|latency|error).*", Direction.UP));
 * }</pre>
 */
public final class Directions {
    private record Entry(Pattern metric, Direction direction) {}

    private final List<Entry> entries;

    private Directions(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * What the loop assumes when told nothing: CPU, load, latency and error rates matter when they
     * rise (a drop is rarely an incident); everything else both ways.
     */
    public static Directions defaults() {
        return of(Map.of(".*(cpu|load|latency|error).*", Direction.UP));
    }

    /** Patterns in iteration order; give a {@link LinkedHashMap} when the order matters. */
    public static Directions of(Map<String, Direction> patterns) {
        List<Entry> entries = new ArrayList<>();
        patterns.forEach((regex, direction) -> {
            Objects.requireNonNull(direction, "direction");
            try {
                entries.add(new Entry(Pattern.compile(regex), direction));
            } catch (PatternSyntaxException e) {
                throw new ConfigException("direction pattern '" + regex + "' is not a regex: " + e.getDescription(), e);
            }
        });
        return new Directions(entries);
    }

    /** Reads {@code up}, {@code down} or {@code both}. */
    public static Direction parse(String where, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "up" -> Direction.UP;
            case "down" -> Direction.DOWN;
            case "both" -> Direction.BOTH;
            default ->
                throw new ConfigException("setting '" + where + "' must be up, down or both, got '" + text + "'");
        };
    }

    public Direction of(SeriesId series) {
        for (Entry e : entries) {
            if (e.metric().matcher(series.name()).matches()) {
                return e.direction();
            }
        }
        return Direction.BOTH;
    }

    /** The patterns and their directions, in the order they are tried. */
    public Map<String, Direction> asMap() {
        Map<String, Direction> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.metric().pattern(), e.direction()));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Directions other && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return "Directions" + asMap();
    }
}
