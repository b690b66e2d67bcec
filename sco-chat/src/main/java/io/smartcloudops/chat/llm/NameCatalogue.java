package io.smartcloudops.chat.llm;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What counts as an identifying name in text bound for the model: the deployment's known host and
 * service names (matched whole, case-insensitively), and anything shaped like an IP address, a cloud
 * instance id or a private DNS name, known or not. Immutable; {@link DeploymentNames} builds a new one
 * when it learns a name.
 *
 * <p>Known names match only as whole tokens: {@code api} in {@code api-gateway}, {@code nginx} in the
 * metric {@code nginx_http_requests_total} or the alert {@code NginxDown} are not the service.
 * Metric names, alert names, approval and anomaly ids are the engine's vocabulary and stay readable.
 */
final class NameCatalogue {

    /** One name and its kind, in the spelling the ops data uses. */
    record Name(String spelling, NameKind kind) {}

    /** A shape that is a name whether or not the deployment reported it. */
    private record Detector(Pattern whole, String bounded, NameKind kind) {
        static Detector of(String core, String before, String after, NameKind kind) {
            return new Detector(
                    Pattern.compile(core, Pattern.CASE_INSENSITIVE), before + "(?:" + core + ")" + after, kind);
        }
    }

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String HEX = "[0-9a-f]{1,4}";

    private static final List<Detector> DETECTORS = List.of(
            // A port stays outside the name: 10.0.1.5:9100 and 10.0.1.5 are one address to the model.
            Detector.of(OCTET + "(?:\\." + OCTET + "){3}", "(?<![\\w.])", "(?![\\w]|\\.\\d)", NameKind.IP),
            Detector.of(
                    "(?:" + HEX + ":){7}" + HEX + "|(?:" + HEX + ":){1,6}:(?:" + HEX + "(?::" + HEX + "){0,5})?"
                            + "|::(?:" + HEX + ":){0,5}" + HEX,
                    "(?<![\\w:])",
                    "(?![\\w:])",
                    NameKind.IP),
            Detector.of("i-[0-9a-f]{8}(?:[0-9a-f]{9})?", "(?<![\\w-])", "(?![\\w-])", NameKind.INSTANCE),
            // EC2's default host names spell the address: ip-10-0-1-5, optionally with a region domain.
            Detector.of(
                    "ip-" + OCTET + "(?:-" + OCTET + "){3}(?:\\.[a-z0-9-]+)*",
                    "(?<![\\w.-])",
                    "(?![\\w-])",
                    NameKind.HOST),
            // Names under private suffixes are infrastructure by definition; public domains are left alone.
            Detector.of(
                    "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
                            + "\\.(?:internal|local|localdomain|lan|corp|intra|intranet|home\\.arpa)",
                    "(?<![\\w.-])",
                    "(?![\\w-])",
                    NameKind.HOST));

    /** Characters a name may hold; anything else (quotes, brackets, control characters) is not a name we track. */
    private static final Pattern NAME_CHARS = Pattern.compile("[\\p{L}\\p{N}._:@/+-]{2,128}");

    private static final Pattern HAS_LETTER = Pattern.compile(".*\\p{L}.*");

    private final Map<String, Name> known;
    private final String regex;

    private NameCatalogue(Map<String, Name> known) {
        this.known = Map.copyOf(known);
        String names = known.values().stream()
                .map(Name::spelling)
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        StringBuilder sb = new StringBuilder();
        if (!names.isEmpty()) {
            // Known names first: at one position the deployment's own kind beats a shape's.
            sb.append("(?<![\\w.-])(?:").append(names).append(")(?![\\w-])|");
        }
        sb.append(DETECTORS.stream().map(Detector::bounded).collect(Collectors.joining("|")));
        this.regex = "(?iu:" + sb + ")";
    }

    /** A catalogue of these names; names that are not trackable (see {@link #trackable}) are skipped. */
    static NameCatalogue of(Map<String, NameKind> names) {
        Map<String, Name> known = new LinkedHashMap<>();
        names.forEach((spelling, kind) -> {
            if (trackable(spelling) && !shaped(spelling)) {
                known.putIfAbsent(spelling.toLowerCase(Locale.ROOT), new Name(spelling, kind));
            }
        });
        return new NameCatalogue(known);
    }

    static NameCatalogue empty() {
        return of(Map.of());
    }

    /**
     * Whether a label value can be tracked as a known name: two to 128 name characters with a letter.
     * Bare numbers are not names (they would hide every count), and a name with quotes or brackets
     * could not be found again inside the JSON that carries it.
     */
    static boolean trackable(String value) {
        return value != null
                && NAME_CHARS.matcher(value).matches()
                && HAS_LETTER.matcher(value).matches();
    }

    /** True when a detector already recognises the whole value, so it need not be listed. */
    static boolean shaped(String value) {
        return DETECTORS.stream().anyMatch(d -> d.whole().matcher(value).matches());
    }

    /** The regular expression finding every name, with no capturing groups, for the pseudonymiser to embed. */
    String regex() {
        return regex;
    }

    /** The known name or shape a match of {@link #regex()} is, in the catalogue's spelling. */
    Optional<Name> identify(String matched) {
        Name name = known.get(matched.toLowerCase(Locale.ROOT));
        if (name != null) {
            return Optional.of(name);
        }
        return DETECTORS.stream()
                .filter(d -> d.whole().matcher(matched).matches())
                .findFirst()
                .map(d -> new Name(matched, d.kind()));
    }

    int size() {
        return known.size();
    }
}
