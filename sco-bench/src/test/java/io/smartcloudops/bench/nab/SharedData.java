package io.smartcloudops.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the NAB development subset lives: {@code sco.nab.dir} ({@code datasets/nab} in the repository), set by the build. */
final class SharedData {
    private SharedData() {}

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
