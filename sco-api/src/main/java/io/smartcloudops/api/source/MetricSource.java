package io.smartcloudops.api.source;

import io.smartcloudops.api.metric.SampleBatch;
import java.time.Duration;

/**
 * Where samples come from. The agent calls {@link #poll()} on its sample interval; a push source
 * (a webhook, a stream) buffers what it receives, bounded, and hands it over on the next poll.
 *
 * <pre>{@code
 * try (MetricSource source =
 *         registry.provider(MetricSourceProvider.class, "host").create(context)) {
 *     SampleBatch batch = source.poll();
 * }
 * }</pre>
 */
public interface MetricSource extends AutoCloseable {

    /** The source's name; it labels {@code sco_samples_ingested_total{source=...}}. */
    String name();

    /**
     * The samples gathered since the last poll. Never blocks for long: a source that cannot answer
     * in time throws {@link MetricSourceException} and the agent marks it stale.
     */
    SampleBatch poll() throws MetricSourceException;

    /**
     * History to warm detectors with on start, oldest first; empty when the source keeps none.
     */
    default SampleBatch backfill(Duration lookback) throws MetricSourceException {
        return SampleBatch.empty(name());
    }

    @Override
    default void close() {}
}
