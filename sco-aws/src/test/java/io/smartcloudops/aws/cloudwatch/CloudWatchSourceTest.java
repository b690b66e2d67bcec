package io.smartcloudops.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSourceException;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.SigV4Assertions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class CloudWatchSourceTest {
    private static final String ID = "i-1234567890abcdef0";
    private static final CloudWatchQuery CPU =
            new CloudWatchQuery("AWS/EC2", "CPUUtilization", "Average", Map.of("InstanceId", ID), null);
    private static final long T0 = Instant.parse("2026-01-01T00:07:00Z").getEpochSecond();

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:10:30Z"));
    private final InstantSource clock = now::get;
    private FakeAwsServer server;
    private CloudWatchClient client;
    private FakeCloudWatch cloudWatch;

    private CloudWatchSource source(
            List<CloudWatchQuery> queries, int batch, BiFunction<JsonNode, Integer, FakeCloudWatch.Page> pages)
            throws IOException {
        cloudWatch = new FakeCloudWatch(pages);
        server = FakeAwsServer.start(cloudWatch);
        client = server.clients().cloudWatch();
        return new CloudWatchSource(client, queries, Duration.ofMinutes(1), Duration.ofMinutes(2), batch, clock);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
            server.close();
        }
    }

    /** Answers every query id with one datapoint at the window's start, valued by the query's index. */
    private static FakeCloudWatch.Page onePointEach(JsonNode body, int before) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        double start = body.path("StartTime").asDouble();
        for (JsonNode q : body.path("MetricDataQueries")) {
            String id = q.path("Id").asText();
            series.put(id, new double[][] {{start}, {Integer.parseInt(id.substring(1)) + 0.5}});
        }
        return new FakeCloudWatch.Page(series, null);
    }

    @Test
    void pollAsksForTheLastCompletePeriodAndNamesSeriesLikeTheExporter() throws Exception {
        CloudWatchSource source = source(List.of(CPU), 500, CloudWatchSourceTest::onePointEach);

        SampleBatch batch = source.poll();

        SeriesId cpu = SeriesId.of("aws_ec2_cpuutilization_average", Labels.of("instance_id", ID));
        assertThat(batch.source()).isEqualTo("cloudwatch");
        assertThat(batch.samples()).containsExactly(new Sample(cpu, T0 * 1000, 0.5));
        JsonNode sent = cloudWatch.bodies().get(0);
        // now 00:10:30 less a 2m lag is 00:08:30; aligned to the minute the window is [00:07, 00:08)
        assertThat(sent.path("StartTime").asLong()).isEqualTo(T0);
        assertThat(sent.path("EndTime").asLong()).isEqualTo(T0 + 60);
        assertThat(sent.path("ScanBy").asText()).isEqualTo("TimestampAscending");
        JsonNode q = sent.path("MetricDataQueries").get(0);
        assertThat(q.path("Id").asText()).isEqualTo("q0");
        assertThat(q.path("MetricStat").path("Period").asInt()).isEqualTo(60);
        assertThat(q.path("MetricStat").path("Stat").asText()).isEqualTo("Average");
        JsonNode metric = q.path("MetricStat").path("Metric");
        assertThat(metric.path("Namespace").asText()).isEqualTo("AWS/EC2");
        assertThat(metric.path("MetricName").asText()).isEqualTo("CPUUtilization");
        assertThat(metric.path("Dimensions").get(0).path("Name").asText()).isEqualTo("InstanceId");
        assertThat(metric.path("Dimensions").get(0).path("Value").asText()).isEqualTo(ID);
        SigV4Assertions.signedFor(server.requests(), "monitoring");
    }

    @Test
    void consecutivePollsReadAdjacentAlignedWindowsOnce() throws Exception {
        CloudWatchSource source = source(List.of(CPU), 500, CloudWatchSourceTest::onePointEach);
        source.poll();

        now.set(now.get().plusSeconds(20));
        assertThat(source.poll().isEmpty()).isTrue(); // 00:10:50: no new whole period yet
        now.set(Instant.parse("2026-01-01T00:13:05Z"));
        source.poll();

        List<JsonNode> bodies = cloudWatch.bodies();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1).path("StartTime").asLong()).isEqualTo(T0 + 60);
        assertThat(bodies.get(1).path("EndTime").asLong()).isEqualTo(T0 + 240);
    }

    @Test
    void queriesAreSentInBatchesOfAtMostTheLimit() throws Exception {
        List<CloudWatchQuery> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new CloudWatchQuery(
                    "AWS/EC2", "NetworkIn", "Sum", Map.of("InstanceId", "i-000000000000000" + i), null));
        }
        CloudWatchSource source = source(five, 2, CloudWatchSourceTest::onePointEach);

        SampleBatch batch = source.poll();

        assertThat(cloudWatch.bodies())
                .extracting(b -> b.path("MetricDataQueries").size())
                .containsExactly(2, 2, 1);
        assertThat(batch.samples())
                .extracting(s -> s.series().labels().get("instance_id"))
                .containsExactlyInAnyOrder(
                        "i-0000000000000000",
                        "i-0000000000000001",
                        "i-0000000000000002",
                        "i-0000000000000003",
                        "i-0000000000000004");
        assertThat(batch.samples()).extracting(s -> s.series().name()).containsOnly("aws_ec2_network_in_sum");
        assertThatThrownBy(() -> new CloudWatchSource(client, five, Duration.ofMinutes(1), Duration.ZERO, 501, clock))
                .hasMessageContaining("batchSize");
    }

    @Test
    void followsNextTokenAcrossPagesAndMergesInTimeOrder() throws Exception {
        CloudWatchSource source = source(
                List.of(CPU),
                500,
                (body, before) -> before == 0
                        ? new FakeCloudWatch.Page(
                                Map.of("q0", new double[][] {{T0 - 120, T0 - 60}, {1, 2}}), "page-2-token")
                        : new FakeCloudWatch.Page(Map.of("q0", new double[][] {{T0}, {3}}), null));

        SampleBatch batch = source.backfill(Duration.ofMinutes(3));

        assertThat(batch.samples()).extracting(Sample::value).containsExactly(1.0, 2.0, 3.0);
        assertThat(cloudWatch.bodies()).hasSize(2);
        assertThat(cloudWatch.bodies().get(0).has("NextToken")).isFalse();
        assertThat(cloudWatch.bodies().get(1).path("NextToken").asText()).isEqualTo("page-2-token");
        assertThat(cloudWatch.bodies().get(1).path("StartTime").asLong()).isEqualTo(T0 - 120);
        assertThat(cloudWatch.bodies().get(1).path("EndTime").asLong()).isEqualTo(T0 + 60);
    }

    @Test
    void throttlingIsRetriedByTheSdk() throws Exception {
        CloudWatchSource source = source(List.of(CPU), 500, CloudWatchSourceTest::onePointEach);
        server.enqueue(FakeCloudWatch.error(400, "Throttling", "Rate exceeded"));

        assertThat(source.poll().size()).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void accessDeniedFailsThePollAndKeepsTheWindow() throws Exception {
        CloudWatchSource source = source(List.of(CPU), 500, CloudWatchSourceTest::onePointEach);
        server.enqueue(
                FakeCloudWatch.error(
                        403,
                        "AccessDenied",
                        "User: arn:aws:sts::123456789012:assumed-role/monitor is not authorized to perform: cloudwatch:GetMetricData"));

        assertThatThrownBy(source::poll)
                .isInstanceOf(MetricSourceException.class)
                .hasMessageContaining("AccessDenied")
                .hasMessageContaining("IAM policy");
        assertThat(source.poll().size()).isEqualTo(1);
        assertThat(cloudWatch.bodies().get(0).path("StartTime").asLong()).isEqualTo(T0);
    }

    @Test
    void aHangingEndpointFailsThePollWithinTheCallTimeout() throws Exception {
        source(List.of(CPU), 500, CloudWatchSourceTest::onePointEach);
        try (CloudWatchClient impatient =
                server.clients(Duration.ofMillis(1200), Duration.ofMillis(300)).cloudWatch()) {
            server.enqueue(FakeAwsServer.Reply.hanging(), FakeAwsServer.Reply.hanging(), FakeAwsServer.Reply.hanging());
            CloudWatchSource source = new CloudWatchSource(
                    impatient, List.of(CPU), Duration.ofMinutes(1), Duration.ofMinutes(2), 500, clock);

            assertThatThrownBy(source::poll)
                    .isInstanceOf(MetricSourceException.class)
                    .hasMessageContaining("Timeout");
        }
    }
}
