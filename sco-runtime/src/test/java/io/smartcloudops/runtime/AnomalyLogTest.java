package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** An anomaly storm writes one WARN line a round, not one an anomaly; each anomaly is at DEBUG. */
class AnomalyLogTest {
    private static final int SERIES = 1_000;

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    private final Logger opsLog = (Logger) LoggerFactory.getLogger(Ops.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level levelBefore;

    /** Scores a value over 50 as certainly anomalous and anything else as normal: the storm is the test's choice. */
    private static final class OverFifty implements Detector {
        @Override
        public Score update(Sample sample) {
            return new Score(sample.value() > 50 ? 1.0 : 0.0, 10, 0, 50, "over-fifty", "over fifty");
        }

        @Override
        public DetectorState snapshot() {
            return new DetectorState("over-fifty", 1, new byte[0]);
        }
    }

    @BeforeEach
    void capture() {
        levelBefore = opsLog.getLevel();
        opsLog.setLevel(Level.DEBUG);
        opsLog.setAdditive(false); // the thousand DEBUG lines go to the test, not to the console
        captured.start();
        opsLog.addAppender(captured);
    }

    @AfterEach
    void release() {
        opsLog.detachAppender(captured);
        opsLog.setAdditive(true);
        opsLog.setLevel(levelBefore);
    }

    private Ops ops() {
        return Ops.builder()
                .dataDir(dir)
                .clock(now::get)
                .detector(DetectorFactory.of("over-fifty", (id, settings) -> new OverFifty(), s -> new OverFifty()))
                .rules("none.yml", "groups: []")
                .notifiers(Map.of())
                .checkpointInterval(Duration.ZERO)
                .build();
    }

    private static SeriesId pod(int k) {
        return SeriesId.of("pod_load", Labels.of("pod", "p" + k));
    }

    private void pushRound(Ops ops, double value) {
        for (int k = 0; k < SERIES; k++) {
            ops.ingest(new Sample(pod(k), now.get().toEpochMilli(), value));
        }
    }

    private List<String> lines(Level level, String containing) {
        return captured.list.stream()
                .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(containing))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aThousandAnomaliesInOneRoundAreOneWarnLineNamingTheFirst() {
        try (Ops ops = ops()) {
            pushRound(ops, 10);
            ops.runOnce(now.get());
            assertThat(lines(Level.WARN, "anomal")).as("a quiet round").isEmpty();

            now.set(now.get().plusSeconds(15));
            pushRound(ops, 99);
            ops.runOnce(now.get());
            assertThat(captured.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .hasSize(1);
            assertThat(lines(Level.WARN, "anomal"))
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .startsWith("1000 anomalies this round on 1000 series, first: ")
                            .contains("pod_load{pod=\"p0\"}", "value 99.0", "over fifty"));
            assertThat(lines(Level.DEBUG, "anomaly ")).hasSize(SERIES);

            now.set(now.get().plusSeconds(15));
            pushRound(ops, 10);
            ops.runOnce(now.get());
            assertThat(lines(Level.WARN, "anomal"))
                    .as("the next quiet round adds nothing")
                    .hasSize(1);
        }
    }

    @Test
    void twoAnomaliesOfOneSeriesCountOnceAsASeriesAndAPushAfterTheLastRoundIsToldAtClose() {
        try (Ops ops = ops()) {
            ops.ingest(new Sample(pod(1), now.get().toEpochMilli(), 99));
            ops.ingest(new Sample(pod(1), now.get().toEpochMilli() + 1, 98));
            ops.ingest(new Sample(pod(2), now.get().toEpochMilli(), 10));
            ops.runOnce(now.get());
            assertThat(lines(Level.WARN, "anomal"))
                    .singleElement()
                    .satisfies(l -> assertThat(l).startsWith("2 anomalies this round on 1 series"));

            ops.ingest(new Sample(pod(2), now.get().toEpochMilli() + 2, 99));
            assertThat(lines(Level.WARN, "anomal")).hasSize(1);
        }
        assertThat(lines(Level.WARN, "anomal"))
                .last()
                .satisfies(l -> assertThat(l).startsWith("1 anomaly this round on 1 series, first: "));
    }
}
