package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Kafka record of a sample: the decoding the Kafka source applies. The source against a real
 * broker is {@code job.KafkaSourceTest}.
 */
class SampleJsonTest {
    private final SampleJson json = new SampleJson();

    @Test
    void decodesTheDocumentedRecord() throws Exception {
        Sample s = json.deserialize("""
                {"name": "node_cpu_usage_percent", "labels": {"host": "web-1"}, "timestamp": 1764806400000, "value": 42.5}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(s)
                .isEqualTo(new Sample(
                        SeriesId.of("node_cpu_usage_percent", Labels.of("host", "web-1")), 1764806400000L, 42.5));
    }

    @Test
    void takesRfc3339TimesNaNMarkersAndNoLabels() {
        Sample s = json.parse("{\"name\":\"up\",\"timestamp\":\"2026-12-04T00:00:00Z\",\"value\":\"NaN\"}");
        assertThat(s.series()).isEqualTo(SeriesId.of("up"));
        assertThat(s.timestampMillis()).isEqualTo(1796342400000L);
        assertThat(s.value()).isNaN();
    }

    @Test
    void skipsMalformedRecordsInsteadOfFailingTheJob() throws Exception {
        assertThat(json.deserialize("not json".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(json.deserialize(
                        "{\"name\":\"bad name\",\"timestamp\":1,\"value\":1}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThatThrownBy(() -> json.parse("{\"name\":\"up\",\"value\":1}")).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> json.parse("{\"name\":\"up\",\"timestamp\":1,\"labels\":{\"a\":1},\"value\":1}"))
                .hasMessageContaining("label 'a'");
    }

    @Test
    void skipsARecordWhoseTimeIsNoRfc3339Time() throws Exception {
        // DateTimeParseException is no IllegalArgumentException: it escaped deserialize and failed the Kafka job
        assertThat(json.deserialize(
                        "{\"name\":\"up\",\"timestamp\":\"yesterday\",\"value\":1}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThatThrownBy(() -> json.parse("{\"name\":\"up\",\"timestamp\":\"yesterday\",\"value\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 3339");
    }
}
