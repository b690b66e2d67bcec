package io.smartcloudops.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds NAB's {@code data/} directory when none is given. The development subset lives in the
 * repository under {@code datasets/nab}, so from the repository root it is {@code datasets/nab/data}
 * and from a module folder (where Maven runs tests) {@code ../datasets/nab/data}.
 */
public final class NabDataDir {
    private static final List<Path> CANDIDATES = List.of(Path.of("datasets/nab/data"), Path.of("../datasets/nab/data"));

    private NabDataDir() {}

    /** The explicit directory when given, else the first candidate that exists. */
    public static Path resolve(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        for (Path p : CANDIDATES) {
            if (Files.isDirectory(p.resolve("realKnownCause"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("no NAB data directory given and none found at " + CANDIDATES
                + " (relative to " + Path.of("").toAbsolutePath() + "); pass --data DIR");
    }
}
