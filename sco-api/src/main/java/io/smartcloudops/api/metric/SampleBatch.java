package io.smartcloudops.api.metric;

import java.util.List;
import java.util.Objects;

/**
 * Samples read together from one source, in the order the source produced them.
 *
 * <pre>{@code
 * SampleBatch batch = SampleBatch.of("host", List.of(s1, s2));
 * }</pre>
 *
 * @param source the name of the source that produced them (the {@code source} label of
 *     {@code sco_samples_ingested_total})
 */
public record SampleBatch(String source, List<Sample> samples) {
    public SampleBatch {
        Objects.requireNonNull(source, "source");
        samples = List.copyOf(samples);
    }

    public static SampleBatch of(String source, List<Sample> samples) {
        return new SampleBatch(source, samples);
    }

    public static SampleBatch empty(String source) {
        return new SampleBatch(source, List.of());
    }

    public int size() {
        return samples.size();
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }
}
