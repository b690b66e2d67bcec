package io.smartcloudops.chat.internal.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The speech-act layer: what a message does with an action it names, decided before any mutating
 * intent may be proposed. A question, a hypothetical, a how-to, a readiness or ability question, a
 * question about the past and a request for later never act; negated and retracted clauses are
 * removed first, so "don't restart nginx, just show its logs" is answered as the logs request that
 * remains. The phrasings are data ({@code speech-acts.txt}); this class applies them in order.
 *
 * <p>Immutable and thread-safe.
 */
public final class SpeechActs {

    /** The kinds of the resource file, in the order they are tried. */
    public enum Kind {
        RETRACTION, NEGATION, CONTRAST, PENDING, DATA, UNSUPPORTED, PAST, READINESS, SCHEDULED, HOWTO, HYPOTHETICAL, ABILITY,
        DENY, APPROVE, CONFIRM
    }

    /** What remains of a text once negated and retracted clauses are removed, and what was removed. */
    public record Scoped(String remaining, String dropped) {
        public boolean droppedSomething() {
            return !dropped.isEmpty();
        }
    }

    private static final String BUNDLED = "speech-acts.txt";
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;.!?]|\\b(?:but|just|instead|rather|and then|then)\\b");
    private static final Pattern LEADING_FILLER = Pattern.compile("^(?:[\\s,;.!-]|\\b(?:but|just|instead|rather|only|and|then|please|first)\\b)+");

    private final Map<Kind, List<Pattern>> patterns;

    private SpeechActs(Map<Kind, List<Pattern>> patterns) {
        this.patterns = patterns;
    }

    /** The phrasings shipped in this jar. */
    public static SpeechActs bundled() {
        try (InputStream in = SpeechActs.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED + " is missing from sco-chat");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    static SpeechActs parse(String text) {
        Map<Kind, List<Pattern>> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, new ArrayList<>());
        }
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException(BUNDLED + ":" + n + ": expected 'kind<TAB>regex'");
            }
            Kind kind;
            try {
                kind = Kind.valueOf(line.substring(0, tab).strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(BUNDLED + ":" + n + ": unknown kind '" + line.substring(0, tab) + "'", e);
            }
            out.get(kind).add(Pattern.compile(line.substring(tab + 1).strip()));
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return new SpeechActs(out);
    }

    /** True when some phrasing of {@code kind} occurs in the lower-cased text. */
    public boolean matches(Kind kind, String lower) {
        return patterns.get(kind).stream().anyMatch(p -> p.matcher(lower).find());
    }

    /** The first of {@code kinds} (in declaration order) whose phrasing occurs, if any. */
    public Optional<Kind> first(String lower, Kind... kinds) {
        for (Kind k : kinds) {
            if (matches(k, lower)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the text, once negated and retracted clauses are removed, may ask for an action
     * now: not a question about the past, a readiness, how-to, hypothetical or ability question,
     * not a request for later, not an unsupported change, not an instruction found in data. The
     * LLM engine's mutating tools propose only when this holds.
     */
    public boolean mayAskForActionNow(String lower) {
        String rest = scope(lower).remaining();
        return !rest.isBlank() && first(rest, Kind.DATA, Kind.UNSUPPORTED, Kind.PAST, Kind.READINESS, Kind.SCHEDULED, Kind.HOWTO,
                Kind.HYPOTHETICAL, Kind.ABILITY).isEmpty();
    }

    /**
     * Removes retracted, negated and rejected clauses. A retraction withdraws everything before it
     * ("restart nginx, no wait, show logs first" leaves "show logs first"); a retraction at the
     * start withdraws its own clause ("never mind the restart, what's the cpu"). A negated action
     * ("don't restart redis") is dropped up to the next clause break, and a rejected alternative
     * ("not the api, the worker") is dropped with its comma or "but". Text with none of these is
     * returned as it is.
     */
    public Scoped scope(String lower) {
        String text = lower;
        StringBuilder dropped = new StringBuilder();
        for (int guard = 0; guard < 8; guard++) {
            String before = text;
            text = retract(text, dropped);
            text = negate(text, dropped);
            text = contrast(text, dropped);
            if (text.equals(before)) {
                break;
            }
        }
        return new Scoped(LEADING_FILLER.matcher(text).replaceFirst("").strip(), dropped.toString().strip());
    }

    private String retract(String text, StringBuilder dropped) {
        for (Pattern p : patterns.get(Kind.RETRACTION)) {
            Matcher m = p.matcher(text);
            if (!m.find()) {
                continue;
            }
            String head = text.substring(0, m.start()).strip();
            String tail = text.substring(m.end());
            if (!head.isEmpty()) {
                if (tail.isBlank()) {
                    return text;  // "no, cancel that": the whole message is the decision, nothing follows it
                }
                dropped.append(head).append(' ');
                return tail;
            }
            // At the start: its own clause goes ("never mind the restart, ..."); a bare "never mind" stays for the classifier.
            Matcher brk = CLAUSE_BREAK.matcher(tail);
            if (m.group().strip().matches(".*[,.;:!-]$") || brk.find() && brk.start() < 40) {
                int cut = m.group().strip().matches(".*[,.;:!-]$") ? 0 : brk.end();
                dropped.append(m.group()).append(tail, 0, cut).append(' ');
                String rest = tail.substring(cut);
                return rest.isBlank() ? text : rest;
            }
        }
        return text;
    }

    private String negate(String text, StringBuilder dropped) {
        for (Pattern p : patterns.get(Kind.NEGATION)) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                Matcher brk = CLAUSE_BREAK.matcher(text);
                int end = brk.find(m.end()) ? brk.start() : text.length();
                dropped.append(text, m.start(), end).append(' ');
                return (text.substring(0, m.start()) + " " + text.substring(end)).strip();
            }
        }
        return text;
    }

    private String contrast(String text, StringBuilder dropped) {
        for (Pattern p : patterns.get(Kind.CONTRAST)) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                dropped.append(m.group()).append(' ');
                return (text.substring(0, m.start()) + " " + text.substring(m.end())).strip();
            }
        }
        return text;
    }
}
