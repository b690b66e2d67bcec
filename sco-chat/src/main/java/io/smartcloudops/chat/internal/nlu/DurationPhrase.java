package io.smartcloudops.chat.internal.nlu;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a time span from text ("past 30m", "next 24 hours", "for a day", "90 min", "1h30m") and
 * writes it in the canonical ISO-8601 form of the slot conventions: whole days as {@code PnD},
 * anything else as {@code PTnHnM}. Vague phrases ("overnight", "lately") are not spans.
 */
public final class DurationPhrase {

    private static final String UNIT = "(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|fortnights?|months?)";
    private static final Pattern COMPOUND = Pattern.compile(
            "(?<![\\w.-])(\\d{1,4})\\s*(?:h|hrs?|hours?)\\s*(?:and\\s*)?(\\d{1,4})\\s*(?:m|mins?|minutes?)(?!\\w)");
    private static final Pattern HALF_HOUR = Pattern.compile("(?<!\\w)half (?:an? )?hour(?!\\w)");
    /** "an hour and a half", "2 and a half hours", "3 hours and a half". */
    private static final Pattern AND_A_HALF = Pattern.compile(
            "(?<![\\w.-])(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\\s+(?:(hours?|days?)\\s+and a half|and a half\\s+(hours?|days?))(?!\\w)");

    private static final Pattern AMOUNT =
            Pattern.compile("(?<![\\w.#-])(" + NumberWords.ALTERNATIVES + "|\\d+\\.\\d+)\\s*-?\\s*" + UNIT + "(?!\\w)");
    private static final Pattern BARE_UNIT = Pattern.compile(
            "(?<!\\w)(?:last|past|next|nxt|previous|prior|coming|within the|in the|over the|for the|upcoming)\\s+"
                    + "(minute|hour|day|week|fortnight|month)(?!\\w)");

    private DurationPhrase() {}

    /** The first time span in lower-cased text, if any. */
    public static Optional<Duration> find(String lower) {
        Matcher c = COMPOUND.matcher(lower);
        if (c.find()) {
            return Optional.of(Duration.ofHours(Long.parseLong(c.group(1))).plusMinutes(Long.parseLong(c.group(2))));
        }
        Matcher h = AND_A_HALF.matcher(lower);
        if (h.find()) {
            String u = h.group(2) != null ? h.group(2) : h.group(3);
            Optional<Duration> whole = amount(h.group(1).startsWith("a") ? "1" : h.group(1), u);
            if (whole.isPresent()) {
                return Optional.of(whole.get().plus(unit(u, 1).dividedBy(2)));
            }
        }
        if (HALF_HOUR.matcher(lower).find()) {
            return Optional.of(Duration.ofMinutes(30));
        }
        Matcher a = AMOUNT.matcher(lower);
        while (a.find()) {
            Optional<Duration> d = amount(a.group(1), a.group(2));
            if (d.isPresent()) {
                return d;
            }
        }
        Matcher b = BARE_UNIT.matcher(lower);
        if (b.find()) {
            return Optional.of(unit(b.group(1), 1));
        }
        return Optional.empty();
    }

    /** Canonical ISO-8601: {@code P7D} for whole days, else {@code PT1H30M} (seconds only if present). */
    public static String iso(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return "PT0S";
        }
        long seconds = d.toSeconds();
        if (seconds % 86_400 == 0) {
            return "P" + seconds / 86_400 + "D";
        }
        StringBuilder sb = new StringBuilder("PT");
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            sb.append(h).append('H');
        }
        if (m > 0) {
            sb.append(m).append('M');
        }
        if (s > 0) {
            sb.append(s).append('S');
        }
        return sb.toString();
    }

    private static Optional<Duration> amount(String number, String unitWord) {
        if (number.contains(".")) {
            double v = Double.parseDouble(number);
            Duration whole = unit(unitWord, 1);
            return Optional.of(Duration.ofSeconds(Math.round(v * whole.toSeconds())));
        }
        OptionalInt n = NumberWords.parse(number);
        if (n.isEmpty() || n.getAsInt() <= 0) {
            return Optional.empty();
        }
        // "a m" or "an h" are not spans; single-letter units need digits ("30m", "2h").
        if (unitWord.length() == 1 && !Character.isDigit(number.charAt(0))) {
            return Optional.empty();
        }
        return Optional.of(unit(unitWord, n.getAsInt()));
    }

    private static Duration unit(String word, long n) {
        char c = word.charAt(0);
        if (word.startsWith("mo")) {
            return Duration.ofDays(30 * n);
        }
        if (word.startsWith("f")) {
            return Duration.ofDays(14 * n);
        }
        return switch (c) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
