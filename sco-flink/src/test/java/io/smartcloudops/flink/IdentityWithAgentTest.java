package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job at parallelism 4 on a MiniCluster gives what the agent's own pipeline and rule engine give. */
class IdentityWithAgentTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @ParameterizedTest
    @ValueSource(strings = {"ewma", "default"})
    void scoresAnomaliesAndAlertTransitionsAreTheAgents(String detector) throws Exception {
        Fleet fleet = new Fleet(6, detector.equals("default") ? 240 : 300);
        Fleet.Expected expected = fleet.expected(detector);
        assertThat(expected.alerts()).extracting(Alert::name).contains("HighLoad", "Surge");
        if (detector.equals(
                "ewma")) { // the ensemble is still warming up this early: its scores are compared, it raises no anomaly
            // yet
            assertThat(expected.scored()).anyMatch(s -> s.anomaly().isPresent());
        }
        assertThat(expected.alerts())
                .extracting(Alert::state)
                .contains(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        DataStream<Sample> samples = env.fromData(
                        ScoTypes.SAMPLE, fleet.samples().toArray(Sample[]::new))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(SampleWatermarks.boundedOutOfOrderness(Duration.ofMinutes(2), null))
                .setParallelism(1);
        ScoFlink.Streams out = fleet.job(detector).apply(samples);
        String tag = "identity-" + detector;
        out.scored().sinkTo(Collected.into(tag + "-scored"));
        out.anomalies().sinkTo(Collected.into(tag + "-anomalies"));
        out.alerts().sinkTo(Collected.into(tag + "-alerts"));
        env.execute(tag);

        List<ScoredSample> scored = Collected.get(tag + "-scored");
        assertThat(Fleet.byKey(scored)).isEqualTo(Fleet.byKey(expected.scored()));
        List<AnomalyEvent> anomalies = Collected.get(tag + "-anomalies");
        assertThat(anomalies)
                .extracting(a -> a.series() + "@" + a.timestampMillis())
                .containsExactlyInAnyOrderElementsOf(expected.scored().stream()
                        .filter(s -> s.anomaly().isPresent())
                        .map(s -> s.sample().series() + "@" + s.sample().timestampMillis())
                        .toList());
        List<Alert> alerts = Collected.get(tag + "-alerts");
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(expected.alerts());
    }
}
