package io.smartcloudops.bench.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.detect.WarmTemplates;
import io.smartcloudops.bench.nab.NabDataDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkBenchmarkTest {
    @TempDir
    Path work;

    private static Path nabData() {
        String nab = System.getProperty("sco.nab.dir");
        return NabDataDir.resolve(nab == null ? null : Path.of(nab, "data").toString());
    }

    @Test
    void measuresEveryBackendFromAWarmSavepointAndTabulatesPositiveFigures() throws Exception {
        WarmTemplates templates = WarmTemplates.build(nabData(), new DiscoveredDetectors().factory("default"));
        StringWriter log = new StringWriter();

        List<FlinkPoint> points = new FlinkBenchmark(templates, "default", work, new PrintWriter(log))
                .run(List.of(200), List.of("hashmap", "rocksdb"), List.of(1), 3);

        assertThat(points).extracting(FlinkPoint::backend).containsExactly("hashmap", "rocksdb");
        double seedBytes = new WarmSeries(templates, 200).meanSeedBytes();
        for (FlinkPoint p : points) {
            assertThat(p.samples()).isEqualTo(600);
            assertThat(p.samplesPerSecondPerSlot()).isPositive();
            assertThat(p.checkpointSeconds()).isPositive();
        }
        // restored warm: a checkpointed series carries its seeded detector (a cold one is a few dozen bytes);
        // RocksDB compresses its files, the heap backend writes the bytes as they are
        assertThat(points.get(0).checkpointBytesPerSeries()).isGreaterThan(seedBytes);
        assertThat(points.get(1).checkpointBytesPerSeries()).isGreaterThan(seedBytes / 4);
        // The heap figure is read from the JVM after a GC: a measurement for the report, not a behaviour a
        // test can hold to (on a loaded CI machine it read 5,960 B against 10,080 seeded), so it is only tabulated.

        String[] csv = new FlinkTable(points).csv().split("\n");
        assertThat(csv[0].split(",")).containsExactlyElementsOf(FlinkTable.COLUMNS);
        assertThat(csv).hasSize(3);
        for (int row = 1; row < csv.length; row++) {
            List<Double> numbers = Arrays.stream(csv[row].split(","))
                    .skip(1)
                    .map(Double::valueOf)
                    .toList();
            assertThat(numbers).hasSize(FlinkTable.COLUMNS.size() - 1);
            // RocksDB keeps its state off the heap: its heap figure is noise around zero, so only the others must be
            // positive
            assertThat(numbers.subList(0, numbers.size() - 1))
                    .allSatisfy(v -> assertThat(v).isPositive());
        }
        assertThat(new FlinkTable(points).markdown()).startsWith("| " + String.join(" | ", FlinkTable.COLUMNS) + " |");
    }
}
