package io.smartcloudops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatParserTest {
    static final String NODE_EXPORTER = """
            # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} 12345.67
            node_cpu_seconds_total{cpu="0",mode="user"} 89.1
            # HELP node_load1 1m load average.
            # TYPE node_load1 gauge
            node_load1 0.42
            # TYPE node_filesystem_avail_bytes gauge
            node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 1.2345e+10
            weird{path="C:\\\\temp",msg="say \\"hi\\"\\nbye"} NaN 1700000000000
            inf_metric +Inf
            """;

    @Test
    void readsNodeExporterOutputWithTypesEscapesAndTimestamps() throws Exception {
        TextFormatParser.Page page = new TextFormatParser().parse(NODE_EXPORTER);
        assertThat(page.samples()).hasSize(6);
        assertThat(page.types())
                .containsEntry("node_cpu_seconds_total", "counter")
                .containsEntry("node_load1", "gauge");
        assertThat(page.samples().get(0).labels()).isEqualTo(Map.of("cpu", "0", "mode", "idle"));
        assertThat(page.samples().get(3).value()).isEqualTo(1.2345e10);
        TextFormatParser.Line weird = page.samples().get(4);
        assertThat(weird.labels()).containsEntry("path", "C:\\temp").containsEntry("msg", "say \"hi\"\nbye");
        assertThat(weird.value()).isNaN();
        assertThat(weird.timestampMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(page.samples().get(5).value()).isInfinite();
    }

    @Test
    void malformedLinesFailTheScrapeNamingTheLine() {
        String[] bad = {
            "metric",
            "metric{a=\"1\" 2",
            "metric{a=1} 2",
            "metric{a=\"x\\q\"} 1",
            "metric 1 2 3",
            "metric one",
            "metric{a=\"1\",a=\"2\"} 1",
            "1metric 1",
            "# TYPE m weird",
            "metric{=\"v\"} 1",
            "metric 1 soon"
        };
        for (String b : bad) {
            assertThatThrownBy(() -> new TextFormatParser().parse("ok 1\n" + b))
                    .as(b)
                    .isInstanceOf(TextFormatParser.ParseException.class)
                    .hasMessageStartingWith("line 2:");
        }
    }
}
