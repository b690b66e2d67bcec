package io.smartcloudops.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where NAB's development files live: {@code datasets/nab} in the repository ({@code sco.nab.dir}, set by the build). */
final class NabDevelopmentSet {
    private NabDevelopmentSet() {
    }

    static Path nab() {
        String dir = System.getProperty("sco.nab.dir");
        if (dir == null) {
            throw new IllegalStateException("system property sco.nab.dir is not set; run the tests through Maven");
        }
        Path nab = Path.of(dir).normalize();
        if (!Files.isDirectory(nab.resolve("data"))) {
            throw new IllegalStateException("no NAB data under " + nab + " (sco.nab.dir=" + dir + ")");
        }
        return nab;
    }
}
