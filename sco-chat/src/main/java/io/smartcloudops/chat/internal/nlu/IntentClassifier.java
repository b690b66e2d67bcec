package io.smartcloudops.chat.internal.nlu;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * k-nearest-neighbour intent classification over sentence embeddings, nudged by lexical evidence.
 *
 * <p>Each intent scores the mean cosine similarity of its {@code k} most similar examples (a
 * centroid would blur intents whose examples are phrased in very different ways, such as
 * {@code deny}: "no" and "cancel pending action 12"); the caller's evidence (the interpreter's
 * learned lexical model, {@link LearnedIntentModel#lexical}) is added, and a softmax over the
 * scores gives the confidence. Immutable after construction and safe to share
 * between threads: the ONNX session behind the embedding model is thread-safe.
 */
public final class IntentClassifier {

    private static final int K = 3;
    private static final double TEMPERATURE = 0.05;

    private final EmbeddingModel model;
    private final List<FewShotPool.Example> examples;
    private final float[][] vectors;

    /** Embeds the whole pool once; this is the expensive step (about a second for a few hundred lines). */
    public IntentClassifier(EmbeddingModel model, FewShotPool pool) {
        this.model = model;
        this.examples = pool.examples();
        List<TextSegment> segments =
                examples.stream().map(e -> TextSegment.from(prepare(e.text()))).toList();
        List<Embedding> embedded = model.embedAll(segments).content();
        this.vectors = new float[embedded.size()][];
        for (int i = 0; i < embedded.size(); i++) {
            vectors[i] = unit(embedded.get(i).vector());
        }
    }

    public List<FewShotPool.Example> examples() {
        return examples;
    }

    /** The neighbours' vote alone, with no other evidence. */
    public IntentPrediction predict(String text) {
        return predict(text, e -> false);
    }

    /**
     * The neighbours' vote alone, with some pool examples left out, for leave-one-out evaluation.
     *
     * @param excluded examples that must not vote
     */
    public IntentPrediction predict(String text, Predicate<FewShotPool.Example> excluded) {
        return predict(embed(text), Map.of(), excluded);
    }

    /**
     * The unit-length sentence embedding of a text, as the classifier compares it; the learned
     * model reads the same vector, so a query is embedded once.
     *
     * @throws IllegalArgumentException when nothing of the text is left to embed
     */
    public float[] embed(String text) {
        return unit(model.embed(prepare(text)).content().vector());
    }

    /** The unit embedding of pool example {@code i} (in {@link #examples()} order); do not modify it. */
    float[] exampleVector(int i) {
        return vectors[i];
    }

    /**
     * The neighbours' vote for a text's embedding (computed by {@link #embed}), plus evidence.
     *
     * @param evidence a score per intent added to its similarity (cosine scale); absent intents get none
     */
    public IntentPrediction predict(float[] q, Map<Intent, Double> evidence, Predicate<FewShotPool.Example> excluded) {
        // The k best similarities of each intent, kept in descending order as the pool is scanned: no boxing and no
        // sort per intent, which is most of a query's time outside the embedding.
        Intent[] intents = Intent.values();
        double[][] top = new double[intents.length][K];
        int[] seen = new int[intents.length];
        for (int i = 0; i < vectors.length; i++) {
            FewShotPool.Example e = examples.get(i);
            if (excluded.test(e)) {
                continue;
            }
            int c = e.intent().ordinal();
            double d = dot(q, vectors[i]);
            double[] t = top[c];
            int n = Math.min(seen[c], K);
            int at = n;
            while (at > 0 && t[at - 1] < d) {
                at--;
            }
            if (at < K) {
                System.arraycopy(t, at, t, at + 1, Math.min(n, K - 1) - at);
                t[at] = d;
            }
            seen[c]++;
        }
        List<IntentPrediction.Scored> ranking = new ArrayList<>();
        for (Intent intent : intents) {
            int n = Math.min(seen[intent.ordinal()], K);
            if (n == 0) {
                continue;
            }
            double knn = Arrays.stream(top[intent.ordinal()], 0, n).average().orElse(0);
            ranking.add(new IntentPrediction.Scored(intent, knn + evidence.getOrDefault(intent, 0.0)));
        }
        ranking.sort(Comparator.comparingDouble(IntentPrediction.Scored::score).reversed());
        double best = ranking.get(0).score();
        double sum = ranking.stream()
                .mapToDouble(s -> Math.exp((s.score() - best) / TEMPERATURE))
                .sum();
        return new IntentPrediction(ranking.get(0).intent(), 1.0 / sum, ranking);
    }

    static String prepare(String text) {
        return text.toLowerCase(Locale.ROOT).strip();
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        // Four independent sums: one running sum makes every addition wait for the last, and this loop over the
        // whole pool was the largest cost of a query outside the embedding.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
