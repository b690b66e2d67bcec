package io.smartcloudops.chat.internal.nlu;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs one-keystroke typos of the deployment's own words ("ngnix", "postgress", "memroy",
 * "restrat", "anomolies") before anything else reads the text. Operators type fast in chat; a
 * misspelt service name would otherwise lose its slot, and a misspelt verb its word evidence, while the
 * sentence embedding barely notices either. Only words of five letters or more are repaired, to one
 * word of a small fixed list at Damerau-Levenshtein distance one, and never a word that is merely an
 * inflection of a listed one ("approved", "restarts"), so ordinary English is left alone. Words
 * whose near neighbours are everyday words ("stats" → status, "fixing" → firing, "worked" →
 * worker) are deliberately not listed.
 *
 * <p>Shorter command words ("logs", "help", "status") have too many everyday neighbours for that
 * rule ("hell", "stats"), so they are repaired only from an adjacent swap of two letters ("lgos",
 * "hlep", "statsu"): a swap keeps every letter, and none of the swaps of these words is itself an
 * English word. A few of them are also repaired from one dropped letter ("staus"), except where the
 * shortened word is an everyday one ("stats").
 */
final class Misspellings {

    /** Names do not inflect: "postgress" is a typo of postgres, not its plural. */
    private static final List<String> NAMES =
            List.of("nginx", "postgres", "postgresql", "redis", "grafana", "prometheus");

    private static final List<String> WORDS = List.of(
            "exporter",
            "memory",
            "latency",
            "network",
            "inbound",
            "outbound",
            "average",
            "requests",
            "throughput",
            "restart",
            "reboot",
            "bounce",
            "replicas",
            "instances",
            "capacity",
            "health",
            "healthy",
            "reachable",
            "anomaly",
            "anomalies",
            "anomalous",
            "forecast",
            "predict",
            "alerts",
            "alerting",
            "silence",
            "snooze",
            "approve",
            "reject",
            "cancel",
            "history",
            "monitoring",
            "monitor",
            "processor",
            "traffic",
            "service",
            "healthcheck");

    /**
     * Command words also repaired from one dropped letter ("staus", "alrt"), which the swap rule
     * misses. A shortening that is itself an everyday word ("stats", "sale") is left alone.
     */
    private static final List<String> DROPPABLE = List.of("status", "alert", "scale");

    private static final Set<String> EVERYDAY = Set.of("stats", "sale");

    /**
     * Command words repaired only from a swap of two adjacent letters. A word whose swaps include an
     * English word ("cpu" → "cup", "tail" → "tali") is not listed.
     */
    private static final List<String> SWAPPABLE = List.of(
            "status", "help", "logs", "scale", "audit", "ping", "disk", "kick", "mute", "deny", "grep", "load", "alert",
            "worker", "node", "java");

    private static final Pattern WORD = Pattern.compile("[a-z][a-z_]{2,}");

    private Misspellings() {}

    /** The text with repairable words replaced by their listed spelling, lower-cased. */
    static String correct(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher m = WORD.matcher(lower);
        StringBuilder out = new StringBuilder(lower.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(repair(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String repair(String word) {
        for (String w : SWAPPABLE) {
            if (adjacentSwap(word, w)) {
                return w;
            }
        }
        for (String w : DROPPABLE) {
            if (word.length() + 1 == w.length() && !EVERYDAY.contains(word) && withinOneEdit(word, w)) {
                return w;
            }
        }
        if (word.length() < 5 || NAMES.contains(word)) {
            return word;
        }
        for (String w : WORDS) {
            if (word.equals(w) || word.startsWith(w) || w.startsWith(word)) {
                return word;
            }
        }
        for (String w : NAMES) {
            if (Math.abs(w.length() - word.length()) <= 1 && withinOneEdit(word, w)) {
                return w;
            }
        }
        for (String w : WORDS) {
            if (Math.abs(w.length() - word.length()) <= 1 && withinOneEdit(word, w)) {
                return w;
            }
        }
        return word;
    }

    /** True when {@code a} is {@code b} with exactly one pair of adjacent, different letters swapped. */
    static boolean adjacentSwap(String a, String b) {
        if (a.length() != b.length() || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i + 1 < a.length()
                && a.charAt(i) == b.charAt(i + 1)
                && a.charAt(i + 1) == b.charAt(i)
                && a.substring(i + 2).equals(b.substring(i + 2));
    }

    /** Damerau-Levenshtein distance at most one: one insertion, deletion, substitution or adjacent swap. */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == la && i == lb) {
            return true;
        }
        if (la == lb) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true; // substitution
            }
            return i + 1 < la
                    && a.charAt(i) == b.charAt(i + 1)
                    && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2)); // swap
        }
        return la > lb
                ? a.substring(i + 1).equals(b.substring(i))
                : a.substring(i).equals(b.substring(i + 1));
    }
}
