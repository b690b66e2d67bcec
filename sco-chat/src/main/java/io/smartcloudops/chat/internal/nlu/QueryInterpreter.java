package io.smartcloudops.chat.internal.nlu;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Text in, meaning out, with no side effects: guard, entity extraction, intent classification,
 * follow-up resolution and the slot policy. One instance holds the embedded few-shot pool; it is
 * immutable and may be shared by engines and threads.
 *
 * <p>When the classifier's confidence is below {@code minConfidence}, or an action intent was
 * recognised with no word that asks for it, the interpretation keeps the best guess as its intent
 * and sets {@link Interpretation#clarify()}; the engine then asks rather than answers or acts. The
 * exception is a weak guess about text unrelated to the deployment (no entity, no deployment noun,
 * no operator phrase: see {@code IntentCues.unrelated}), which is {@code out_of_scope}, since asking
 * "did you mean deny?" about "knock knock" helps nobody. Rejected input (empty, too long, injection) is {@code out_of_scope} with confidence 1.
 */
public final class QueryInterpreter {

    private final IntentClassifier classifier;
    private final InputGuard guard;
    private final double minConfidence;

    public QueryInterpreter(IntentClassifier classifier, InputGuard guard, double minConfidence) {
        if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
            throw new IllegalArgumentException("minConfidence must be in [0, 1], got " + minConfidence);
        }
        this.classifier = classifier;
        this.guard = guard;
        this.minConfidence = minConfidence;
    }

    /** Loads the in-process MiniLM model and embeds the bundled pool (about a second). */
    public static QueryInterpreter bundled(int maxChars, double minConfidence) {
        // A caller-thread executor: embedding the pool once needs no thread pool left behind.
        var model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        return new QueryInterpreter(new IntentClassifier(model, FewShotPool.bundled()), new InputGuard(maxChars), minConfidence);
    }

    /**
     * Never act on resemblance alone: "redis" on its own sits near "restart redis" in embedding
     * space, but nothing in it asks for a restart. An action needs a word that asks for it.
     */
    private static boolean actionWithoutWords(Intent intent, String lower, Map<String, Object> mentions) {
        return intent.isAction() && IntentCues.boosts(lower, mentions).getOrDefault(intent, 0.0) <= 0.0;
    }

    public IntentClassifier classifier() {
        return classifier;
    }

    public InputGuard guard() {
        return guard;
    }

    public Interpretation interpret(String text, Turn previous) {
        return interpret(text, previous, e -> false);
    }

    /** As {@link #interpret(String, Turn)}, with some pool examples kept from voting (leave-one-out). */
    public Interpretation interpret(String text, Turn previous, Predicate<FewShotPool.Example> excluded) {
        InputGuard.Verdict verdict = guard.inspect(text);
        if (!verdict.accepted()) {
            return new Interpretation(Intent.OUT_OF_SCOPE, Map.of(), Map.of(), 1.0, false, false, null, verdict);
        }
        String lower = Misspellings.correct(verdict.cleaned());
        Map<String, Object> mentions = SlotExtractor.extract(lower);
        IntentPrediction prediction;
        try {
            prediction = classifier.predict(lower, mentions, excluded);
        } catch (IllegalArgumentException e) {
            // The tokenizer drops some characters the guard keeps; what is left may be nothing to embed.
            InputGuard.Verdict empty = new InputGuard.Verdict("", InputGuard.Rejection.EMPTY, "nothing readable: " + e.getMessage());
            return new Interpretation(Intent.OUT_OF_SCOPE, Map.of(), Map.of(), 1.0, false, false, null, empty);
        }
        FollowUpResolver.Resolved resolved = FollowUpResolver.resolve(prediction.intent(), lower, mentions, previous);
        if (!resolved.followUp() && prediction.confidence() < minConfidence && IntentCues.unrelated(lower, mentions)) {
            // A weak guess about a text that names nothing of the deployment and uses no operator
            // phrase: chit-chat, not a request to clarify.
            resolved = new FollowUpResolver.Resolved(Intent.OUT_OF_SCOPE, mentions, false);
        }
        boolean inherited = resolved.intentFromPrevious();
        double confidence = inherited ? Math.max(prediction.confidence(), minConfidence) : prediction.confidence();
        boolean clarify = !inherited && resolved.intent() != Intent.OUT_OF_SCOPE
                && (confidence < minConfidence || actionWithoutWords(resolved.intent(), lower, mentions));
        return new Interpretation(resolved.intent(), SlotPolicy.slotsFor(resolved.intent(), resolved.mentions()),
                resolved.mentions(), confidence, clarify, resolved.followUp(), prediction, verdict);
    }
}
