package io.smartcloudops.chat.internal.nlu;

import io.smartcloudops.chat.internal.nlu.QueryInterpreter.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The learned model the engine ships with: trained once, off line, by
 * {@code BundledModelTrainer} (a test-scope main; the command is in its Javadoc and in the README's ChatOps section) from the
 * generated corpus and the few-shot pool, both in this jar, and kept as the resource
 * {@value #RESOURCE}. Reading it takes milliseconds, where training took the better part of a
 * minute, most of it embedding the corpus. {@code BundledModelTest} fails the build when the file
 * no longer matches the training data the code would produce.
 */
public final class BundledModel {

    /** The resource beside this class. */
    public static final String RESOURCE = "learned-intents.bin.gz";

    /**
     * How the bundled interpreter decides: the few-shot neighbours when they are sure, the learned
     * model when they are not (family-held-out figures in {@code LearnedIntentCrossValidationTest}).
     */
    static final Decision DECISION = Decision.LEARNED_WHEN_UNSURE;

    private BundledModel() {}

    /**
     * @throws IllegalStateException when the resource is missing or unreadable: a broken jar, not a
     *     condition to recover from
     */
    public static LearnedIntentModel load() {
        try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the sco-chat jar; run BundledModelTrainer to write it");
            }
            return LearnedIntentModel.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled learned model " + RESOURCE, e);
        }
    }

    /** Trains the bundled model from the bundled corpus and pool: the better part of a minute, most of it MiniLM. */
    public static LearnedIntentModel train() {
        return QueryInterpreter.trainOnBundledCorpus(trainingInterpreter());
    }

    /** The fingerprint {@link #train} would give, computed without embedding the corpus. */
    public static String expectedFingerprint() {
        return QueryInterpreter.bundledTrainingFingerprint(trainingInterpreter());
    }

    /** The trainer's own view of texts: the default guard, as the bundled engine's. */
    private static QueryInterpreter trainingInterpreter() {
        return new QueryInterpreter(
                new IntentClassifier(MiniLmModel.load(), FewShotPool.bundled()), new InputGuard(2000), 0.40);
    }
}
