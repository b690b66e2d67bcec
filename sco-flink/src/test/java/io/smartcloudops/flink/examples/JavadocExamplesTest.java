package io.smartcloudops.flink.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.examples.JavadocExamples;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.flink.AlertmanagerWebhookSink;
import io.smartcloudops.flink.SampleJson;
import io.smartcloudops.flink.ScoFlink;
import io.smartcloudops.flink.ScoTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SinkTransformation;
import org.junit.jupiter.api.Test;

/**
 * sco-flink's Javadoc examples are the compiled ones beside this test (Java in {@code FlinkExamples}, the sample
 * record in {@code src/test/resources/examples}), checked with sco-api's checker; those that need no cluster run
 * here. Paths are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path RESOURCES = Path.of("src/test/resources/examples");
    private static final List<Path> EXAMPLES =
            List.of(Path.of("src/test/java/io/smartcloudops/flink/examples"), RESOURCES);
    private static final Sample WEB_CPU =
            new Sample(SeriesId.of("node_cpu_usage_percent", Labels.of("host", "web-1")), 1764806400000L, 42.5);

    private final FlinkExamples examples = new FlinkExamples();

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }

    @Test
    void theExampleRecordIsReadAsItsSample() throws Exception {
        List<String> record = Files.readAllLines(RESOURCES.resolve("sample-record.txt")).stream()
                .filter(l -> !l.startsWith("#"))
                .toList();

        Sample s = new SampleJson().deserialize(String.join("\n", record).getBytes(StandardCharsets.UTF_8));

        assertThat(s).isEqualTo(WEB_CPU);
    }

    @Test
    void theTypesExampleGivesTheStreamScosSampleType() {
        DataStream<Sample> samples =
                examples.scoTypes(StreamExecutionEnvironment.getExecutionEnvironment(), List.of(WEB_CPU));

        assertThat(samples.getType()).isSameAs(ScoTypes.SAMPLE);
    }

    @Test
    void theJobExampleSendsItsAlertsToTheWebhookSink() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        String rules = """
                groups:
                  - name: web
                    rules:
                      - alert: HighCpu
                        expr: node_cpu_usage_percent > 90
                """;

        ScoFlink.Streams out =
                examples.scoFlink(env, new DataGeneratorSource<>(i -> WEB_CPU, 1, ScoTypes.SAMPLE), rules);

        assertThat(out.alerts().getType()).isSameAs(ScoTypes.ALERT);
        assertThat(env.getTransformations())
                .filteredOn(t -> t instanceof SinkTransformation<?, ?>)
                .singleElement()
                .satisfies(t -> assertThat(((SinkTransformation<?, ?>) t).getSink())
                        .isInstanceOf(AlertmanagerWebhookSink.class));
    }
}
