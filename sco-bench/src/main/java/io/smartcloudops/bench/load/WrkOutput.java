package io.smartcloudops.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads wrk's output: the {@code WRK_JSON} line that {@code paced.lua}'s {@code done()} prints
 * (percentiles in microseconds straight from wrk's histogram, error counts) and the
 * {@code Latency Distribution} table that {@code --latency} prints, kept for the report as wrk
 * showed it.
 */
public final class WrkOutput {
    private static final Pattern DISTRIBUTION_ROW =
            Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?%)\\s+([0-9.]+)(us|ms|s|m)\\s*$");
    private final ObjectMapper json = new ObjectMapper();

    public WrkResult parse(String endpoint, double targetRate, String stdout) throws IOException {
        JsonNode n = null;
        Map<String, Double> distribution = new LinkedHashMap<>();
        boolean inDistribution = false;
        for (String line : stdout.split("\\R")) {
            if (line.startsWith("WRK_JSON ")) {
                n = json.readTree(line.substring("WRK_JSON ".length()));
            } else if (line.trim().equals("Latency Distribution")) {
                inDistribution = true;
            } else if (inDistribution) {
                Matcher m = DISTRIBUTION_ROW.matcher(line);
                if (m.matches()) {
                    distribution.put(m.group(1), toMillis(Double.parseDouble(m.group(2)), m.group(3)));
                } else {
                    inDistribution = false;
                }
            }
        }
        if (n == null) {
            throw new IOException("wrk printed no WRK_JSON line (was it run with paced.lua?); output was:\n" + stdout);
        }
        long requests = n.path("requests").asLong();
        double seconds = n.path("duration_us").asDouble() / 1e6;
        long socket = n.path("connect").asLong()
                + n.path("read").asLong()
                + n.path("write").asLong()
                + n.path("timeout").asLong();
        return new WrkResult(
                endpoint,
                targetRate,
                requests,
                seconds,
                seconds > 0 ? requests / seconds : 0,
                socket,
                n.path("status").asLong(),
                us(n, "mean_us"),
                us(n, "p50_us"),
                us(n, "p90_us"),
                us(n, "p99_us"),
                us(n, "p999_us"),
                us(n, "max_us"),
                distribution);
    }

    private static double us(JsonNode n, String field) {
        return n.path(field).asDouble() / 1000.0;
    }

    private static double toMillis(double v, String unit) {
        return switch (unit) {
            case "us" -> v / 1000.0;
            case "ms" -> v;
            case "s" -> v * 1000.0;
            default -> v * 60_000.0;
        };
    }
}
