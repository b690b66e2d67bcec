package io.smartcloudops.api.detect;

import io.smartcloudops.api.metric.SeriesId;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The factory {@link DetectorFactory#of} builds: it refuses the snapshots of other detectors. */
record NamedDetectorFactory(
        String name,
        BiFunction<SeriesId, DetectorSettings, Detector> creator,
        Function<DetectorState, Detector> restorer)
        implements DetectorFactory {

    NamedDetectorFactory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(restorer, "restorer");
    }

    @Override
    public Detector create(SeriesId series, DetectorSettings settings) {
        return creator.apply(series, settings);
    }

    @Override
    public Detector restore(DetectorState state) {
        if (!name.equals(state.detector())) {
            throw new IllegalArgumentException("state of detector '" + state.detector() + "' given to '" + name + "'");
        }
        return restorer.apply(state);
    }
}
