package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the offline interpreter on shared/chatops/queries-dev.jsonl as the product is measured:
 * on text it has never seen. The few-shot pool is hand-written and must not contain any dev text;
 * each example is nevertheless classified with pool entries equal to it excluded (leave-one-out),
 * so the measurement stays honest if someone adds dev lines to the pool later.
 *
 * <p>Definitions. <b>Intent accuracy</b>: fraction of the 96 examples whose intent is exactly the
 * label. <b>Slot accuracy</b>: fraction of the examples with at least one labelled slot whose
 * labelled slots are all produced with exactly the labelled value (durations compared in seconds);
 * extra slots are not counted. <b>Per-slot accuracy</b>: for each slot name, the fraction of its
 * labelled occurrences produced exactly. Two-turn examples are run as two turns of one session.
 */
class DevSetEvaluationTest {

    private static QueryInterpreter interpreter;
    private static List<JsonNode> dev;

    @BeforeAll
    static void load() throws IOException {
        String shared = System.getProperty("sco.shared.dir");
        assertThat(shared).as("system property sco.shared.dir (set by sco-chat/pom.xml)").isNotBlank();
        Path file = Path.of(shared, "chatops", "queries-dev.jsonl");
        ObjectMapper json = new ObjectMapper();
        dev = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                dev.add(json.readTree(line));
            }
        }
        interpreter = QueryInterpreter.bundled(2000, 0.40);
    }

    @Test
    void fewShotPoolContainsNoDevText() {
        Set<String> pool = interpreter.classifier().examples().stream().map(e -> norm(e.text())).collect(Collectors.toSet());
        assertThat(dev.stream().map(d -> norm(d.get("text").asText())).filter(pool::contains).toList()).isEmpty();
    }

    @Test
    void reachesIntentAndSlotAccuracyOnHeldOutDevQueries() {
        Score s = evaluate(interpreter, "dev", dev);
        assertThat(s.intentAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.slotAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.90);
    }

    /** Figures of one evaluation run, with the printed report. */
    record Score(double intentAccuracy, double slotAccuracy, String report) {
    }

    static Score evaluate(QueryInterpreter interpreter, String name, List<JsonNode> dev) {
        int intentHits = 0;
        int slotExamples = 0;
        int slotHits = 0;
        Map<String, int[]> perSlot = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (JsonNode d : dev) {
            String text = d.get("text").asText();
            String held = norm(text);
            Turn previous = null;
            if (d.hasNonNull("context")) {
                Interpretation ctx = interpreter.interpret(d.get("context").asText(), null, e -> norm(e.text()).equals(held));
                previous = new Turn(ctx.intent(), ctx.slots(), ctx.mentions(), null);
            }
            Interpretation got = interpreter.interpret(text, previous, e -> norm(e.text()).equals(held));
            String expectedIntent = d.get("intent").asText();
            boolean intentOk = got.intent().label().equals(expectedIntent);
            intentHits += intentOk ? 1 : 0;
            Map<String, Object> expected = expectedSlots(d.get("slots"));
            boolean allSlotsOk = true;
            for (Map.Entry<String, Object> e : expected.entrySet()) {
                boolean ok = sameValue(e.getKey(), e.getValue(), got.slots().get(e.getKey()));
                int[] c = perSlot.computeIfAbsent(e.getKey(), k -> new int[2]);
                c[0] += ok ? 1 : 0;
                c[1]++;
                allSlotsOk &= ok;
            }
            if (!expected.isEmpty()) {
                slotExamples++;
                slotHits += allSlotsOk ? 1 : 0;
            }
            if (!intentOk || !allSlotsOk) {
                misses.add(String.format(Locale.ROOT, "  %-60s want %s %s got %s %s (conf %.2f)", '"' + text + '"',
                        expectedIntent, expected, got.intent().label(), got.slots(), got.confidence()));
            }
        }
        double intentAccuracy = (double) intentHits / dev.size();
        double slotAccuracy = (double) slotHits / slotExamples;
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "ChatOps %s evaluation (held out of the pool): intent accuracy %.3f (%d/%d), "
                + "slot accuracy %.3f (%d/%d examples with labelled slots)%n", name, intentAccuracy, intentHits, dev.size(),
                slotAccuracy, slotHits, slotExamples));
        perSlot.forEach((k, c) -> report.append(String.format(Locale.ROOT, "  slot %-13s %.3f (%d/%d)%n", k, (double) c[0] / c[1], c[0], c[1])));
        misses.forEach(m -> report.append(m).append(System.lineSeparator()));
        System.out.print(report);
        return new Score(intentAccuracy, slotAccuracy, report.toString());
    }

    /**
     * A second, independent set written without looking at the classifier's dev results: other
     * phrasings, number words, typos and follow-ups, as a guard against tuning to the dev text.
     */
    @Test
    void generalisesToIndependentParaphraseSet() throws IOException {
        List<JsonNode> set = readResource("queries-paraphrase.jsonl");
        Score s = evaluate(interpreter, "paraphrase", set);
        assertThat(s.intentAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.90);
        assertThat(s.slotAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.85);
    }

    /**
     * Leave-one-out over the hand-written pool itself: each example is classified with only itself
     * removed from the pool. Pool lines are terse and overlap less than real queries, so this is a
     * pessimistic view of how the nearest-neighbour part generalises to new phrasings.
     */
    @Test
    void recognisesPoolExamplesLeftOutOfThePool() {
        List<FewShotPool.Example> pool = interpreter.classifier().examples();
        int hits = 0;
        Map<Intent, int[]> perIntent = new TreeMap<>();
        for (FewShotPool.Example held : pool) {
            Map<String, Object> mentions = SlotExtractor.extract(held.text());
            Intent got = interpreter.classifier().predict(held.text(), mentions, e -> e == held).intent();
            int[] c = perIntent.computeIfAbsent(held.intent(), k -> new int[2]);
            c[0] += got == held.intent() ? 1 : 0;
            c[1]++;
            hits += got == held.intent() ? 1 : 0;
        }
        double accuracy = (double) hits / pool.size();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "ChatOps few-shot pool leave-one-out: intent accuracy %.3f (%d/%d)%n", accuracy, hits, pool.size()));
        perIntent.forEach((k, c) -> report.append(String.format(Locale.ROOT, "  %-16s %d/%d%n", k.label(), c[0], c[1])));
        System.out.print(report);
        assertThat(accuracy).as(report.toString()).isGreaterThanOrEqualTo(0.85);
    }

    /** The labelled queries of a JSON-lines resource beside this class, in file order. */
    static List<JsonNode> readResource(String name) throws IOException {
        List<JsonNode> set = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (var in = DevSetEvaluationTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    set.add(json.readTree(line));
                }
            }
        }
        return set;
    }

    private static Map<String, Object> expectedSlots(JsonNode slots) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : slots.properties()) {
            out.put(e.getKey(), e.getValue().isNumber() ? (Object) e.getValue().asInt() : e.getValue().asText());
        }
        return out;
    }

    private static boolean sameValue(String slot, Object expected, Object actual) {
        if (actual == null) {
            return false;
        }
        if (Set.of("range", "horizon", "duration").contains(slot)) {
            return Duration.parse(expected.toString()).equals(Duration.parse(actual.toString()));
        }
        return expected.toString().equals(actual.toString());
    }

    /**
     * The texts of {@code set} that also stand in the few-shot pool or in one of {@code others}:
     * a held-out set must share none, or it measures memory rather than generalisation.
     */
    static List<String> sharedTexts(QueryInterpreter interpreter, List<JsonNode> set, List<String> others) throws IOException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        interpreter.classifier().examples().forEach(e -> seen.add(norm(e.text())));
        for (String other : others) {
            readResource(other).forEach(d -> seen.add(norm(d.get("text").asText())));
        }
        return set.stream().map(d -> norm(d.get("text").asText())).filter(seen::contains).toList();
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
