package io.smartcloudops.runtime.examples;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.runtime.Directions;
import io.smartcloudops.runtime.Ops;
import io.smartcloudops.runtime.OpsListener;
import io.smartcloudops.runtime.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * The Javadoc examples of sco-runtime, compiled; {@link JavadocExamplesTest} checks that the Javadoc shows it as it is
 * here, and runs it. Parameters are what the example takes as given.
 */
class OpsExamples {

    void ops(Path dir, InstantSource clock, OpsListener myListener) {
        // tag::Ops[]
        try (Ops ops = Ops.builder()
                .clock(clock)
                .dataDir(dir)
                .mode(ActionMode.DRY_RUN)
                .listener(myListener)
                .build()) {
            ops.ingest(new Sample(SeriesId.of("queue_depth"), clock.millis(), 12));
            ops.runOnce(clock.instant()); // evaluates rules and remediates through the gate
        }
        // end::Ops[]
    }

    void forecast(Ops ops) {
        // tag::Ops.forecast[]
        ops.forecast(SeriesId.of("node_disk_used_percent"), Duration.ofDays(1)).ifPresent(f -> System.out.println(f));
        // end::Ops.forecast[]
    }

    Ops listener() {
        // tag::OpsListener[]
        Ops ops = Ops.builder()
                .listener(new OpsListener() {
                    public void onAnomaly(AnomalyEvent a) {
                        System.out.println("anomaly on " + a.series());
                    }
                })
                .build();
        // end::OpsListener[]
        return ops;
    }

    Directions directions() {
        // tag::Directions[]
        Directions d = Directions.of(Map.of(".*(cpu|load|latency|error).*", Direction.UP));
        // end::Directions[]
        return d;
    }

    RuntimeConfig runtimeConfig() {
        // tag::RuntimeConfig[]
        RuntimeConfig c = RuntimeConfig.defaults().toBuilder()
                .dataDir(Path.of("/var/lib/sco"))
                .actionMode(ActionMode.DRY_RUN)
                .build();
        // end::RuntimeConfig[]
        return c;
    }
}
