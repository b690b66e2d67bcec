package io.smartcloudops.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the NAB development set lives: {@code sco.shared.dir}, set by the build. */
final class SharedData {
    private SharedData() {
    }

    static Path nab() {
        String dir = System.getProperty("sco.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property sco.shared.dir is not set; run the tests through Maven");
        }
        Path nab = Path.of(dir).resolve("nab").normalize();
        if (!Files.isDirectory(nab.resolve("data"))) {
            throw new IllegalStateException("no NAB data under " + nab + " (sco.shared.dir=" + dir + ")");
        }
        return nab;
    }
}
