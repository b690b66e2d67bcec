package io.smartcloudops.chat.internal.nlu;

import io.smartcloudops.chat.internal.nlu.Interpretation.Refusal;
import io.smartcloudops.chat.internal.nlu.SpeechActs.Kind;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
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
    private final SpeechActs acts = SpeechActs.bundled();
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

    /**
     * Loads the in-process MiniLM model and embeds the bundled pool (about a second).
     *
     * @throws io.smartcloudops.api.ProviderException when the model is not on the class path
     */
    public static QueryInterpreter bundled(int maxChars, double minConfidence) {
        var model = MiniLmModel.load();
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

    public SpeechActs speechActs() {
        return acts;
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
        String corrected = Misspellings.correct(verdict.cleaned());
        // Negated and retracted clauses go first: what remains is the request to answer.
        SpeechActs.Scoped scoped = acts.scope(corrected);
        String lower = scoped.remaining();
        if (lower.isBlank() || !lower.matches("(?s).*\\p{L}.*")) {
            return refusal(Refusal.NOTHING_LEFT, verdict, SlotExtractor.extract(corrected), scoped.dropped());
        }
        Map<String, Object> mentions = SlotExtractor.extract(lower);
        if (acts.matches(Kind.DATA, lower)) {
            return refusal(Refusal.DATA_INSTRUCTION, verdict, mentions, scoped.dropped());
        }
        if (acts.matches(Kind.PENDING, lower) && !mentions.containsKey(SlotExtractor.ID) && !acts.matches(Kind.DENY, lower)) {
            return new Interpretation(Intent.PENDING_APPROVALS, Map.of(), mentions, 1.0, false, false, null, verdict, null, Refusal.NONE,
                    scoped.dropped());
        }
        if (scoped.droppedSomething()) {
            // "don't restart nginx, just show me its logs": the target named in the dropped clause is still the one meant.
            Map<String, Object> carried = new java.util.HashMap<>(mentions);
            Map<String, Object> fromDropped = SlotExtractor.extract(scoped.dropped());
            for (String key : new String[] {SlotExtractor.SERVICE, SlotExtractor.HOST}) {
                if (!mentions.containsKey(SlotExtractor.SERVICE) && !mentions.containsKey(SlotExtractor.HOST) && fromDropped.containsKey(key)) {
                    carried.put(key, fromDropped.get(key));
                }
            }
            mentions = Map.copyOf(carried);
        }
        // Hypotheticals first: "what would happen if I restarted redis" is about the future, whatever its tense.
        Optional<Kind> act = acts.first(lower, Kind.HYPOTHETICAL, Kind.PAST, Kind.READINESS, Kind.SCHEDULED, Kind.HOWTO, Kind.ABILITY);
        if (acts.matches(Kind.UNSUPPORTED, lower) && act.filter(a -> a == Kind.PAST).isEmpty()) {
            return refusal(Refusal.UNSUPPORTED, verdict, mentions, scoped.dropped());
        }
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
        Intent intent = resolved.intent();
        Map<String, Object> resolvedMentions = resolved.mentions();
        Intent about = null;
        boolean decided = false;
        // A decision word about a named id decides, whatever the embedding resembles; a "no" or "not yet" always denies.
        if ((intent == Intent.APPROVE || intent == Intent.DENY || resolvedMentions.containsKey(SlotExtractor.ID)
                && !EnumSet.of(Intent.EXPLAIN_ANOMALY, Intent.AUDIT, Intent.ANOMALIES).contains(intent))
                && act.filter(a -> a == Kind.PAST || a == Kind.HYPOTHETICAL || a == Kind.HOWTO || a == Kind.ABILITY).isEmpty()) {
            if (acts.matches(Kind.DENY, lower)) {
                intent = Intent.DENY;
                decided = true;
            } else if (acts.matches(Kind.APPROVE, lower)) {
                intent = Intent.APPROVE;
                decided = true;
            }
        }
        if (act.isPresent() && (intent.isAction() || act.get() == Kind.READINESS
                || act.get() == Kind.HOWTO && intent != Intent.OUT_OF_SCOPE && !IntentCues.unrelated(lower, resolvedMentions))) {
            switch (act.get()) {
                case PAST -> {
                    about = intent;
                    intent = Intent.AUDIT;
                }
                case READINESS -> {
                    about = intent;
                    intent = resolvedMentions.containsKey(SlotExtractor.SERVICE) || resolvedMentions.containsKey(SlotExtractor.HOST)
                            ? Intent.HEALTH_CHECK : Intent.HELP;
                }
                case SCHEDULED -> {
                    // "silence X until tomorrow" states a duration, not a time to act.
                    boolean silenceSpan = intent == Intent.SILENCE && lower.matches("(?s).*\\b(?:until|till|for)\\b.*");
                    if (intent.isMutating() && !silenceSpan) {
                        return refusal(Refusal.SCHEDULED, verdict, resolvedMentions, scoped.dropped());
                    }
                }
                default -> {
                    about = intent;
                    intent = Intent.HELP;
                }
            }
            decided = true;
        }
        boolean clarify = !inherited && !decided && intent != Intent.OUT_OF_SCOPE
                && (confidence < minConfidence || actionWithoutWords(intent, lower, resolvedMentions));
        return new Interpretation(intent, SlotPolicy.slotsFor(intent, resolvedMentions), resolvedMentions, confidence, clarify,
                resolved.followUp(), prediction, verdict, about, Refusal.NONE, scoped.dropped());
    }

    private static Interpretation refusal(Refusal why, InputGuard.Verdict verdict, Map<String, Object> mentions, String dropped) {
        return new Interpretation(Intent.OUT_OF_SCOPE, Map.of(), mentions, 1.0, false, false, null, verdict, null, why, dropped);
    }
}
