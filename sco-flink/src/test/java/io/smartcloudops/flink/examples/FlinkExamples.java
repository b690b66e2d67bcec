package io.smartcloudops.flink.examples;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.flink.AlertmanagerWebhookSink;
import io.smartcloudops.flink.SampleWatermarks;
import io.smartcloudops.flink.ScoFlink;
import io.smartcloudops.flink.ScoTypes;
import io.smartcloudops.flink.SeriesState;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Javadoc examples of sco-flink, compiled; {@link JavadocExamplesTest} checks that the Javadoc shows them as they
 * are here, and runs those that need no cluster. Parameters are what an example takes as given.
 */
class FlinkExamples {

    void seriesState(ValueState<SeriesState> state, DetectionPipeline pipeline, SeriesId series) throws IOException {
        // tag::SeriesState.of[]
        state.update(SeriesState.of(pipeline.checkpoint(series).orElseThrow()));
        // end::SeriesState.of[]
    }

    DataStream<Sample> scoTypes(StreamExecutionEnvironment env, List<Sample> list) {
        // tag::ScoTypes[]
        DataStream<Sample> samples = env.fromData(list, ScoTypes.SAMPLE);
        // end::ScoTypes[]
        return samples;
    }

    void alertmanagerWebhookSink(ScoFlink.Streams streams) {
        // tag::AlertmanagerWebhookSink[]
        streams.alerts()
                .sinkTo(AlertmanagerWebhookSink.builder(URI.create("http://agent:8080/webhook/alertmanager"))
                        .build());
        // end::AlertmanagerWebhookSink[]
    }

    ScoFlink.Streams scoFlink(StreamExecutionEnvironment env, Source<Sample, ?, ?> source, String ruleText) {
        // tag::ScoFlink[]
        DataStream<Sample> samples = env.fromSource(
                source,
                SampleWatermarks.boundedOutOfOrderness(Duration.ofSeconds(30), Duration.ofMinutes(1)),
                "samples");
        ScoFlink.Streams out = ScoFlink.builder()
                .detector("default")
                .rules("rules.yml", ruleText)
                .build()
                .apply(samples);
        out.alerts()
                .sinkTo(AlertmanagerWebhookSink.builder(URI.create("http://agent:8080/webhook/alertmanager"))
                        .build());
        // end::ScoFlink[]
        return out;
    }
}
