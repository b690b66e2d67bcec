package io.smartcloudops.detect.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsers for the Linux {@code /proc} files the host source reads. Each takes the file's text and
 * returns raw counters; turning counters into rates is {@link HostMetricSource}'s job.
 */
final class ProcReadings {
    private ProcReadings() {}

    /** Aggregate CPU jiffies from {@code /proc/stat}: {@code [busy, total]}. */
    static long[] cpu(String stat) {
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long total = 0;
                long idle = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i == 4 || i == 5) {
                        idle += v; // idle and iowait
                    }
                }
                return new long[] {total - idle, total};
            }
        }
        throw new IllegalArgumentException("no aggregate 'cpu' line in /proc/stat");
    }

    /** Percent of memory in use from {@code /proc/meminfo} (MemTotal less MemAvailable). */
    static double memoryUsedPercent(String meminfo) {
        long total = -1;
        long available = -1;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                total = kb(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kb(line);
            }
        }
        if (total <= 0 || available < 0) {
            throw new IllegalArgumentException("MemTotal or MemAvailable missing from /proc/meminfo");
        }
        return 100.0 * (total - available) / total;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** One-minute load average from {@code /proc/loadavg}. */
    static double load1(String loadavg) {
        return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
    }

    /** Received and transmitted bytes per interface from {@code /proc/net/dev}, loopback left out. */
    static Map<String, long[]> network(String netdev) {
        Map<String, long[]> out = new LinkedHashMap<>();
        List<String> lines = netdev.lines().toList();
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String device = line.substring(0, colon).trim();
            if (device.equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 9) {
                out.put(device, new long[] {Long.parseLong(f[0]), Long.parseLong(f[8])});
            }
        }
        return out;
    }
}
