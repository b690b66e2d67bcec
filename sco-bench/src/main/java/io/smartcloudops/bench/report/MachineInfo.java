package io.smartcloudops.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** One line naming the machine and JVM a report was measured on, read from {@code /proc} where there is one. */
final class MachineInfo {
    private MachineInfo() {}

    /**
     * The 1, 5 and 15 minute load averages: on a shared machine they say how much of it the
     * benchmarks had, which matters more than the core count when reading the figures.
     */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String describe() {
        String cpu = firstMatch(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
        return String.format(
                Locale.ROOT,
                "%d cores (%s), memory %s, %s %s, Java %s (%s), started %s, load average at start %s",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                mem,
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                loadAverage());
    }

    private static String firstMatch(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
