package io.smartcloudops.api.metric;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable, name-sorted set of label pairs, as Prometheus defines them.
 *
 * <pre>{@code
 * Labels l = Labels.of("host", "app", "mode", "user");
 * l.get("host"); // "app"
 * l.with("cpu", "0"); // a new Labels; l is unchanged
 * }</pre>
 */
public final class Labels {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Labels EMPTY = new Labels(new TreeMap<>());

    private final SortedMap<String, String> pairs;

    private Labels(SortedMap<String, String> pairs) {
        this.pairs = Collections.unmodifiableSortedMap(pairs);
    }

    public static Labels empty() {
        return EMPTY;
    }

    /** Labels from alternating names and values: {@code of("host", "app", "mode", "user")}. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "Labels.of needs name/value pairs, got an odd count: " + namesAndValues.length);
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            put(map, namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Labels(map);
    }

    public static Labels of(Map<String, String> map) {
        TreeMap<String, String> copy = new TreeMap<>();
        map.forEach((k, v) -> put(copy, k, v));
        return new Labels(copy);
    }

    private static void put(TreeMap<String, String> map, String name, String value) {
        Objects.requireNonNull(name, "label name");
        Objects.requireNonNull(value, () -> "value of label " + name);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid label name '" + name + "': must match " + NAME.pattern());
        }
        if (map.put(name, value) != null) {
            throw new IllegalArgumentException("label '" + name + "' given twice");
        }
    }

    /** The value of a label, or null when absent. */
    public String get(String name) {
        return pairs.get(name);
    }

    public Labels with(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(pairs);
        copy.remove(name);
        put(copy, name, value);
        return new Labels(copy);
    }

    public Map<String, String> asMap() {
        return pairs;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && pairs.equals(other.pairs);
    }

    @Override
    public int hashCode() {
        return pairs.hashCode();
    }

    /** Prometheus' notation: {@code {host="app",mode="user"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        pairs.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(k)
                    .append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        });
        return sb.append('}').toString();
    }
}
