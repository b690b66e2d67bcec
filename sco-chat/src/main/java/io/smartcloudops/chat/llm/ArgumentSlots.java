package io.smartcloudops.chat.llm;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ALERT;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ID;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.INSTANCE_TYPE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LEVEL;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LINES;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.REPLICAS;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SEVERITY;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SPAN;

import io.smartcloudops.chat.internal.nlu.DurationPhrase;
import io.smartcloudops.chat.internal.nlu.SlotExtractor;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the arguments a model passed to a tool into mentions under the offline engine's neutral keys,
 * normalised by its vocabulary: "PostgreSQL" becomes {@code postgres}, "app-1" becomes {@code app},
 * "last 2 hours" or "PT2H" becomes {@code PT2H}. Arguments come from the model and so are untrusted:
 * what the vocabulary does not know is kept only when it is a plain token, otherwise dropped.
 */
final class ArgumentSlots {

    /** Names, numbers and spans in words; anything with shell or markup characters is not an argument. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N} ._@:+-]{1,80}");

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9_.@-]{0,63}");
    private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
    private static final int MAX_COUNT = 1000;

    private ArgumentSlots() {}

    /** Arguments keyed by neutral mention keys ({@link SlotExtractor} constants); nulls and blanks are skipped. */
    static Map<String, Object> normalise(Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        arguments.forEach((key, raw) -> {
            if (raw == null || raw.toString().isBlank()) {
                return;
            }
            value(key, raw).ifPresent(v -> out.put(key, v));
        });
        return Map.copyOf(out);
    }

    private static Optional<Object> value(String key, Object raw) {
        String text = raw.toString().strip();
        if (!PLAIN.matcher(text).matches()) {
            // "nginx; rm -rf /" names nginx, but no one asks for a service that way.
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (key) {
            case SERVICE -> known(SERVICE, lower).or(() -> token(lower));
            case HOST -> known(HOST, lower).or(() -> known(HOST, "on " + lower)).or(() -> token(lower));
            case METRIC -> known(METRIC, lower.replace('_', ' '));
            case LEVEL -> known(LEVEL, lower);
            case SEVERITY -> known(SEVERITY, lower);
            case INSTANCE_TYPE -> known(INSTANCE_TYPE, lower);
            case ALERT ->
                known(ALERT, lower.replace('_', ' '))
                        .or(() -> ALERT_NAME.matcher(text).matches() ? Optional.of(text) : Optional.empty());
            case ID -> IDENTIFIER.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
            case SPAN -> span(text);
            case LINES, REPLICAS -> count(raw);
            default -> Optional.empty();
        };
    }

    private static Optional<Object> known(String key, String text) {
        return Optional.ofNullable(SlotExtractor.extract(text).get(key));
    }

    private static Optional<Object> token(String lower) {
        return TOKEN.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }

    private static Optional<Object> span(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("P")) {
            try {
                Duration d = Duration.parse(upper);
                return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(DurationPhrase.iso(d));
            } catch (DateTimeParseException e) {
                // not ISO-8601; read it as words below
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return DurationPhrase.find(lower)
                .or(() -> DurationPhrase.find("last " + lower))
                .map(DurationPhrase::iso);
    }

    private static Optional<Object> count(Object raw) {
        try {
            long n = raw instanceof Number number
                    ? number.longValue()
                    : Long.parseLong(raw.toString().strip());
            return n >= 1 && n <= MAX_COUNT ? Optional.of((int) n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
