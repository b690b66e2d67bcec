package io.smartcloudops.chat.internal.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs one-edit typos of the deployment's own words ("wrker", "ngix", "jaava", "monn-1",
 * "tomorrwo") with no hand-written list: the words to repair towards are those of the data (the
 * few-shot pool and the slot lists of the generated corpus), and a word counts as mistyped only
 * when the MiniLM tokenizer's vocabulary (30,522 word pieces of English text) does not hold it
 * whole, so an everyday word one edit from a deployment word ("worked", "stats", "hour") is never
 * touched. A word is replaced by the lexicon word within one edit that the data uses most (the
 * pool holds a few typos of its own, each used once); when two are used equally often, or when a
 * common English word is as near ("kock" is one edit from "kick" but also from "knock" and "lock"),
 * the word stays: it is not plainly a typo of ours. The vocabulary's ids follow the frequency of
 * its words in the model's training text, so "common" is an id below {@link #COMMON}; rarer words
 * ("nix" beside "ngix") do not block a repair. A contraction without its apostrophe ("dont",
 * "whats") is the data's word, not a typo. Only words of four letters or more are read: shorter
 * ones have too many neighbours.
 *
 * <p>{@link Misspellings} runs first and keeps its own repairs; this catches what its fixed list
 * does not know, chiefly the slot values that the rule-based extractor would otherwise miss.
 */
final class DomainSpelling {

    /** The tokenizer file of the bundled MiniLM model, at the root of its jar. */
    static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private static final Pattern WORD = Pattern.compile("\\b[a-z]{4,}\\b");
    private static final Pattern LEXICON_WORD = Pattern.compile("[a-z]+(?:'[a-z]+)?");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    /** About the 8,000 most frequent whole words of the vocabulary (ids start at 1,996 after the pieces). */
    static final int COMMON = 10_000;

    private static final Pattern VOCAB_ENTRY = Pattern.compile("\"([a-z]+)\":\\s*(\\d+)");

    private final Set<String> english;
    private final Set<String> known;
    private final Map<String, Integer> uses;

    private DomainSpelling(Map<String, Integer> vocabulary, Collection<String> texts) {
        Map<String, Integer> counted = new HashMap<>();
        for (String t : texts) {
            Matcher m = LEXICON_WORD.matcher(t.toLowerCase(Locale.ROOT));
            while (m.find()) {
                String w = m.group().replace("'", "");
                if (w.length() >= 3) {
                    counted.merge(w, 1, Integer::sum);
                }
            }
        }
        this.uses = Map.copyOf(counted);
        Set<String> common = new HashSet<>();
        vocabulary.forEach((w, id) -> {
            if (id < COMMON) {
                common.add(w);
            }
        });
        this.english = Set.copyOf(common);
        Set<String> all = new HashSet<>(vocabulary.keySet());
        all.addAll(counted.keySet());
        this.known = Set.copyOf(all);
    }

    /** A repairer towards the words of {@code texts}, reading the tokenizer vocabulary from the model's jar. */
    static DomainSpelling of(Collection<String> texts) {
        return of(tokenizerWords(), texts);
    }

    /** A repairer towards the words of {@code texts}, with {@code vocabulary} (word to id) as the English it spares. */
    static DomainSpelling of(Map<String, Integer> vocabulary, Collection<String> texts) {
        return new DomainSpelling(vocabulary, texts);
    }

    /** The whole words (no {@code ##} pieces) of the tokenizer vocabulary with their ids; empty when the model jar is absent. */
    static Map<String, Integer> tokenizerWords() {
        try (InputStream in = DomainSpelling.class.getResourceAsStream(TOKENIZER)) {
            if (in == null) {
                return Map.of();
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int vocab = json.indexOf("\"vocab\"");
            Map<String, Integer> out = new HashMap<>();
            Matcher m = VOCAB_ENTRY.matcher(json);
            m.region(Math.max(vocab, 0), json.length());
            while (m.find()) {
                out.put(m.group(1), Integer.valueOf(m.group(2)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MiniLM tokenizer vocabulary", e);
        }
    }

    /** The lower-case text with each mistyped deployment word replaced by the one lexicon word it is an edit from. */
    String correct(String lower) {
        if (english.isEmpty()) {
            // Without the vocabulary (no model jar) every English word would look mistyped: repair nothing.
            return lower;
        }
        Matcher m = WORD.matcher(lower);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String w = m.group();
            if (known.contains(w) || inflected(w)) {
                continue;
            }
            String repaired = nearest(w);
            if (repaired != null) {
                if (out == null) {
                    out = new StringBuilder(lower.length());
                }
                out.append(lower, last, m.start()).append(repaired);
                last = m.end();
            }
        }
        return out == null ? lower : out.append(lower, last, lower.length()).toString();
    }

    /** "cycled" is the lexicon's "cycle" in the past tense, a word in its own right and no typo of it. */
    private boolean inflected(String w) {
        for (String suffix : new String[] {"d", "ed", "s", "es", "ing"}) {
            if (w.endsWith(suffix)) {
                String stem = w.substring(0, w.length() - suffix.length());
                if (uses.containsKey(stem) || suffix.equals("ing") && uses.containsKey(stem + "e")) {
                    return true;
                }
            }
        }
        return false;
    }

    private String nearest(String w) {
        String found = null;
        boolean tied = false;
        for (String candidate : oneEditAway(w)) {
            if (!uses.containsKey(candidate)) {
                if (english.contains(candidate)) {
                    return null; // a common English word is as near: not plainly a typo of ours
                }
            } else {
                int c = uses.get(candidate);
                int best = found == null ? 0 : uses.get(found);
                if (c > best) {
                    found = candidate;
                    tied = false;
                } else if (c == best) {
                    tied = true;
                }
            }
        }
        return tied ? null : found;
    }

    /** Every string one deletion, adjacent swap, substitution or insertion away from {@code w}. */
    private static Set<String> oneEditAway(String w) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i <= w.length(); i++) {
            String head = w.substring(0, i);
            if (i < w.length()) {
                out.add(head + w.substring(i + 1));
                if (i + 1 < w.length()) {
                    out.add(head + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2));
                }
            }
            for (int c = 0; c < LETTERS.length(); c++) {
                out.add(head + LETTERS.charAt(c) + w.substring(i));
                if (i < w.length()) {
                    out.add(head + LETTERS.charAt(c) + w.substring(i + 1));
                }
            }
        }
        out.remove(w);
        return out;
    }
}
