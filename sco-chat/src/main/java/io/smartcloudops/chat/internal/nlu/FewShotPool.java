package io.smartcloudops.chat.internal.nlu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The labelled example utterances the classifier compares a query with. The text format is one
 * {@code [intent]} header per section and one example per line; {@code #} starts a comment line.
 */
public final class FewShotPool {

    /** One labelled utterance. */
    public record Example(Intent intent, String text) {}

    private static final String BUNDLED = "intents.txt";

    private final List<Example> examples;

    private FewShotPool(List<Example> examples) {
        this.examples = List.copyOf(examples);
        Set<Intent> missing = EnumSet.allOf(Intent.class);
        examples.forEach(e -> missing.remove(e.intent()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("few-shot pool has no examples for " + missing);
        }
    }

    /** The pool shipped in this jar. */
    public static FewShotPool bundled() {
        try (InputStream in = FewShotPool.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED + " is missing from the sco-chat jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled few-shot pool", e);
        }
    }

    public static FewShotPool of(List<Example> examples) {
        return new FewShotPool(examples);
    }

    static FewShotPool parse(InputStream in) throws IOException {
        List<Example> out = new ArrayList<>();
        Intent current = null;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                if (s.startsWith("[") && s.endsWith("]")) {
                    String label = s.substring(1, s.length() - 1).strip();
                    final int at = lineNo;
                    current = Intent.fromLabel(label)
                            .orElseThrow(() ->
                                    new IllegalArgumentException("line " + at + ": unknown intent [" + label + "]"));
                } else if (current == null) {
                    throw new IllegalArgumentException("line " + lineNo + ": example before the first [intent] header");
                } else {
                    out.add(new Example(current, s));
                }
            }
        }
        return new FewShotPool(out);
    }

    public List<Example> examples() {
        return examples;
    }
}
