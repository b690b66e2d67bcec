package io.smartcloudops.chat.internal.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
        RETRACTION,
        NEGATION,
        CONTRAST,
        PENDING,
        DATA,
        UNSUPPORTED,
        PAST,
        READINESS,
        SCHEDULED,
        HOWTO,
        HYPOTHETICAL,
        ABILITY,
        /** A decision word negated in any tense ("not approving 518", "won't be signing off"): a deny, whatever action it names. */
        REFUSAL,
        /** A denial word negated ("not going to block it", "don't veto 518"): neither a denial nor, without asking, an approval. */
        WAIVER,
        DENY,
        APPROVE,
        /** A decision word on an action named as a thing ("veto the nginx restart"): the decision, not the action. */
        DECIDED,
        /** An action named only as a thing ("... the api restart"): no command to run it, so it is asked about. */
        NOMINAL,
        CONFIRM,
        /** A greeting or discourse marker that opens a message ("hey", "ok so", "quick one:") and says nothing of its act. */
        FILLER,
        /** A message that opens as a question (not a "can you restart x" request): it never proposes a change outright. */
        QUESTION
    }

    /** What remains of a text once negated and retracted clauses are removed, and what was removed. */
    public record Scoped(String remaining, String dropped) {
        public boolean droppedSomething() {
            return !dropped.isEmpty();
        }

        /**
         * The mentions of what remains, with the service or host of the dropped clause where the
         * rest names neither: in "don't restart nginx, just show me its logs" nginx is still meant.
         */
        public Map<String, Object> withDroppedTarget(Map<String, Object> mentions) {
            if (!droppedSomething()
                    || mentions.containsKey(SlotExtractor.SERVICE)
                    || mentions.containsKey(SlotExtractor.HOST)) {
                return mentions;
            }
            Map<String, Object> carried = new HashMap<>(mentions);
            Map<String, Object> fromDropped = SlotExtractor.extract(dropped);
            for (String key : new String[] {SlotExtractor.SERVICE, SlotExtractor.HOST}) {
                if (fromDropped.containsKey(key)) {
                    carried.put(key, fromDropped.get(key));
                }
            }
            return Map.copyOf(carried);
        }
    }

    private static final String BUNDLED = "speech-acts.txt";
    private static final Pattern CLAUSE_BREAK =
            Pattern.compile("[,;.!?]|\\b(?:but|just|instead|rather|and then|then)\\b");
    private static final Pattern LEADING_FILLER =
            Pattern.compile("^(?:[\\s,;.!-]|\\b(?:but|just|instead|rather|only|and|then|please|first)\\b)+");

    /** A silence's own span: "for" and one quantity ("for 2 hours"), "until" and the rest of its clause. */
    private static final Pattern OWN_SPAN =
            Pattern.compile("\\bfor\\s+(?:the\\s+)?(?:next\\s+)?(?:an?|one|two|three|\\d+)?\\s*[\\w:]+"
                    + "|\\b(?:until|till|til)\\s+[^,;.!?]*");

    private static final Pattern TOKEN = Pattern.compile("[a-z][a-z']*[a-z]");

    private final Map<Kind, List<Pattern>> patterns;
    /** The words the phrasings are written in, of four letters or more: what a typo is repaired to. */
    private final List<String> phraseWords;
    /** Words operators use (the phrasings', the few-shot pool's, the templates'): never taken for a typo. */
    private final Set<String> known;

    private SpeechActs(Map<Kind, List<Pattern>> patterns, Set<String> known) {
        this.patterns = patterns;
        Set<String> words = new TreeSet<>();
        Set<String> all = new HashSet<>(known);
        for (List<Pattern> ps : patterns.values()) {
            for (Pattern p : ps) {
                Set<String> literal = literalWords(p.pattern());
                all.addAll(literal);
                literal.stream().filter(w -> w.replace("'", "").length() >= 4).forEach(words::add);
            }
        }
        // In sorted order: ties are broken by the order the words are tried in, and Set.copyOf's order changes from run
        // to run, which would change the repaired text, the training data, and the model's fingerprint with it.
        this.phraseWords = List.copyOf(words);
        this.known = Set.copyOf(all);
    }

    /**
     * The literal words of a regex ("should", "don't", "hey"), without its escapes ({@code \b},
     * {@code \s}) and without stems that a {@code \w*} completes ("approv"), which are no words.
     */
    static Set<String> literalWords(String regex) {
        String src =
                regex.replaceAll("[a-z']+\\\\w[*+]", " ").replace("'?", "'").replaceAll("\\\\[a-zA-Z]", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = TOKEN.matcher(src);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The phrasings shipped in this jar. */
    public static SpeechActs bundled() {
        try (InputStream in = SpeechActs.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED + " is missing from sco-chat");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), knownWords());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    /** The words of the few-shot pool and of the corpus templates: how operators write when they do not mistype. */
    private static Set<String> knownWords() throws IOException {
        Set<String> out = new HashSet<>();
        for (String resource : List.of("intents.txt", UtteranceGenerator.RESOURCE)) {
            try (InputStream in = SpeechActs.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + resource + " is missing from sco-chat");
                }
                Matcher m =
                        TOKEN.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }

    static SpeechActs parse(String text) {
        return parse(text, Set.of());
    }

    static SpeechActs parse(String text, Set<String> known) {
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
                kind = Kind.valueOf(line.substring(0, tab).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        BUNDLED + ":" + n + ": unknown kind '" + line.substring(0, tab) + "'", e);
            }
            out.get(kind).add(Pattern.compile(line.substring(tab + 1).strip()));
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return new SpeechActs(out, known);
    }

    /**
     * Repairs mistyped words of the phrasings ("shoould", "wolud", "sfae", "dno't", "anyhting") so
     * the rules read what was meant; typed fast, the small words that decide the act are the ones
     * most often misspelt, and a rule that misses "shoud i restart" lets a question act. A word is
     * repaired only when it is no word operators use ({@code known}) and one edit (a dropped,
     * added or swapped letter; a changed letter only in words of five or more) from a word of the
     * phrasings, preferring the other edits to a change; of several nearest words, the one that
     * makes some phrasing match. Three-letter words are repaired only by a dropped letter ("evn",
     * "dwn", "ned").
     */
    public String repair(String lower) {
        Matcher m = TOKEN.matcher(lower);
        StringBuilder out = new StringBuilder(lower.length());
        while (m.find()) {
            List<String> nearest = nearest(m.group());
            String chosen = m.group();
            if (nearest.size() == 1) {
                chosen = nearest.get(0);
            } else if (nearest.size() > 1) {
                // "dwn" is one letter from "down" and from "dawn": the one that makes a phrasing match the sentence is
                // meant.
                String head = lower.substring(0, m.start());
                String tail = lower.substring(m.end());
                int before = matchingPhrasings(lower);
                List<String> fitting = nearest.stream()
                        .filter(w -> matchingPhrasings(head + w + tail) > before)
                        .toList();
                // "do'nt" is as near "don't" as "dont": one word spelt two ways is no ambiguity.
                boolean oneWord =
                        fitting.stream().map(w -> w.replace("'", "")).distinct().count() == 1;
                chosen = !fitting.isEmpty() && oneWord ? fitting.get(0) : chosen;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(chosen));
        }
        m.appendTail(out);
        return out.toString();
    }

    private int matchingPhrasings(String text) {
        int n = 0;
        for (List<Pattern> ps : patterns.values()) {
            for (Pattern p : ps) {
                n += p.matcher(text).find() ? 1 : 0;
            }
        }
        return n;
    }

    /** The phrasing words at the least edit cost from a word no operator writes; none for a known word. */
    private List<String> nearest(String word) {
        if (word.length() < 3 || known.contains(word) || inflected(word)) {
            return List.of();
        }
        List<String> best = new ArrayList<>();
        int bestCost = Integer.MAX_VALUE;
        for (String w : phraseWords) {
            int cost = editCost(word, w);
            if (cost < bestCost) {
                best.clear();
                bestCost = cost;
            }
            if (cost == bestCost && cost < Integer.MAX_VALUE) {
                best.add(w);
            }
        }
        return best;
    }

    /** "cycled", "vetoes", "nixing": a phrasing word inflected is a word, not a typo of it ("cycled" is no "cycle"). */
    private boolean inflected(String word) {
        for (String w : phraseWords) {
            String stem = w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
            if (word.startsWith(stem)
                    && List.of("d", "ed", "s", "es", "ing")
                            .contains(word.substring(Math.min(word.length(), stem.length())))
                    && !word.equals(w)) {
                return true;
            }
        }
        return false;
    }

    /** 1 for a dropped, added or swapped letter, 2 for a changed one (in words of five or more), else no repair. */
    private static int editCost(String word, String target) {
        int lw = word.length();
        int lt = target.length();
        if (lw == 3) {
            return lt == 4 && Misspellings.withinOneEdit(word, target) ? 1 : Integer.MAX_VALUE;
        }
        if (lw != lt) {
            return Math.abs(lw - lt) == 1 && Misspellings.withinOneEdit(word, target) ? 1 : Integer.MAX_VALUE;
        }
        if (Misspellings.adjacentSwap(word, target)) {
            return 1;
        }
        return lw >= 5 && Misspellings.withinOneEdit(word, target) ? 2 : Integer.MAX_VALUE;
    }

    /**
     * The text without the greetings and discourse markers it opens with ("hey bot, ok so restart
     * nginx" → "restart nginx"), so rules anchored at the start read the request itself, and "ok so
     * don't restart it" is not taken for an "ok". Nothing is removed when nothing would remain.
     */
    public String withoutOpening(String lower) {
        String text = lower.strip();
        for (int guard = 0; guard < 6; guard++) {
            String before = text;
            for (Pattern p : patterns.get(Kind.FILLER)) {
                Matcher m = p.matcher(text);
                if (m.lookingAt() && m.end() > 0 && !text.substring(m.end()).isBlank()) {
                    text = text.substring(m.end()).strip();
                }
            }
            if (text.equals(before)) {
                break;
            }
        }
        return text;
    }

    /**
     * True when an action is asked for later ("tomorrow at 3am", "in two hours"). The span an
     * action lasts ("silence it for 2h", "until 9am tomorrow") is removed first: it says how long,
     * not when, so "mute X until tomorrow" acts now and "mute X for 1h tomorrow at 3am" is for later.
     */
    public boolean asksForLater(String lower) {
        return matches(Kind.SCHEDULED, OWN_SPAN.matcher(lower).replaceAll(" "));
    }

    /** The text without its times to act ("in 10 minutes", "tomorrow at 3am"): what would be done, not when. */
    public String withoutSchedule(String lower) {
        String out = lower;
        for (Pattern p : patterns.get(Kind.SCHEDULED)) {
            out = p.matcher(out).replaceAll(" ");
        }
        return out.replaceAll("\\s+", " ").strip();
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
     * not a request for later, not an unsupported change, not an instruction found in data, not
     * any other question (mistyped words repaired, openings such as "hey" skipped first). The
     * LLM engine's mutating tools propose only when this holds.
     */
    public boolean mayAskForActionNow(String lower) {
        String rest = withoutOpening(scope(withoutOpening(repair(lower))).remaining());
        return !rest.isBlank()
                && first(
                                rest,
                                Kind.DATA,
                                Kind.UNSUPPORTED,
                                Kind.PAST,
                                Kind.READINESS,
                                Kind.SCHEDULED,
                                Kind.HOWTO,
                                Kind.HYPOTHETICAL,
                                Kind.ABILITY,
                                Kind.QUESTION)
                        .isEmpty();
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
        return new Scoped(
                LEADING_FILLER.matcher(text).replaceFirst("").strip(),
                dropped.toString().strip());
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
                    // "no, cancel that": the whole message is the decision, nothing follows it; but "restart the
                    // worker... never mind" withdraws the request before it, and nothing is left.
                    if (head.split("\\s+").length <= 2) {
                        return text;
                    }
                    dropped.append(head).append(' ');
                    return "";
                }
                dropped.append(head).append(' ');
                return tail;
            }
            // At the start: its own clause goes ("never mind the restart, ..."); a bare "never mind" stays for the
            // classifier.
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
