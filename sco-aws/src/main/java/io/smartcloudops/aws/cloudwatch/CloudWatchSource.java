package io.smartcloudops.aws.cloudwatch;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.source.MetricSourceException;
import io.smartcloudops.aws.AwsFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Reads CloudWatch metrics with GetMetricData. Each poll asks for the whole periods completed since
 * the last one, ending {@code lag} before now (CloudWatch publishes late); window edges are aligned
 * to the period, so a datapoint is read once. Queries go in batches of at most 500 (the API's limit)
 * and every page is followed through {@code NextToken}. Throttling and 5xx answers are retried by
 * the SDK's retry strategy; what is left is a {@link MetricSourceException}, and the window is kept
 * for the next poll.
 *
 * <pre>{@code
 * try (CloudWatchSource cw = new CloudWatchSource(
 *         client, queries, Duration.ofMinutes(1), Duration.ofMinutes(2), 500, InstantSource.system())) {
 *     SampleBatch batch = cw.poll();
 * }
 * }</pre>
 */
public final class CloudWatchSource implements MetricSource {
    /** GetMetricData's limit on queries per request. */
    public static final int MAX_QUERIES_PER_REQUEST = 500;

    private static final int MAX_PAGES = 1_000;

    private final CloudWatchClient cloudWatch;
    private final List<CloudWatchQuery> queries;
    private final long periodSeconds;
    private final Duration lag;
    private final int batchSize;
    private final InstantSource clock;
    private Instant nextStart;

    /**
     * @param period the statistics period; a multiple of 60s, or 1, 5, 10, 30s for high-resolution metrics
     * @param lag how far behind now a window ends, for CloudWatch's publishing delay
     * @param batchSize queries per GetMetricData request, at most {@value #MAX_QUERIES_PER_REQUEST}
     */
    public CloudWatchSource(
            CloudWatchClient cloudWatch,
            List<CloudWatchQuery> queries,
            Duration period,
            Duration lag,
            int batchSize,
            InstantSource clock) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
        this.queries = List.copyOf(queries);
        this.periodSeconds = period.toSeconds();
        if (period.toMillis() % 1000 != 0
                || !(periodSeconds % 60 == 0 && periodSeconds > 0
                        || List.of(1L, 5L, 10L, 30L).contains(periodSeconds))) {
            throw new IllegalArgumentException("period must be a multiple of 60s, or 1, 5, 10 or 30s, got " + period);
        }
        if (batchSize < 1 || batchSize > MAX_QUERIES_PER_REQUEST) {
            throw new IllegalArgumentException("batchSize must be in [1, 500], got " + batchSize);
        }
        this.lag = lag.isNegative() ? Duration.ZERO : lag;
        this.batchSize = batchSize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "cloudwatch";
    }

    /** Samples of the whole periods completed since the last poll (on the first poll, the last one). */
    @Override
    public synchronized SampleBatch poll() throws MetricSourceException {
        Instant end = align(clock.instant().minus(lag));
        Instant start = nextStart != null ? nextStart : end.minusSeconds(periodSeconds);
        if (!end.isAfter(start)) {
            return SampleBatch.empty(name());
        }
        SampleBatch batch = read(start, end);
        nextStart = end;
        return batch;
    }

    /** The last {@code lookback} of history, oldest first; the next poll continues where it ends. */
    @Override
    public synchronized SampleBatch backfill(Duration lookback) throws MetricSourceException {
        Instant end = align(clock.instant().minus(lag));
        Instant start = align(end.minus(lookback));
        if (!end.isAfter(start)) {
            return SampleBatch.empty(name());
        }
        SampleBatch batch = read(start, end);
        nextStart = end;
        return batch;
    }

    Instant align(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, periodSeconds));
    }

    private SampleBatch read(Instant start, Instant end) throws MetricSourceException {
        List<Sample> samples = new ArrayList<>();
        for (int from = 0; from < queries.size(); from += batchSize) {
            readBatch(queries.subList(from, Math.min(queries.size(), from + batchSize)), start, end, samples);
        }
        samples.sort(Comparator.comparingLong(Sample::timestampMillis));
        return SampleBatch.of(name(), samples);
    }

    private void readBatch(List<CloudWatchQuery> batch, Instant start, Instant end, List<Sample> into)
            throws MetricSourceException {
        List<MetricDataQuery> mdq = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CloudWatchQuery q = batch.get(i);
            List<Dimension> dims = q.dimensions().entrySet().stream()
                    .map(e -> Dimension.builder()
                            .name(e.getKey())
                            .value(e.getValue())
                            .build())
                    .toList();
            mdq.add(MetricDataQuery.builder()
                    .id("q" + i)
                    .returnData(true)
                    .metricStat(s -> s.period((int) periodSeconds)
                            .stat(q.stat())
                            .metric(m -> m.namespace(q.namespace())
                                    .metricName(q.metric())
                                    .dimensions(dims)))
                    .build());
        }
        GetMetricDataRequest first = GetMetricDataRequest.builder()
                .metricDataQueries(mdq)
                .startTime(start)
                .endTime(end)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .build();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            GetMetricDataRequest request =
                    token == null ? first : first.toBuilder().nextToken(token).build();
            GetMetricDataResponse response;
            try {
                response = cloudWatch.getMetricData(request);
            } catch (SdkException e) {
                throw new MetricSourceException(
                        AwsFailure.of(e).describe("CloudWatch GetMetricData [" + start + ", " + end + ")"), e);
            }
            for (MetricDataResult r : response.metricDataResults()) {
                CloudWatchQuery q = batch.get(indexOf(r.id(), batch.size()));
                List<Instant> times = r.timestamps();
                List<Double> values = r.values();
                for (int i = 0; i < Math.min(times.size(), values.size()); i++) {
                    into.add(new Sample(q.seriesId(), times.get(i).toEpochMilli(), values.get(i)));
                }
            }
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                return;
            }
        }
        throw new MetricSourceException("CloudWatch GetMetricData gave more than " + MAX_PAGES
                + " pages for one window; use fewer queries or a longer period");
    }

    private static int indexOf(String id, int size) throws MetricSourceException {
        try {
            int i = Integer.parseInt(id.substring(1));
            if (id.charAt(0) == 'q' && i >= 0 && i < size) {
                return i;
            }
        } catch (RuntimeException e) {
            // falls through to the exception below
        }
        throw new MetricSourceException("CloudWatch answered for a query id we did not send: '" + id + "'");
    }

    @Override
    public void close() {
        cloudWatch.close();
    }
}
