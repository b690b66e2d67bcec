package io.smartcloudops.chat.internal.nlu;

import java.util.Map;
import java.util.OptionalInt;

/** Small cardinal numbers as operators type them: digits or words ("three", "a couple of"). */
final class NumberWords {

    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("a", 1),
            Map.entry("an", 1),
            Map.entry("one", 1),
            Map.entry("single", 1),
            Map.entry("two", 2),
            Map.entry("couple", 2),
            Map.entry("a couple of", 2),
            Map.entry("a pair of", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10),
            Map.entry("eleven", 11),
            Map.entry("twelve", 12),
            Map.entry("fifteen", 15),
            Map.entry("twenty", 20),
            Map.entry("thirty", 30),
            Map.entry("forty", 40),
            Map.entry("forty-five", 45),
            Map.entry("fifty", 50),
            Map.entry("sixty", 60),
            Map.entry("ninety", 90),
            Map.entry("hundred", 100),
            Map.entry("a hundred", 100));

    /** Number words that can stand alone as a count ("to five"), without the article forms. */
    static final String COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
            + "thirty|forty-five|forty|fifty|sixty|ninety|hundred";

    /** A regex alternative matching any number this class can read (digits first, longest words first). */
    static final String ALTERNATIVES =
            "\\d{1,6}|a couple of|a pair of|a hundred|" + COUNT_WORDS + "|single|couple|an|a";

    private NumberWords() {}

    static OptionalInt parse(String token) {
        String t = token.trim();
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        if (Character.isDigit(t.charAt(0))) {
            try {
                return OptionalInt.of(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        Integer n = WORDS.get(t);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
