package io.smartcloudops.api.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * A detector's persisted state: opaque bytes tagged with the detector's name and a format version,
 * kept apart from the live object so that old checkpoints stay readable.
 *
 * <pre>{@code
 * DetectorState s = detector.snapshot();
 * Files.write(path, s.bytes());
 * }</pre>
 */
public record DetectorState(String detector, int version, byte[] bytes) {
    public DetectorState {
        Objects.requireNonNull(detector, "detector");
        if (version < 1) {
            throw new IllegalArgumentException("state version must be >= 1, got " + version);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorState other
                && detector.equals(other.detector)
                && version == other.version
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detector, version, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "DetectorState[" + detector + " v" + version + ", " + bytes.length + " bytes]";
    }
}
