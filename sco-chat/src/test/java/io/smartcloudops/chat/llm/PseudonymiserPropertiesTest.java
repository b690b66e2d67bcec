package io.smartcloudops.chat.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The pseudonymiser's promises on generated text: names, addresses, placeholder-shaped literals (escaped
 * or not, of known and unknown kinds), near-misses and noise, in any order.
 */
class PseudonymiserPropertiesTest {

    private static final List<String> NAMES = List.of("app-1", "mon-1", "nginx", "api", "checkout");

    @Provide
    Arbitrary<String> opsText() {
        return fragment().list().ofMaxSize(25).map(parts -> String.join("", parts));
    }

    /** Fragments apart: glued together, "app-1fe80::1" is one word and names nothing. */
    @Provide
    Arbitrary<String> spacedOpsText() {
        return fragment().list().ofMaxSize(25).map(parts -> String.join(" ", parts));
    }

    private static Arbitrary<String> fragment() {
        return Arbitraries.oneOf(
                Arbitraries.of(NAMES),
                Arbitraries.of(
                        "10.0.1.5", "10.0.1.5:9100", "fe80::1", "i-0abc12345def67890", "db.internal", "ip-10-0-1-7"),
                Arbitraries.of(
                        "<host-1>",
                        "<service-1>",
                        "<\\service-2>",
                        "<\\\\ip-1>",
                        "<HOST-2>",
                        "<instance-7>",
                        "<db-1>",
                        "<host-",
                        "-1>",
                        "<",
                        ">",
                        "\\",
                        "service-1"),
                Arbitraries.of("api-gateway", "nginx_up", "checkouts", "10.0.1.500", "app-10", "NginxDown"),
                Arbitraries.of(" ", ", ", ".", "-", ":", "\"", "\n", "on ", "restart "),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withChars("0123456789 .-:<>\\")
                        .ofMaxLength(8));
    }

    private static Pseudonymiser fresh() {
        return new Pseudonymiser(PseudonymiserTest::catalogue, Pseudonyms.empty());
    }

    @Property(tries = 500)
    void revealUndoesConcealForAnyText(@ForAll("opsText") String text) {
        Pseudonymiser names = fresh();

        assertThat(names.reveal(names.conceal(text))).isEqualTo(text);
    }

    @Property(tries = 500)
    void revealUndoesConcealForArbitraryUnicode(@ForAll String text) {
        Pseudonymiser names = fresh();

        assertThat(names.reveal(names.conceal(text))).isEqualTo(revealedSpelling(text));
    }

    @Property(tries = 500)
    void concealedTextNamesNoKnownName(@ForAll("spacedOpsText") String text) {
        String concealed = fresh().conceal(text).toLowerCase(Locale.ROOT);

        for (String name : NAMES) {
            assertThat(concealed).doesNotContainPattern("(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-])");
        }
        assertThat(concealed).doesNotContain("10.0.1.5:", "fe80::1", "i-0abc12345def67890", "db.internal");
    }

    @Property(tries = 200)
    void oneSessionConcealsTheSameTextTheSameWayEveryTime(
            @ForAll("opsText") String first, @ForAll("opsText") String second) {
        Pseudonymiser names = fresh();
        String once = names.conceal(first);
        names.conceal(second);

        assertThat(names.conceal(first)).isEqualTo(once);
    }

    /** Arbitrary Unicode may spell a known name in another case; it comes back in the catalogue's spelling. */
    private static String revealedSpelling(String text) {
        String out = text;
        for (String name : NAMES) {
            out = out.replaceAll("(?iu)(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-])", name);
        }
        return out;
    }
}
