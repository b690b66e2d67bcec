package io.smartcloudops.detect.source;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.source.MetricSourceException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local host's CPU, memory, disk, network and load, read from Linux's {@code /proc} (no
 * native library, the same counters Node Exporter reads). Metric names follow Node Exporter's
 * style, already turned into the percentages and rates people alert on:
 * {@code node_cpu_usage_percent}, {@code node_memory_usage_percent},
 * {@code node_filesystem_usage_percent{mountpoint}}, {@code node_network_receive_bytes_per_second{device}},
 * {@code node_network_transmit_bytes_per_second{device}}, {@code node_load1}. Every series carries
 * the {@code host} label. Rates need two readings, so the first poll has none.
 */
public final class HostMetricSource implements MetricSource {
    private final Path proc;
    private final List<Path> mounts;
    private final Labels hostLabels;
    private final InstantSource clock;
    private long[] lastCpu;
    private Map<String, long[]> lastNet;
    private long lastNetMillis;

    /**
     * @param proc where {@code /proc} is (tests point it at a folder of fixture files)
     * @param mounts file systems whose usage to report
     * @param host value of the {@code host} label
     */
    public HostMetricSource(Path proc, List<Path> mounts, String host, InstantSource clock) {
        this.proc = proc;
        this.mounts = List.copyOf(mounts);
        this.hostLabels = Labels.of("host", host);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public synchronized SampleBatch poll() throws MetricSourceException {
        long now = clock.millis();
        List<Sample> out = new ArrayList<>();
        try {
            long[] cpu = ProcReadings.cpu(read("stat"));
            if (lastCpu != null && cpu[1] > lastCpu[1]) {
                double busy = 100.0 * (cpu[0] - lastCpu[0]) / (cpu[1] - lastCpu[1]);
                out.add(sample("node_cpu_usage_percent", hostLabels, now, Math.max(0, Math.min(100, busy))));
            }
            lastCpu = cpu;
            out.add(sample(
                    "node_memory_usage_percent", hostLabels, now, ProcReadings.memoryUsedPercent(read("meminfo"))));
            out.add(sample("node_load1", hostLabels, now, ProcReadings.load1(read("loadavg"))));
            Map<String, long[]> net = ProcReadings.network(read("net/dev"));
            if (lastNet != null && now > lastNetMillis) {
                double seconds = (now - lastNetMillis) / 1000.0;
                for (Map.Entry<String, long[]> e : net.entrySet()) {
                    long[] before = lastNet.get(e.getKey());
                    if (before == null || e.getValue()[0] < before[0] || e.getValue()[1] < before[1]) {
                        continue; // new interface or counter reset: no rate this round
                    }
                    Labels dev = hostLabels.with("device", e.getKey());
                    out.add(sample(
                            "node_network_receive_bytes_per_second",
                            dev,
                            now,
                            (e.getValue()[0] - before[0]) / seconds));
                    out.add(sample(
                            "node_network_transmit_bytes_per_second",
                            dev,
                            now,
                            (e.getValue()[1] - before[1]) / seconds));
                }
            }
            lastNet = new HashMap<>(net);
            lastNetMillis = now;
        } catch (IOException | RuntimeException e) {
            throw new MetricSourceException("cannot read host metrics from " + proc + ": " + e.getMessage(), e);
        }
        for (Path mount : mounts) {
            try {
                FileStore store = Files.getFileStore(mount);
                long total = store.getTotalSpace();
                if (total > 0) {
                    double used = 100.0 * (total - store.getUsableSpace()) / total;
                    out.add(sample(
                            "node_filesystem_usage_percent",
                            hostLabels.with("mountpoint", mount.toString()),
                            now,
                            used));
                }
            } catch (IOException e) {
                // an unmounted path is skipped; the other metrics still count
            }
        }
        return SampleBatch.of(name(), out);
    }

    private String read(String file) throws IOException {
        return Files.readString(proc.resolve(file));
    }

    private static Sample sample(String name, Labels labels, long t, double v) {
        return new Sample(SeriesId.of(name, labels), t, v);
    }
}
