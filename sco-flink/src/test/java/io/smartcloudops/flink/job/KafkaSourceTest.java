package io.smartcloudops.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job's Kafka source against a real broker: a one-node KRaft cluster (broker and controller in
 * one, Kafka's own test kit) started in the test. The documented JSON records of three series, one
 * with a spike, and two malformed records go to a topic; the job reads them with the KafkaSource its
 * {@code --source kafka} flags build, and gives what its {@code --source file} gives for the same
 * records: the same scores, anomalies and alert transitions, the malformed records skipped and counted.
 */
class KafkaSourceTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration())
                    .set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none"))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final SeriesId WEB_2 = SeriesId.of("load", Labels.of("host", "web-2"));
    private static final String TOPIC = "samples";
    private static final long T0 = 1764806400000L; // the documented record's timestamp
    private static final int STEPS = 120;
    private static final int SPIKE = 90;
    private static final String RULES = """
            groups:
              - name: kafka
                rules:
                  - alert: Odd
                    expr: anomalous(load)
                  - alert: HighLoad
                    expr: load > 80
                    labels: {severity: critical}
            """;

    private static KafkaClusterTestKit kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                // one broker: the group coordinator's offsets topic cannot have Kafka's default 3 replicas, and
                // without it the source cannot look up the group's committed offsets (it times out)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The records in time order, series interleaved; web-2 spikes once; two records are not samples. */
    private static List<String> records() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            for (int h = 1; h <= 3; h++) {
                double v = i == SPIKE && h == 2 ? 400.0 : 40 + 5 * h + 3 * Math.sin(i / 4.0 + h);
                out.add("{\"name\": \"load\", \"labels\": {\"host\": \"web-" + h + "\"}, \"timestamp\": "
                        + (T0 + i * 60_000L) + ", \"value\": " + v + "}");
            }
            if (i == 30) {
                out.add("not json");
            }
            if (i == 60) { // a JSON object whose time does not parse
                out.add("{\"name\": \"load\", \"timestamp\": \"yesterday\", \"value\": 1}");
            }
        }
        return out;
    }

    @Test
    void theKafkaSourceGivesWhatTheFileSourceGivesForTheSameRecords() throws Exception {
        List<String> records = records();
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String r : records) {
                producer.send(new ProducerRecord<>(TOPIC, r)).get();
            }
        }
        Path file = dir.resolve("samples.json");
        Files.writeString(file, String.join("\n", records) + "\n", StandardCharsets.UTF_8);
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, RULES, StandardCharsets.UTF_8);

        Run fromKafka = run(
                "--source",
                "kafka",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-topic",
                TOPIC,
                "--detector",
                "ewma",
                "--rules",
                rules.toString(),
                "--parallelism",
                "2");
        Run fromFile = run(
                "--source",
                "file",
                "--input",
                file.toString(),
                "--detector",
                "ewma",
                "--rules",
                rules.toString(),
                "--parallelism",
                "2");

        assertThat(fromKafka.scored()).hasSize(3 * STEPS);
        assertThat(fromKafka.scored()).isEqualTo(fromFile.scored());
        assertThat(fromKafka.anomalies()).isEqualTo(fromFile.anomalies());
        assertThat(fromKafka.alerts()).isEqualTo(fromFile.alerts());
        long spikeAt = T0 + SPIKE * 60_000L;
        assertThat(fromKafka.anomalies()).contains(WEB_2 + "@" + spikeAt);
        assertThat(fromKafka.alerts())
                .anyMatch(a -> a.startsWith("HighLoad FIRING web-2 "))
                .anyMatch(a -> a.startsWith("HighLoad RESOLVED web-2 "))
                .noneMatch(a -> a.startsWith("HighLoad") && !a.startsWith("HighLoad " + a.split(" ")[1] + " web-2 "));
        assertThat(fromKafka.malformed()).isEqualTo(2);
        assertThat(fromFile.malformed()).isEqualTo(2);
    }

    private record Run(List<String> scored, List<String> anomalies, List<String> alerts, long malformed) {}

    private static Run run(String... args) throws Exception {
        ScoFlinkJob job = new ScoFlinkJob();
        new CommandLine(job).parseArgs(args);
        job.kafkaBounded = true;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var out = job.streams(env);
        CloseableIterator<ScoredSample> scored = out.scored().collectAsync();
        CloseableIterator<AnomalyEvent> anomalies = out.anomalies().collectAsync();
        CloseableIterator<Alert> alerts = out.alerts().collectAsync();
        JobClient client = env.executeAsync("kafka-source-test " + args[1]);
        // keyed by series and time: the job's parallel tasks emit in no fixed order across series
        Map<String, String> s = new TreeMap<>();
        scored.forEachRemaining(
                x -> s.put(x.sample().series() + "@" + x.sample().timestampMillis(), x.verdict() + " " + x.score()));
        List<String> a = new ArrayList<>();
        anomalies.forEachRemaining(x -> a.add(x.series() + "@" + x.timestampMillis()));
        List<String> al = new ArrayList<>();
        alerts.forEachRemaining(
                x -> al.add(x.name() + " " + x.state() + " " + x.labels().get("host") + " " + x));
        JobExecutionResult result = client.getJobExecutionResult().get();
        long malformed = METRICS.findMetrics(result.getJobID(), "records_malformed").values().stream()
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
        return new Run(
                s.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList(),
                a.stream().sorted().toList(),
                al.stream().sorted().toList(),
                malformed);
    }
}
