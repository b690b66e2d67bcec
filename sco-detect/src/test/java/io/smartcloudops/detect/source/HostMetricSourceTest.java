package io.smartcloudops.detect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.source.MetricSourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMetricSourceTest {
    @TempDir
    Path proc;

    private long millis = 1_000_000;

    private void write(String cpuLine, long rx, long tx) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("stat"), cpuLine + "\ncpu0 1 2 3 4 5 6 7 8 9 10\n");
        Files.writeString(
                proc.resolve("meminfo"), "MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    250 kB\n");
        Files.writeString(proc.resolve("loadavg"), "0.75 0.50 0.25 1/200 12345\n");
        Files.writeString(proc.resolve("net/dev"), """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo: 999 1 0 0 0 0 0 0 999 1 0 0 0 0 0 0
                  eth0: %d 10 0 0 0 0 0 0 %d 10 0 0 0 0 0 0
                """.formatted(rx, tx));
    }

    private Map<String, Double> byName(SampleBatch b) {
        return b.samples().stream().collect(Collectors.toMap(s -> s.series().name(), Sample::value, (a, c) -> a));
    }

    @Test
    void turnsCountersIntoPercentagesAndRates() throws Exception {
        HostMetricSource source = new HostMetricSource(proc, List.of(proc), "app", () -> Instant.ofEpochMilli(millis));
        write("cpu  100 0 100 700 100 0 0 0 0 0", 1_000, 5_000);
        Map<String, Double> first = byName(source.poll());
        assertThat(first)
                .containsEntry("node_memory_usage_percent", 75.0)
                .containsEntry("node_load1", 0.75)
                .doesNotContainKey("node_cpu_usage_percent")
                .doesNotContainKey("node_network_receive_bytes_per_second");
        millis += 2_000;
        write("cpu  250 0 150 750 150 0 0 0 0 0", 3_000, 6_000);
        SampleBatch second = source.poll();
        Map<String, Double> m = byName(second);
        assertThat(m.get("node_cpu_usage_percent")).isEqualTo(100.0 * 200 / 300);
        assertThat(m)
                .containsEntry("node_network_receive_bytes_per_second", 1_000.0)
                .containsEntry("node_network_transmit_bytes_per_second", 500.0);
        assertThat(m.get("node_filesystem_usage_percent")).isBetween(0.0, 100.0);
        assertThat(second.samples())
                .allSatisfy(s -> assertThat(s.series().labels().get("host")).isEqualTo("app"));
        assertThat(second.samples())
                .noneSatisfy(s -> assertThat(s.series().labels().get("device")).isEqualTo("lo"));
    }

    @Test
    void counterResetGivesNoRateRatherThanANegativeOne() throws Exception {
        HostMetricSource source = new HostMetricSource(proc, List.of(), "app", () -> Instant.ofEpochMilli(millis));
        write("cpu  100 0 100 700 100 0 0 0 0 0", 10_000, 10_000);
        source.poll();
        millis += 1_000;
        write("cpu  200 0 100 700 100 0 0 0 0 0", 10, 10);
        assertThat(byName(source.poll())).doesNotContainKey("node_network_receive_bytes_per_second");
    }

    @Test
    void garbageInProcIsASourceErrorNotACrash() throws Exception {
        HostMetricSource source = new HostMetricSource(proc, List.of(), "app", () -> Instant.ofEpochMilli(millis));
        write("cpu  x y z", 1, 1);
        assertThatThrownBy(source::poll)
                .isInstanceOf(MetricSourceException.class)
                .hasMessageContaining(proc.toString());
        Files.delete(proc.resolve("stat"));
        assertThatThrownBy(source::poll).isInstanceOf(MetricSourceException.class);
    }

    @Test
    void readsTheRealProcOnLinux() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/stat")), "not on Linux");
        HostMetricSource source =
                new HostMetricSource(Path.of("/proc"), List.of(Path.of("/")), "local", InstantSource.system());
        source.poll();
        assertThat(byName(source.poll()))
                .containsKeys("node_memory_usage_percent", "node_load1", "node_filesystem_usage_percent");
    }
}
