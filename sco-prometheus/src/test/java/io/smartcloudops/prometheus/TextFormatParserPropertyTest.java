package io.smartcloudops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The parser never fails but by ParseException, and reads back exactly what a writer wrote. */
class TextFormatParserPropertyTest {

    @Property(tries = 2_000)
    void arbitraryInputNeverFailsButByParseException(@ForAll String body) {
        try {
            new TextFormatParser().parse(body);
        } catch (TextFormatParser.ParseException expected) {
            assertThat(expected.getMessage()).startsWith("line ");
        }
    }

    @Property(tries = 1_000)
    void mutatedValidPagesNeverFailButByParseException(
            @ForAll("lines") List<TextFormatParser.Line> lines, @ForAll int cut, @ForAll char junk) {
        String page = render(lines);
        if (page.isEmpty()) {
            return;
        }
        int at = Math.floorMod(cut, page.length());
        String mutated = page.substring(0, at) + junk + page.substring(at);
        try {
            new TextFormatParser().parse(mutated);
        } catch (TextFormatParser.ParseException expected) {
            assertThat(expected.getMessage()).startsWith("line ");
        }
    }

    @Property(tries = 500)
    void readsBackWhatWasWritten(@ForAll("lines") List<TextFormatParser.Line> lines) throws Exception {
        List<TextFormatParser.Line> read =
                new TextFormatParser().parse(render(lines)).samples();
        assertThat(read).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(read.get(i).name()).isEqualTo(lines.get(i).name());
            assertThat(read.get(i).labels()).isEqualTo(lines.get(i).labels());
            assertThat(Double.compare(read.get(i).value(), lines.get(i).value()))
                    .isZero();
            assertThat(read.get(i).timestampMillis()).isEqualTo(lines.get(i).timestampMillis());
        }
    }

    @Provide
    Arbitrary<List<TextFormatParser.Line>> lines() {
        Arbitrary<String> names = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('_', ':')
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(s -> !s.startsWith(":"))
                .map(s -> "m" + s);
        Arbitrary<String> labelNames = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('_')
                .ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> labelValues = Arbitraries.strings()
                .all()
                .ofMaxLength(20)
                .filter(s -> s.chars().noneMatch(c -> c == '\r'));
        Arbitrary<Map<String, String>> labels =
                Arbitraries.maps(labelNames, labelValues).ofMaxSize(4).map(LinkedHashMap::new);
        Arbitrary<Double> values = Arbitraries.doubles()
                .withSpecialValue(Double.NaN)
                .withSpecialValue(Double.POSITIVE_INFINITY)
                .withSpecialValue(Double.NEGATIVE_INFINITY)
                .withSpecialValue(-0.0);
        Arbitrary<Long> stamps =
                Arbitraries.longs().between(0, 4_000_000_000_000L).injectNull(0.5);
        return Combinators.combine(names, labels, values, stamps)
                .as(TextFormatParser.Line::new)
                .list()
                .ofMaxSize(20);
    }

    static String render(List<TextFormatParser.Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (TextFormatParser.Line l : lines) {
            sb.append(l.name());
            if (!l.labels().isEmpty()) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, String> e : l.labels().entrySet()) {
                    sb.append(first ? "" : ",")
                            .append(e.getKey())
                            .append("=\"")
                            .append(e.getValue()
                                    .replace("\\", "\\\\")
                                    .replace("\"", "\\\"")
                                    .replace("\n", "\\n"))
                            .append('"');
                    first = false;
                }
                sb.append('}');
            }
            double v = l.value();
            sb.append(' ')
                    .append(
                            Double.isNaN(v)
                                    ? "NaN"
                                    : v == Double.POSITIVE_INFINITY
                                            ? "+Inf"
                                            : v == Double.NEGATIVE_INFINITY
                                                    ? "-Inf"
                                                    : Double.toString(v).replace("E", "e"));
            if (l.timestampMillis() != null) {
                sb.append(' ').append(l.timestampMillis());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
