package io.smartcloudops.api.examples;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.source.MetricSourceException;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

// The MetricSourceProvider example.
// tag::MetricSourceProvider[]
public final class MySourceProvider implements MetricSourceProvider {
    public String name() {
        return "mine";
    }

    public MetricSource create(ProviderContext context) {
        return new MySource(context.dataDir().resolve(context.config().string("file", "queue-depth")), context.clock());
    }
}
// end::MetricSourceProvider[]

/** Reads one number, a queue's depth, from a file at each poll. */
final class MySource implements MetricSource {
    private static final SeriesId DEPTH = SeriesId.of("queue_depth");
    private final Path file;
    private final InstantSource clock;

    MySource(Path file, InstantSource clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mine";
    }

    @Override
    public SampleBatch poll() {
        try {
            double depth = Double.parseDouble(Files.readString(file).trim());
            return SampleBatch.of(name(), List.of(new Sample(DEPTH, clock.millis(), depth)));
        } catch (IOException | NumberFormatException e) {
            throw new MetricSourceException("cannot read the queue depth from " + file + ": " + e.getMessage(), e);
        }
    }
}
