package io.smartcloudops.api.spi;

import io.smartcloudops.api.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin's configuration section, as parsed from the agent's YAML. Typed getters throw a
 * {@link ConfigException} naming the key path and what was expected.
 *
 * <pre>{@code
 * ProviderConfig c = ProviderConfig.of(Map.of("threshold", 0.9, "for", "1m"));
 * double t = c.number("threshold", 0.5);
 * Duration d = c.duration("for", Duration.ZERO); // "1m", "30s", "PT5M" all work
 * }</pre>
 */
public final class ProviderConfig {
    private static final Pattern PROM_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private final String path;
    private final Map<String, Object> values;

    private ProviderConfig(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    public static ProviderConfig empty() {
        return new ProviderConfig("", Map.of());
    }

    public static ProviderConfig of(Map<String, ?> values) {
        return of("", values);
    }

    /** A section whose errors are reported under {@code path} (for example {@code detectors.default}). */
    public static ProviderConfig of(String path, Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return new ProviderConfig(path, Collections.unmodifiableMap(copy));
    }

    /** Where this section stands in the configuration (for example {@code actions.run_command}), for messages. */
    public String path() {
        return path;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw wrong(key, "a string", v);
    }

    public String requireString(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException("missing required setting '" + qualified(key) + "'");
        }
        return v;
    }

    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw wrong(key, "a number", v);
            }
        }
        throw wrong(key, "a number", v);
    }

    public int integer(String key, int fallback) {
        double d = number(key, fallback);
        if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw wrong(key, "a whole number", values.get(key));
        }
        return (int) d;
    }

    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw wrong(key, "true or false", v);
    }

    /** Accepts Prometheus durations ({@code 90s}, {@code 5m}, {@code 1h30m}) and ISO-8601 ({@code PT5M}). */
    public Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return parseDuration(qualified(key), String.valueOf(v));
    }

    /** Parses a Prometheus or ISO-8601 duration; {@code where} names the setting in the error. */
    public static Duration parseDuration(String where, String text) {
        String s = text.trim();
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new ConfigException(
                        "'" + where + "': '" + text + "' is not a duration (try 30s, 5m, 1h or PT5M)", e);
            }
        }
        Matcher m = PROM_DURATION.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        case "d" -> Duration.ofDays(n);
                        default -> Duration.ofDays(7 * n);
                    });
            end = m.end();
        }
        if (end == 0 || end != s.length()) {
            throw new ConfigException("'" + where + "': '" + text + "' is not a duration (try 30s, 5m, 1h or PT5M)");
        }
        return total;
    }

    /** A nested section; empty when absent. */
    public ProviderConfig section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return new ProviderConfig(qualified(key), Map.of());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, val) -> copy.put(String.valueOf(k), val));
            return new ProviderConfig(qualified(key), Collections.unmodifiableMap(copy));
        }
        throw wrong(key, "a section (key: value pairs)", v);
    }

    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        throw wrong(key, "a list of strings", v);
    }

    /** Rejects keys the plugin does not know, naming them and the known ones. */
    public void requireOnly(Set<String> known) {
        List<String> unknown = values.keySet().stream()
                .filter(k -> !known.contains(k))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting(s) "
                    + unknown.stream().map(this::qualified).toList() + "; known here: "
                    + known.stream().sorted().toList());
        }
    }

    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigException wrong(String key, String expected, Object got) {
        return new ConfigException("setting '" + qualified(key) + "' must be " + expected + ", got '" + got + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderConfig other && path.equals(other.path) && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return "ProviderConfig" + (path.isEmpty() ? "" : "[" + path + "]") + values;
    }
}
