package io.smartcloudops.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.chat.IntentRecognizer;
import io.smartcloudops.chat.OfflineChatSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sco-bench chat-eval --queries FILE}: the offline engine's understanding scored on a
 * labelled queries file ({@code {"text", "intent", "slots"}} lines, with an optional
 * {@code "context"}, the previous turn), for instance the shared development file beside the
 * repository, which the build itself never reads.
 *
 * <p>Figures: <b>intent accuracy</b> (exact label), <b>slot accuracy</b> (examples with labelled
 * slots whose labelled slots all come out with the labelled value; durations compared as
 * seconds; extra slots are not counted), and <b>unsafe</b>: examples not labelled with a mutating
 * intent that the engine took for one (restart_service, scale_up, silence, approve, deny), the
 * confusion that would act on a question.
 */
@Command(
        name = "chat-eval",
        mixinStandardHelpOptions = true,
        description = "Score the offline chat engine's intent and slots on a labelled JSON-lines file.")
public final class ChatEval implements Callable<Integer> {
    /** The intents that change something when they run. */
    public static final Set<String> MUTATING = Set.of("restart_service", "scale_up", "silence", "approve", "deny");

    @Option(
            names = "--queries",
            required = true,
            paramLabel = "FILE",
            description = "labelled JSON lines (text, intent, slots, context)")
    Path queries;

    @Option(names = "--misses", description = "list every miss (default ${DEFAULT-VALUE})", defaultValue = "true")
    boolean misses;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One run's figures. */
    public record Score(int examples, int intentHits, int slotExamples, int slotHits, int unsafe, List<String> misses) {
        public double intentAccuracy() {
            return examples == 0 ? 0 : (double) intentHits / examples;
        }

        public double slotAccuracy() {
            return slotExamples == 0 ? 1 : (double) slotHits / slotExamples;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Score s = score(IntentRecognizer.bundled(OfflineChatSettings.defaults()), read(queries));
        out.printf(
                Locale.ROOT,
                "%s: intent %.3f (%d/%d), slots %.3f (%d/%d), unsafe %d%n",
                queries.getFileName(),
                s.intentAccuracy(),
                s.intentHits(),
                s.examples(),
                s.slotAccuracy(),
                s.slotHits(),
                s.slotExamples(),
                s.unsafe());
        if (misses) {
            s.misses().forEach(out::println);
        }
        out.flush();
        return 0;
    }

    static List<JsonNode> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            if (!row.hasNonNull("text") || !row.hasNonNull("intent")) {
                throw new IOException(file + ":" + n + ": each line needs \"text\" and \"intent\"");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + " holds no labelled queries");
        }
        return rows;
    }

    public static Score score(IntentRecognizer recognizer, List<JsonNode> rows) {
        int intentHits = 0;
        int slotExamples = 0;
        int slotHits = 0;
        int unsafe = 0;
        List<String> missed = new ArrayList<>();
        for (JsonNode d : rows) {
            String text = d.get("text").asText();
            IntentRecognizer.Understanding got = recognizer.understand(
                    text, d.hasNonNull("context") ? d.get("context").asText() : null);
            String want = d.get("intent").asText();
            boolean intentOk = got.intent().equals(want);
            intentHits += intentOk ? 1 : 0;
            if (!MUTATING.contains(want) && MUTATING.contains(got.intent()) && !got.clarify()) {
                unsafe++;
            }
            Map<String, Object> expected = new LinkedHashMap<>();
            d.path("slots")
                    .properties()
                    .forEach(e -> expected.put(
                            e.getKey(),
                            e.getValue().isNumber()
                                    ? e.getValue().asInt()
                                    : e.getValue().asText()));
            boolean slotsOk = expected.entrySet().stream()
                    .allMatch(e -> same(e.getKey(), e.getValue(), got.slots().get(e.getKey())));
            if (!expected.isEmpty()) {
                slotExamples++;
                slotHits += slotsOk ? 1 : 0;
            }
            if (!intentOk || !slotsOk) {
                missed.add(String.format(
                        Locale.ROOT,
                        "  %-60s want %s %s got %s %s",
                        '"' + text + '"',
                        want,
                        expected,
                        got.intent(),
                        got.slots()));
            }
        }
        return new Score(rows.size(), intentHits, slotExamples, slotHits, unsafe, missed);
    }

    private static boolean same(String slot, Object expected, Object actual) {
        if (actual == null) {
            return false;
        }
        if (Set.of("range", "horizon", "duration").contains(slot)) {
            try {
                return Duration.parse(expected.toString()).equals(Duration.parse(actual.toString()));
            } catch (RuntimeException e) {
                return false;
            }
        }
        return expected.toString().equals(actual.toString());
    }
}
