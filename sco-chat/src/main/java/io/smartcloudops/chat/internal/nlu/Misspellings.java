package io.smartcloudops.chat.internal.nlu;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs one-keystroke typos of the deployment's own words ("ngnix", "postgress", "memroy",
 * "restrat", "anomolies") before anything else reads the text. Operators type fast in chat; a
 * misspelt service name would otherwise lose its slot, and a misspelt verb its intent cue, while the
 * sentence embedding barely notices either. Only words of five letters or more are repaired, to one
 * word of a small fixed list at Damerau-Levenshtein distance one, and never a word that is merely an
 * inflection of a listed one ("approved", "restarts"), so ordinary English is left alone. Words
 * whose near neighbours are everyday words ("stats" → status, "fixing" → firing, "worked" →
 * worker) are deliberately not listed.
 */
final class Misspellings {

    /** Names do not inflect: "postgress" is a typo of postgres, not its plural. */
    private static final List<String> NAMES = List.of("nginx", "postgres", "postgresql", "redis", "grafana", "prometheus");

    private static final List<String> WORDS = List.of(
            "exporter", "memory", "latency", "network", "inbound", "outbound", "average", "requests", "throughput",
            "restart", "reboot", "bounce", "replicas", "instances", "capacity", "health", "healthy", "reachable",
            "anomaly", "anomalies", "anomalous", "forecast", "predict", "alerts", "alerting",
            "silence", "snooze", "approve", "reject", "cancel", "history", "monitoring");

    private static final Pattern WORD = Pattern.compile("[a-z][a-z_]{4,}");

    private Misspellings() {
    }

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
        if (NAMES.contains(word)) {
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
                return true;  // substitution
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));  // swap
        }
        return la > lb ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
    }
}
