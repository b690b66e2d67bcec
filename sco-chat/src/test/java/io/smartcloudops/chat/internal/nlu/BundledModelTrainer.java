package io.smartcloudops.chat.internal.nlu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes the bundled learned model. From the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl sco-chat -am test-compile -Djacoco.skip=true
 * mvn -B -o -q -pl sco-chat exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.smartcloudops.chat.internal.nlu.BundledModelTrainer \
 *     -Dexec.args=sco-chat/src/main/resources/io/smartcloudops/chat/internal/nlu/learned-intents.bin.gz
 * </pre>
 *
 * Everything it reads is in the repository (the templates and the few-shot pool of sco-chat's
 * resources) and the training is seeded, so a second run writes the same weights. A test-scope
 * main, not a product command: the engine only ever reads the result.
 */
public final class BundledModelTrainer {

    private BundledModelTrainer() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BundledModelTrainer OUTPUT_FILE   (the resource is sco-chat/src/main/resources/"
                    + "io/smartcloudops/chat/internal/nlu/" + BundledModel.RESOURCE + ")");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        long t0 = System.nanoTime();
        LearnedIntentModel model = BundledModel.train();
        long trained = System.nanoTime() - t0;
        Path tmp = Files.createTempFile(out.getParent(), "learned-intents", ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            model.write(o);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(
                Locale.ROOT,
                "trained in %.1f s; wrote %s (%,d bytes), fingerprint %s%n",
                trained / 1e9,
                out,
                Files.size(out),
                model.fingerprint());
    }
}
