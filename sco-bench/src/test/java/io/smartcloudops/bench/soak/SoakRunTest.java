package io.smartcloudops.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.nab.NabDataDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakRunTest {
    private static Path nabData() {
        String nab = System.getProperty("sco.nab.dir");
        return NabDataDir.resolve(nab == null ? null : Path.of(nab, "data").toString());
    }

    @Test
    void ingestsOneRoundPerIntervalAndWeighsTheCheckpointWrittenAtStop() throws Exception {
        StringWriter log = new StringWriter();

        SoakResult r = new SoakRun(new DiscoveredDetectors(), nabData(), new PrintWriter(log))
                .run("ewma", 20, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(500));

        assertThat(r.interval()).isEqualTo(Duration.ofMillis(500));
        // 2 s at one round per 500 ms: 4 rounds of 20 series, each reading counting what came before it
        assertThat(r.readings())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.samples()).isPositive().isLessThanOrEqualTo(80));
        assertThat(r.checkpointSeconds()).isPositive();
        assertThat(r.checkpointBytes()).isPositive();
        assertThat(r.checkpointBytesPerSeries()).isEqualTo(r.checkpointBytes() / 20.0);
        assertThat(log.toString()).contains("checkpoint at stop");
    }

    @Test
    void deletesTheAgentsCheckpointsWhenTheRunEnds(@TempDir Path work) throws Exception {
        SoakResult r = new SoakRun(new DiscoveredDetectors(), nabData(), work, new PrintWriter(new StringWriter()))
                .run("ewma", 5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));

        assertThat(r.checkpointBytes()).isPositive();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }
}
