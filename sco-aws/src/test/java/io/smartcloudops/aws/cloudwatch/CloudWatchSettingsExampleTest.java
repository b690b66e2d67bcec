package io.smartcloudops.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.FakeAwsServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The cloudwatch settings of CloudWatchSourceProvider's Javadoc (the region in
 * {@code src/test/resources/examples/cloudwatch.yaml}), read as a host reads its configuration and polled against a
 * local CloudWatch: each setting does what its comment says.
 */
class CloudWatchSettingsExampleTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:30Z");
    private static final long T0 = Instant.parse("2026-01-01T00:07:00Z").getEpochSecond();

    @BeforeAll
    static void credentials() {
        // the provider's client takes the default credentials chain, which reads these first
        System.setProperty("aws.accessKeyId", FakeAwsServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", FakeAwsServer.SECRET_KEY);
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void theExampleSettingsReadTheLastWholeMinuteTwoMinutesLateAsTheNamedSeries() throws Exception {
        FakeCloudWatch cloudWatch = new FakeCloudWatch((body, before) -> {
            String id = body.path("MetricDataQueries").get(0).path("Id").asText();
            return new FakeCloudWatch.Page(
                    Map.of(id, new double[][] {{body.path("StartTime").asDouble()}, {42.5}}), null);
        });
        SampleBatch batch;
        try (FakeAwsServer server = FakeAwsServer.start(cloudWatch)) {
            Map<String, Object> settings = new HashMap<>(exampleSettings());
            settings.put("region", "us-east-1");
            settings.put("endpoint_override", server.uri().toString());
            ProviderContext context = ProviderContext.builder()
                    .clock(InstantSource.fixed(NOW))
                    .config(ProviderConfig.of("sources.cloudwatch", settings))
                    .build();
            try (MetricSource source = new CloudWatchSourceProvider().create(context)) {
                batch = source.poll();
            }
        }

        assertThat(batch.samples())
                .containsExactly(new Sample(
                        SeriesId.of("app_cpu", Labels.of("instance_id", "i-0abc12345678")), T0 * 1000, 42.5));
        JsonNode sent = cloudWatch.bodies().get(0);
        // 00:10:30 less the 2m lag is 00:08:30; whole 1m periods before it end at 00:08
        assertThat(sent.path("StartTime").asLong()).isEqualTo(T0);
        assertThat(sent.path("EndTime").asLong()).isEqualTo(T0 + 60);
        JsonNode stat = sent.path("MetricDataQueries").get(0).path("MetricStat");
        assertThat(stat.path("Period").asInt()).isEqualTo(60);
        assertThat(stat.path("Stat").asText()).isEqualTo("Average");
        assertThat(stat.path("Metric").path("Namespace").asText()).isEqualTo("AWS/EC2");
        assertThat(stat.path("Metric").path("MetricName").asText()).isEqualTo("CPUUtilization");
        assertThat(stat.path("Metric").path("Dimensions").get(0).path("Name").asText())
                .isEqualTo("InstanceId");
        assertThat(stat.path("Metric").path("Dimensions").get(0).path("Value").asText())
                .isEqualTo("i-0abc12345678");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> exampleSettings() throws IOException {
        try (InputStream in = CloudWatchSettingsExampleTest.class.getResourceAsStream("/examples/cloudwatch.yaml")) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> sources = (Map<String, Object>) root.get("sources");
            return new LinkedHashMap<>((Map<String, Object>) sources.get("cloudwatch"));
        }
    }
}
