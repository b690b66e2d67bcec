package io.smartcloudops.api.detect;

import io.smartcloudops.api.metric.SeriesId;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Creates and restores the per-series states of one kind of detector.
 *
 * <pre>{@code
 * DetectorFactory f = registry.provider(DetectorProvider.class, "default").create(context);
 * Detector d = f.create(SeriesId.of("cpu"), DetectorSettings.defaults());
 * }</pre>
 */
public interface DetectorFactory {

    /** The detector's registered name, also written into its snapshots. */
    String name();

    Detector create(SeriesId series, DetectorSettings settings);

    /**
     * Continues from a snapshot. Reads every version this factory ever wrote; throws
     * {@link IllegalArgumentException} naming the version for one it does not know.
     */
    Detector restore(DetectorState state);

    /**
     * A factory from two functions; {@link #restore} refuses states written by another detector.
     *
     * <pre>{@code
     * return DetectorFactory.of("mine", (series, settings) -> new MyDetector(params, settings), MyDetector::restore);
     * }</pre>
     */
    static DetectorFactory of(
            String name,
            BiFunction<SeriesId, DetectorSettings, Detector> create,
            Function<DetectorState, Detector> restore) {
        return new NamedDetectorFactory(name, create, restore);
    }
}
