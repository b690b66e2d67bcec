package io.smartcloudops.chat.internal.nlu;

import io.smartcloudops.chat.internal.nlu.LabelledUtterance.SpeechAct;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Produces a labelled corpus from {@code utterance-templates.txt}: every phrasing of every template
 * family is filled from the slot and paraphrase lists and then roughened the way people type in a
 * chat (typos, lower case, fillers, dropped little words). Deterministic for a seed, so a model
 * trained on it is the same on every start and every test run.
 *
 * <p>The label is the intent that should be answered, derived from the family's topic and speech
 * act as issue #17 asks: anything about the past is {@code audit}; a hypothetical, how-to or ability
 * question about an action is {@code help}; a withdrawn action with nothing left is
 * {@code out_of_scope}.
 */
public final class UtteranceGenerator {

    static final String RESOURCE = "utterance-templates.txt";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}|<(\\w+)>");
    private static final List<String> PREFIXES =
            List.of("hey ", "ok so ", "quick one: ", "yo ", "hi, ", "um ", "so ", "hey bot, ");
    private static final List<String> SUFFIXES =
            List.of(" please", " thanks", " pls", " asap", "?", " thx", " !", " ty");
    private static final Set<String> LITTLE_WORDS = Set.of("the", "a", "me", "please", "for", "is", "of", "on");

    /** A slot list's surface forms with their canonical value. */
    private record Surface(String canonical, String text) {}

    private record Family(String id, Intent topic, SpeechAct act, List<String> phrasings) {}

    private final Map<String, List<Surface>> slotLists = new LinkedHashMap<>();
    private final Map<String, List<String>> paraphrases = new LinkedHashMap<>();
    private final List<Family> families = new ArrayList<>();

    private UtteranceGenerator(List<String> lines) {
        List<Surface> currentSlot = null;
        Family current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("= ")) {
                currentSlot = new ArrayList<>();
                slotLists.put(line.substring(2).strip(), currentSlot);
                current = null;
            } else if (line.startsWith("~ ")) {
                int colon = line.indexOf(':');
                List<String> alts = new ArrayList<>();
                for (String a : line.substring(colon + 1).split("\\|", -1)) {
                    alts.add(a.strip());
                }
                paraphrases.put(line.substring(2, colon).strip(), alts);
                currentSlot = null;
            } else if (line.startsWith("[")) {
                String[] h = line.substring(1, line.length() - 1).strip().split("\\s+");
                Intent topic = Intent.fromLabel(h[1])
                        .orElseThrow(() -> new IllegalArgumentException("unknown intent in " + line));
                current = new Family(h[0], topic, SpeechAct.parse(h[2]), new ArrayList<>());
                families.add(current);
                currentSlot = null;
            } else if (currentSlot != null) {
                int colon = line.indexOf(':');
                String canonical = line.substring(0, colon).strip();
                for (String s : line.substring(colon + 1).split("\\|")) {
                    currentSlot.add(new Surface(canonical, s.strip()));
                }
            } else if (current != null) {
                current.phrasings().add(line);
            } else {
                throw new IllegalArgumentException("line outside any section of " + RESOURCE + ": " + line);
            }
        }
    }

    /** The bundled templates. */
    public static UtteranceGenerator bundled() {
        try (InputStream in = UtteranceGenerator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the sco-chat jar");
            }
            return new UtteranceGenerator(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every surface form of every slot list ("the web box", "p99 response time"): the deployment's words. */
    public List<String> slotSurfaces() {
        return slotLists.values().stream()
                .flatMap(List::stream)
                .map(Surface::text)
                .toList();
    }

    /** The family ids, in file order. */
    public List<String> families() {
        return families.stream().map(Family::id).toList();
    }

    /**
     * About {@code perPhrasing} utterances for each phrasing of each family (fewer when a phrasing
     * has fewer distinct fillings), duplicates within a family removed.
     */
    public List<LabelledUtterance> generate(int perPhrasing, long seed) {
        Random random = new Random(seed);
        List<LabelledUtterance> out = new ArrayList<>();
        for (Family f : families) {
            Set<String> seen = new LinkedHashSet<>();
            Intent answered = answered(f.topic(), f.act());
            for (String phrasing : f.phrasings()) {
                int made = 0;
                for (int i = 0; i < perPhrasing * 3 && made < perPhrasing; i++) {
                    Map<String, Object> mentions = new HashMap<>();
                    String clean = fill(phrasing, mentions, random);
                    String text = roughen(clean, random, i == 0);
                    if (seen.add(text)) {
                        made++;
                        out.add(new LabelledUtterance(
                                text, answered, SlotPolicy.slotsFor(answered, mentions), f.id(), f.act()));
                    }
                }
            }
        }
        return out;
    }

    static Intent answered(Intent topic, SpeechAct act) {
        return switch (act) {
            case PAST -> Intent.AUDIT;
            case HYPOTHETICAL -> Intent.HELP;
            case QUESTION -> topic.isMutating() ? Intent.HELP : topic;
            case NEGATED -> topic.isMutating() ? Intent.OUT_OF_SCOPE : topic;
            case COMMAND -> topic;
        };
    }

    private String fill(String phrasing, Map<String, Object> mentions, Random random) {
        Matcher m = PLACEHOLDER.matcher(phrasing);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                List<Surface> list = slotLists.get(m.group(1));
                if (list == null) {
                    throw new IllegalArgumentException("no slot list " + m.group(1) + " for: " + phrasing);
                }
                Surface s = list.get(random.nextInt(list.size()));
                String key = mentionKey(m.group(1));
                mentions.put(
                        key,
                        key.equals(SlotExtractor.LINES) || key.equals(SlotExtractor.REPLICAS)
                                ? (Object) Integer.valueOf(s.canonical())
                                : s.canonical());
                replacement = s.text();
            } else {
                List<String> list = paraphrases.get(m.group(2));
                if (list == null) {
                    throw new IllegalArgumentException("no paraphrase list " + m.group(2) + " for: " + phrasing);
                }
                replacement = list.get(random.nextInt(list.size()));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

    /** The mention key of a slot list: its name without a trailing digit, rservice and svcname as service. */
    private static String mentionKey(String list) {
        String key = list.replaceAll("\\d+$", "");
        return key.equals("rservice") || key.equals("svcname")
                ? SlotExtractor.SERVICE
                : key.equals("horizon") || key.equals("duration") ? "span" : key;
    }

    /** Chat-style noise; the first filling of each phrasing stays clean so the plain form is always present. */
    static String roughen(String text, Random random, boolean clean) {
        if (clean) {
            return text;
        }
        String s = text;
        if (random.nextDouble() < 0.6) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (random.nextDouble() < 0.25) {
            StringBuilder terse = new StringBuilder();
            for (String w : s.split(" ")) {
                if (!LITTLE_WORDS.contains(w.toLowerCase(Locale.ROOT)) || random.nextDouble() < 0.5) {
                    terse.append(terse.length() == 0 ? "" : " ").append(w);
                }
            }
            s = terse.length() == 0 ? s : terse.toString();
        }
        StringBuilder typed = new StringBuilder();
        for (String w : s.split(" ")) {
            typed.append(typed.length() == 0 ? "" : " ")
                    .append(w.length() > 3 && random.nextDouble() < 0.06 ? typo(w, random) : w);
        }
        s = typed.toString();
        if (random.nextDouble() < 0.2) {
            s = PREFIXES.get(random.nextInt(PREFIXES.size())) + s;
        }
        if (random.nextDouble() < 0.2) {
            s = s + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
        }
        return s;
    }

    private static String typo(String w, Random random) {
        int i = 1 + random.nextInt(w.length() - 2);
        return switch (random.nextInt(3)) {
            case 0 -> w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2); // swapped letters
            case 1 -> w.substring(0, i) + w.substring(i + 1); // a dropped letter
            default -> w.substring(0, i) + w.charAt(i) + w.substring(i); // a doubled letter
        };
    }
}
