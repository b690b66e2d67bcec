package io.smartcloudops.api.metric;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
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
    private static final Labels EMPTY = new Labels(new String[0]);
    /** Beyond this many pairs, duplicates are found with a hash set rather than by scanning the earlier names. */
    private static final int SCAN_LIMIT = 16;

    /**
     * Names and values alternating, sorted by name. An agent holds one of these per series (a million
     * of them), so they are one array: a sorted map cost about 170 bytes for a single pair, this 48.
     */
    private final String[] pairs;
    /** Cached, as {@link String#hashCode} is: 0 until first asked (or when the hash is 0). */
    private int hash;

    private Labels(String[] pairs) {
        this.pairs = pairs;
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
        return sorted(namesAndValues.clone());
    }

    public static Labels of(Map<String, String> map) {
        String[] pairs = new String[2 * map.size()];
        int i = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return sorted(pairs);
    }

    /** Checks the pairs in the order given (so the first bad one is named), then sorts them by name in place. */
    private static Labels sorted(String[] pairs) {
        int n = pairs.length / 2;
        if (n == 0) {
            return EMPTY;
        }
        Set<String> seen = n > SCAN_LIMIT ? new HashSet<>() : null;
        for (int i = 0; i < n; i++) {
            String name = pairs[2 * i];
            check(name, pairs[2 * i + 1]);
            boolean twice;
            if (seen != null) {
                twice = !seen.add(name);
            } else {
                twice = false;
                for (int j = 0; j < i && !twice; j++) {
                    twice = pairs[2 * j].equals(name);
                }
            }
            if (twice) {
                throw new IllegalArgumentException("label '" + name + "' given twice");
            }
        }
        // insertion sort: label sets are small, and often come sorted already (a parsed Prometheus series)
        for (int i = 1; i < n; i++) {
            String name = pairs[2 * i];
            String value = pairs[2 * i + 1];
            int j = i - 1;
            while (j >= 0 && pairs[2 * j].compareTo(name) > 0) {
                pairs[2 * j + 2] = pairs[2 * j];
                pairs[2 * j + 3] = pairs[2 * j + 1];
                j--;
            }
            pairs[2 * j + 2] = name;
            pairs[2 * j + 3] = value;
        }
        return new Labels(pairs);
    }

    private static void check(String name, String value) {
        Objects.requireNonNull(name, "label name");
        Objects.requireNonNull(value, () -> "value of label " + name);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid label name '" + name + "': must match " + NAME.pattern());
        }
    }

    /** Where {@code name} is among the names, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch}. */
    private int find(String name) {
        int lo = 0;
        int hi = pairs.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** The value of a label, or null when absent. */
    public String get(String name) {
        if (name == null) {
            return null;
        }
        int i = find(name);
        return i >= 0 ? pairs[2 * i + 1] : null;
    }

    public Labels with(String name, String value) {
        check(name, value);
        int i = find(name);
        String[] next;
        if (i >= 0) {
            next = pairs.clone();
            next[2 * i + 1] = value;
        } else {
            int at = -i - 1;
            next = new String[pairs.length + 2];
            System.arraycopy(pairs, 0, next, 0, 2 * at);
            next[2 * at] = name;
            next[2 * at + 1] = value;
            System.arraycopy(pairs, 2 * at, next, 2 * at + 2, pairs.length - 2 * at);
        }
        return new Labels(next);
    }

    /** The pairs as an unmodifiable map that iterates in name order, read through to these labels. */
    public Map<String, String> asMap() {
        return new PairMap();
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && Arrays.equals(pairs, other.pairs);
    }

    /** The hash of {@link #asMap()} as a {@link Map} defines it, so it is that of an equal map of any kind. */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < pairs.length; i += 2) {
                h += pairs[i].hashCode() ^ pairs[i + 1].hashCode();
            }
            hash = h;
        }
        return h;
    }

    /** Prometheus' notation: {@code {host="app",mode="user"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(pairs[i])
                    .append("=\"")
                    .append(pairs[i + 1]
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("\n", "\\n"))
                    .append('"');
        }
        return sb.append('}').toString();
    }

    /** The map view of {@link #pairs}: made on request, so a series' labels hold no map of their own. */
    private final class PairMap extends AbstractMap<String, String> {
        @Override
        public String get(Object key) {
            return key instanceof String name ? Labels.this.get(name) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && find(name) >= 0;
        }

        @Override
        public int size() {
            return pairs.length / 2;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < pairs.length;
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            if (next >= pairs.length) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<String, String> e = Map.entry(pairs[next], pairs[next + 1]);
                            next += 2;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return pairs.length / 2;
                }
            };
        }

        @Override
        public int hashCode() {
            return Labels.this.hashCode();
        }
    }
}
