package io.smartcloudops.chat.internal.nlu;

import io.smartcloudops.chat.internal.nlu.LabelledUtterance.SpeechAct;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A multinomial logistic regression over three blocks of features of the text the classifier sees:
 * the MiniLM sentence embedding (what it means), hashed character 3- to 5-grams (how it is spelt,
 * so a typo still shares most of its grams with the word) and hashed word unigrams and bigrams
 * (which words, in which order: "restart" next to "should i" reads otherwise than alone). Each
 * block is scaled to unit length so none outweighs the others by its size. Digit runs are folded
 * into one symbol, since "approve 518" and "approve act-1187" ask the same thing.
 *
 * <p>It learns the intent that should be answered, not the topic: "should i restart redis" is
 * labelled {@code help} in the corpus, so the model itself says that a question is not a restart,
 * beside the speech-act rules. Training is deterministic for a seed (one trainer per model, since a
 * Tribuo trainer advances its RNG with every call). Immutable and thread-safe once trained.
 */
public final class LearnedIntentModel {

    /** A training example: the text as the classifier sees it, its unit-length embedding, its label. */
    public record Sample(String text, float[] embedding, Intent intent) {
        public Sample {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(embedding, "embedding");
            Objects.requireNonNull(intent, "intent");
        }
    }

    /** A speech-act example: the whole message (nothing removed), lower case, and what it does with its action. */
    public record ActSample(String text, SpeechAct act) {
        public ActSample {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(act, "act");
        }
    }

    /** The speech act the model reads in a message, with its probability. */
    public record ActPrediction(SpeechAct act, double probability, double command) {}

    private static final int BUCKETS = 1 << 18;
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}#'-]+");
    /** Passes over the corpus (not tuned: a round number that left the training loss flat enough). */
    private static final int EPOCHS = 12;
    /**
     * Tribuo's trainer reports every training at INFO through java.util.logging, whose default
     * handler prints to stderr: a library must not write to its host's console at every start.
     * Held here because java.util.logging keeps loggers only weakly, and a level set on a
     * collected logger is lost.
     */
    private static final Logger TRAINER_LOG =
            Logger.getLogger(org.tribuo.common.sgd.AbstractSGDTrainer.class.getName());

    /** The first bytes of a model file, and the version of its layout (bumped whenever it or the features change). */
    private static final String MAGIC = "sco-chat learned intents";

    static final int FORMAT = 2;

    private final LinearScorer model;
    private final LinearScorer lexical;
    private final LinearScorer acts;
    private final String fingerprint;

    private LearnedIntentModel(LinearScorer model, LinearScorer lexical, LinearScorer acts, String fingerprint) {
        this.model = model;
        this.lexical = lexical;
        this.acts = Objects.requireNonNull(acts, "acts");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * Fits both models; the speech acts alone, on the bundled corpus, take about 0.3 s with the corpus generation.
     *
     * @param samples intent samples; none trains the speech acts alone ({@link #predict} then throws)
     * @throws IllegalArgumentException when there are no speech-act samples
     */
    public static LearnedIntentModel train(List<Sample> samples, List<ActSample> actSamples, long seed) {
        if (actSamples.isEmpty()) {
            throw new IllegalArgumentException("cannot train the speech-act model on no samples");
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data =
                new MutableDataset<>(new SimpleDataSourceProvenance("labelled utterances", factory), factory);
        MutableDataset<Label> lexicalData =
                new MutableDataset<>(new SimpleDataSourceProvenance("labelled utterances, words", factory), factory);
        Map<Intent, Integer> perIntent = new EnumMap<>(Intent.class);
        samples.forEach(s -> perIntent.merge(s.intent(), 1, Integer::sum));
        for (Sample s : samples) {
            // Balanced as the acts are: the corpus has many more help phrasings than approval ones.
            float weight = (float) samples.size() / (perIntent.size() * perIntent.get(s.intent()));
            Example<Label> e = example(new Label(s.intent().label()), s.text(), s.embedding());
            e.setWeight(weight);
            data.add(e);
            Example<Label> w = lexicalExample(new Label(s.intent().label()), s.text());
            w.setWeight(weight);
            lexicalData.add(w);
        }
        MutableDataset<Label> actData =
                new MutableDataset<>(new SimpleDataSourceProvenance("speech acts", factory), factory);
        Map<SpeechAct, Integer> perAct = new EnumMap<>(SpeechAct.class);
        actSamples.forEach(s -> perAct.merge(s.act(), 1, Integer::sum));
        for (ActSample s : actSamples) {
            // Every act weighs the same in total: commands are most of the corpus, and the rarer acts are the ones that
            // matter.
            Example<Label> e = actExample(new Label(s.act().name()), s.text());
            e.setWeight((float) actSamples.size() / (perAct.size() * perAct.get(s.act())));
            actData.add(e);
        }
        return new LearnedIntentModel(
                samples.isEmpty() ? null : LinearScorer.of(trainer(seed).train(data)),
                samples.isEmpty() ? null : LinearScorer.of(trainer(seed).train(lexicalData)),
                LinearScorer.of(trainer(seed).train(actData)),
                fingerprint(
                        samples.stream()
                                .map(s -> Map.entry(s.text(), s.intent()))
                                .toList(),
                        actSamples,
                        seed));
    }

    /**
     * What a model was trained from, as a SHA-256 in hex: the layout version, the trainer's
     * settings and seed, and every training text with its label and the n-gram features it gives.
     * Embeddings are left out, so the figure can be checked without running MiniLM over the corpus;
     * a change of templates, generator, spelling repair, speech-act scoping or feature code shows.
     *
     * @param intentTexts the intent samples' texts (as {@link Sample#text()}) with their labels
     */
    public static String fingerprint(
            List<Map.Entry<String, Intent>> intentTexts, List<ActSample> actSamples, long seed) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        StringBuilder line = new StringBuilder();
        Consumer<StringBuilder> add = b -> {
            sha.update(b.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            b.setLength(0);
        };
        add.accept(line.append(FORMAT)
                .append(' ')
                .append(EPOCHS)
                .append(' ')
                .append(seed)
                .append(" adagrad 0.5 0.1 ")
                .append(BUCKETS));
        for (Map.Entry<String, Intent> e : intentTexts) {
            line.append("i ").append(e.getValue().label()).append(' ').append(e.getKey());
            for (Feature f : lexicalExample(LabelFactory.UNKNOWN_LABEL, e.getKey())) {
                line.append(' ').append(f.getName()).append('=').append((float) f.getValue());
            }
            add.accept(line);
        }
        for (ActSample a : actSamples) {
            line.append("a ").append(a.act().name()).append(' ').append(a.text());
            for (Feature f : actExample(LabelFactory.UNKNOWN_LABEL, a.text())) {
                line.append(' ').append(f.getName()).append('=').append((float) f.getValue());
            }
            add.accept(line);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The {@link #fingerprint} of the training set this model was fitted to. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Whether this model decides intents, not only speech acts. */
    public boolean hasIntents() {
        return model != null;
    }

    /** Writes the model as {@link #read} reads it: gzip over names and 32-bit weights. */
    public void write(OutputStream out) throws IOException {
        var gzip = new GZIPOutputStream(out);
        var data = new DataOutputStream(gzip);
        data.writeUTF(MAGIC);
        data.writeInt(FORMAT);
        data.writeUTF(fingerprint);
        data.writeBoolean(model != null);
        if (model != null) {
            model.write(data);
            lexical.write(data);
        }
        acts.write(data);
        data.flush();
        gzip.finish();
    }

    /**
     * Reads a model {@link #write} wrote.
     *
     * @throws IOException when the stream is not such a model, or one of another layout version
     */
    public static LearnedIntentModel read(InputStream in) throws IOException {
        var data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
        String magic = data.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a learned intent model (starts with '" + magic + "')");
        }
        int format = data.readInt();
        if (format != FORMAT) {
            throw new IOException("learned intent model of layout " + format + ", this code reads " + FORMAT
                    + ": retrain it with the trainer of this version");
        }
        String fingerprint = data.readUTF();
        boolean hasIntents = data.readBoolean();
        LinearScorer intents = hasIntents ? LinearScorer.read(data) : null;
        LinearScorer words = hasIntents ? LinearScorer.read(data) : null;
        return new LearnedIntentModel(intents, words, LinearScorer.read(data), fingerprint);
    }

    private static LinearSGDTrainer trainer(long seed) {
        if (TRAINER_LOG.getLevel() == null) {
            TRAINER_LOG.setLevel(Level.WARNING); // unless the host set a level of its own
        }
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), EPOCHS, -1, 1, seed);
    }

    /** The speech act of a whole message (lower case, nothing removed). */
    public ActPrediction act(String text) {
        Example<Label> example = actExample(LabelFactory.UNKNOWN_LABEL, text);
        if (!acts.knowsAny(example)) {
            // Not one word the corpus has ("yes", "nah"): no evidence of any act, so no reason to gate; the rules
            // decide.
            return new ActPrediction(SpeechAct.COMMAND, 1.0, 1.0);
        }
        double[] p = acts.probabilities(example);
        String[] labels = acts.labels();
        int best = 0;
        double command = 0.0;
        for (int k = 0; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
            command = labels[k].equals(SpeechAct.COMMAND.name()) ? p[k] : command;
        }
        return new ActPrediction(SpeechAct.valueOf(labels[best]), p[best], command);
    }

    /** The intent distribution for a text (lower case, as the classifier sees it) and its unit embedding. */
    public IntentPrediction predict(String text, float[] embedding) {
        if (model == null) {
            throw new IllegalStateException("this model was trained on speech acts only");
        }
        return ranked(model, example(LabelFactory.UNKNOWN_LABEL, text, embedding));
    }

    /**
     * The intent distribution the words of a text give on their own (lower case, as the classifier
     * sees it): its character and word n-grams and the kinds of entity named in it, with no
     * embedding. It is the evidence of what the text asks for, where the embedding says what it is
     * about ("redis" on its own sits near "restart redis", but no word of it asks for a restart).
     */
    public IntentPrediction lexical(String text) {
        if (lexical == null) {
            throw new IllegalStateException("this model was trained on speech acts only");
        }
        return ranked(lexical, lexicalExample(LabelFactory.UNKNOWN_LABEL, text));
    }

    private static IntentPrediction ranked(LinearScorer scorer, Example<Label> example) {
        double[] p = scorer.probabilities(example);
        String[] labels = scorer.labels();
        List<IntentPrediction.Scored> ranking = new ArrayList<>();
        for (int k = 0; k < p.length; k++) {
            double score = p[k];
            Intent.fromLabel(labels[k]).ifPresent(i -> ranking.add(new IntentPrediction.Scored(i, score)));
        }
        ranking.sort(Comparator.comparingDouble(IntentPrediction.Scored::score).reversed());
        return new IntentPrediction(ranking.get(0).intent(), ranking.get(0).score(), ranking);
    }

    /** MiniLM's width; the names of its dimensions are formatted once, not per query (profiling showed the cost). */
    private static final String[] EMBEDDING_FEATURES = IntStream.range(0, 384)
            .mapToObj(i -> String.format(Locale.ROOT, "e%03d", i))
            .toArray(String[]::new);

    private static String embeddingFeature(int i) {
        return i < EMBEDDING_FEATURES.length ? EMBEDDING_FEATURES[i] : String.format(Locale.ROOT, "e%03d", i);
    }

    static Example<Label> example(Label label, String text, float[] embedding) {
        Map<String, Double> features = new TreeMap<>();
        for (int i = 0; i < embedding.length; i++) {
            features.put(embeddingFeature(i), (double) embedding[i]);
        }
        addGrams(features, text);
        return named(label, features);
    }

    /**
     * The lexical model's features: the n-gram blocks of {@link #example} and a block of the kinds
     * of entity the slot extractor finds ("m service", "m instance_type", "m id an" for an anomaly
     * id), which say what a text is about without its surface words: an instance type is named
     * only to resize to it.
     */
    static Example<Label> lexicalExample(Label label, String text) {
        Map<String, Double> features = new TreeMap<>();
        addGrams(features, text);
        Map<String, Double> kinds = new TreeMap<>();
        SlotExtractor.extract(text).forEach((k, v) -> {
            kinds.put("m " + k, 1.0);
            if (k.equals(SlotExtractor.ID)) {
                kinds.put("m id " + v.toString().replaceAll("[^a-z].*", ""), 1.0);
            }
        });
        addUnitBlock(features, kinds);
        return named(label, features);
    }

    private static void addGrams(Map<String, Double> features, String text) {
        String folded = DIGITS.matcher(text.toLowerCase(Locale.ROOT).strip()).replaceAll("#");
        Map<String, Double> grams = new TreeMap<>();
        String padded = " " + folded.replaceAll("\\s+", " ") + " ";
        for (int n = 3; n <= 5; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                grams.merge(bucket("c", padded.substring(i, i + n)), 1.0, Double::sum);
            }
        }
        addUnitBlock(features, grams);
        Map<String, Double> words = new TreeMap<>();
        List<String> tokens = new ArrayList<>();
        for (String t : NON_WORD.split(folded)) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            words.merge(bucket("w", tokens.get(i)), 1.0, Double::sum);
            // The bigrams include the message edges: "^ no" and "restart $" say where a word stands.
            String before = i == 0 ? "^" : tokens.get(i - 1);
            words.merge(bucket("b", before + ' ' + tokens.get(i)), 1.0, Double::sum);
        }
        if (!tokens.isEmpty()) {
            words.merge(bucket("b", tokens.get(tokens.size() - 1) + " $"), 1.0, Double::sum);
        }
        addUnitBlock(features, words);
    }

    private static Example<Label> named(Label label, Map<String, Double> features) {
        String[] names = features.keySet().toArray(new String[0]);
        double[] values =
                features.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new ArrayExample<>(label, names, values);
    }

    /**
     * What a message does is said in its first words ("should i", "why did you", "don't") and in
     * a few fixed phrases ("need approval", "without asking"), not in its topic: the speech act
     * reads words and word pairs with the position of the first four, and no embedding, so
     * "should i mute" is a question even if no silence question was ever seen.
     */
    static Example<Label> actExample(Label label, String text) {
        String folded = DIGITS.matcher(text.toLowerCase(Locale.ROOT).strip()).replaceAll("#");
        List<String> tokens = new ArrayList<>();
        for (String t : NON_WORD.split(folded)) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        Map<String, Double> features = new TreeMap<>();
        Map<String, Double> words = new TreeMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            words.merge(bucket("w", tokens.get(i)), 1.0, Double::sum);
            words.merge(bucket("b", (i == 0 ? "^" : tokens.get(i - 1)) + ' ' + tokens.get(i)), 1.0, Double::sum);
        }
        if (!tokens.isEmpty()) {
            words.merge(bucket("b", tokens.get(tokens.size() - 1) + " $"), 1.0, Double::sum);
        }
        addUnitBlock(features, words);
        Map<String, Double> opening = new TreeMap<>();
        for (int i = 0; i < Math.min(4, tokens.size()); i++) {
            opening.merge(bucket("p", i + " " + tokens.get(i)), 1.0, Double::sum);
            // Prefix grams of the opening words, so "shoud" and "shoould" still open like "should".
            String t = tokens.get(i);
            opening.merge(bucket("q", i + " " + t.substring(0, Math.min(3, t.length()))), 1.0, Double::sum);
        }
        addUnitBlock(features, opening);
        String[] names = features.keySet().toArray(new String[0]);
        double[] values =
                features.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new ArrayExample<>(label, names, values);
    }

    private static void addUnitBlock(Map<String, Double> features, Map<String, Double> block) {
        double norm = Math.sqrt(block.values().stream().mapToDouble(v -> v * v).sum());
        if (norm > 0) {
            block.forEach((k, v) -> features.merge(k, v / norm, Double::sum));
        }
    }

    /** A hashed feature name; String.hashCode is specified, so the buckets are the same on every JVM. */
    private static String bucket(String kind, String gram) {
        int h = gram.hashCode() * 0x9E3779B1;
        return kind + Integer.toHexString(Math.floorMod(h ^ (h >>> 15), BUCKETS));
    }
}
