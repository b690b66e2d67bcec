package io.smartcloudops.flink.job;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.flink.AlertmanagerWebhookSink;
import io.smartcloudops.flink.SampleJson;
import io.smartcloudops.flink.SampleWatermarks;
import io.smartcloudops.flink.ScoFlink;
import io.smartcloudops.flink.ScoTypes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The ready job: {@code flink run sco-flink-job.jar --source ... --rules ... --sink-url ...} (see docs/FLINK.md). */
@Command(
        name = "sco-flink-job",
        mixinStandardHelpOptions = true,
        description =
                "Runs SmartCloudOps' detection and rules on Flink and posts alerts to an agent's Alertmanager webhook.")
public final class ScoFlinkJob implements Callable<Integer> {
    @Option(
            names = "--source",
            required = true,
            description = "kafka, file (JSON sample records, one a line) or nab (a NAB CSV: timestamp,value)")
    String source;

    @Option(names = "--input", description = "file or directory for --source file|nab")
    String input;

    @Option(
            names = "--series",
            defaultValue = "nab_value",
            description = "metric name of a NAB file's series (label file= the file's name)")
    String series;

    @Option(names = "--kafka-bootstrap", description = "Kafka bootstrap servers")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", description = "topic of JSON sample records")
    String kafkaTopic;

    @Option(names = "--kafka-group", defaultValue = "sco-flink")
    String kafkaGroup;

    @Option(
            names = "--detector",
            defaultValue = "default",
            description = "DetectorProvider name: default (ensemble), ewma, seasonal, iforest, ocsvm")
    String detector;

    @Option(names = "--detector-config", description = "key=value of the detector's config (repeatable)")
    Map<String, String> detectorConfig = Map.of();

    @Option(names = "--threshold", defaultValue = "0.95", description = "anomaly threshold")
    double threshold;

    @Option(names = "--rules", description = "rule file (the agent's format)")
    Path rules;

    @Option(names = "--parallelism", defaultValue = "-1", description = "job parallelism (default: the cluster's)")
    int parallelism;

    @Option(names = "--sink-url", description = "webhook URL, e.g. http://agent:8080/webhook/alertmanager")
    URI sinkUrl;

    @Option(names = "--sink-token", description = "bearer token for the webhook")
    String sinkToken;

    @Option(names = "--print", description = "print alert transitions to the task managers' stdout")
    boolean print;

    @Option(names = "--out-of-orderness", defaultValue = "PT30S", description = "watermark bound (ISO-8601 duration)")
    Duration outOfOrderness;

    @Option(
            names = "--idle",
            defaultValue = "PT1M",
            description = "an idle split stops holding the watermark after this")
    Duration idle;

    @Option(names = "--stale-after", defaultValue = "PT5M")
    Duration staleAfter;

    @Option(names = "--state-ttl", description = "a series' state expires this long after its last sample (e.g. P7D)")
    Duration stateTtl;

    @Option(names = "--max-future", description = "drop samples stamped further ahead of the wall clock (live sources)")
    Duration maxFuture;

    @Option(names = "--checkpoint-interval", defaultValue = "PT1M")
    Duration checkpointInterval;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScoFlinkJob()).execute(args));
    }

    /** Tests only: the Kafka source stops at the offsets that are latest when the job starts, so the job ends. */
    boolean kafkaBounded;

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScoFlink.Streams out = streams(env);
        if (sinkUrl != null) {
            out.alerts()
                    .sinkTo(AlertmanagerWebhookSink.builder(sinkUrl)
                            .bearerToken(sinkToken)
                            .build())
                    .name("alertmanager webhook");
        }
        if (print || sinkUrl == null) {
            out.alerts().print("alert");
        }
        env.execute("sco-flink " + detector);
        return 0;
    }

    /** The job up to its sinks, from the flags: the tests collect these streams from the job's own sources. */
    ScoFlink.Streams streams(StreamExecutionEnvironment env) throws IOException {
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointInterval.toMillis());
        ScoFlink.Builder b = ScoFlink.builder()
                .detector(detector)
                .anomalyThreshold(threshold)
                .staleAfter(staleAfter)
                .stateTtl(stateTtl)
                .rejectFuture(maxFuture);
        detectorConfig.forEach(b::detectorConfig);
        if (rules != null) {
            b.rules(rules.getFileName().toString(), Files.readString(rules));
        }
        return b.build().apply(samples(env));
    }

    // The Kafka connector (5.0.0-2.2) takes only the OffsetResetStrategy that kafka-clients 4 deprecates.
    @SuppressWarnings("deprecation")
    private DataStream<Sample> samples(StreamExecutionEnvironment env) {
        WatermarkStrategy<Sample> watermarks = SampleWatermarks.boundedOutOfOrderness(outOfOrderness, idle);
        switch (source) {
            case "kafka" -> {
                require(kafkaBootstrap, "--kafka-bootstrap");
                require(kafkaTopic, "--kafka-topic");
                KafkaSourceBuilder<Sample> kafka = KafkaSource.<Sample>builder()
                        .setBootstrapServers(kafkaBootstrap)
                        .setTopics(kafkaTopic)
                        .setGroupId(kafkaGroup)
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(
                                org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                        .setValueOnlyDeserializer(new SampleJson());
                if (kafkaBounded) {
                    kafka.setBounded(OffsetsInitializer.latest());
                }
                return env.fromSource(kafka.build(), watermarks, "kafka " + kafkaTopic)
                        .uid("sco-source-kafka");
            }
            case "file", "nab" -> {
                require(input, "--input");
                FileSource<String> files = FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(), new org.apache.flink.core.fs.Path(input))
                        .build();
                DataStream<String> lines = env.fromSource(files, WatermarkStrategy.noWatermarks(), "file " + input)
                        .uid("sco-source-file");
                DataStream<Sample> parsed = source.equals("file")
                        ? lines.flatMap(new JsonLines(), ScoTypes.SAMPLE).name("json records")
                        : lines.flatMap(
                                        new NabCsv(
                                                series,
                                                Path.of(input).getFileName().toString()),
                                        ScoTypes.SAMPLE)
                                .name("nab csv");
                return parsed.assignTimestampsAndWatermarks(watermarks);
            }
            default ->
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--source must be kafka, file or nab, got " + source);
        }
    }

    private void require(Object value, String flag) {
        if (value == null) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), flag + " is needed with --source " + source);
        }
    }

    /**
     * A file's JSON sample records, one a line: a line that is not one is skipped and counted
     * ({@code sco.records_malformed}, as the Kafka source counts it), never a reason to fail the job.
     */
    static final class JsonLines extends RichFlatMapFunction<String, Sample> {
        private static final long serialVersionUID = 1L;
        private transient SampleJson json;
        private transient Counter malformed;

        @Override
        public void open(OpenContext context) {
            json = new SampleJson();
            malformed = SampleJson.malformedCounter(getRuntimeContext().getMetricGroup());
        }

        @Override
        public void flatMap(String line, Collector<Sample> out) {
            try {
                out.collect(json.parse(line));
            } catch (IllegalArgumentException e) {
                malformed.inc();
            }
        }
    }

    /** NAB's CSV: a {@code timestamp,value} header, then {@code 2013-12-02 21:15:00,73.96} lines in UTC. */
    static final class NabCsv implements org.apache.flink.api.common.functions.FlatMapFunction<String, Sample> {
        private static final long serialVersionUID = 1L;
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        private final String metric;
        private final String file;

        NabCsv(String metric, String file) {
            this.metric = metric;
            this.file = file;
        }

        @Override
        public void flatMap(String line, Collector<Sample> out) {
            int comma = line.indexOf(',');
            if (comma < 0 || line.startsWith("timestamp")) {
                return;
            }
            long ts = LocalDateTime.parse(line.substring(0, comma).trim(), TIME)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            out.collect(new Sample(
                    new SeriesId(metric, Labels.of("file", file)),
                    ts,
                    Double.parseDouble(line.substring(comma + 1).trim())));
        }
    }
}
