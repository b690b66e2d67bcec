package io.smartcloudops.api.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sco-api's Javadoc examples are the compiled ones beside this test, so an example that stops compiling breaks the
 * build, and one edited on one side only fails here. Paths are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    // The examples written below mark regions with "<>" so that this file holds none itself.
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> EXAMPLES =
            List.of(Path.of("src/test/java/io/smartcloudops/api/examples"), Path.of("src/test/resources/examples"));

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }

    @Test
    void namesTheFileAndTheFirstDifferingLine(@TempDir Path dir) throws IOException {
        Path source = write(dir.resolve("main/Thing.java"), """
                /**
                 * A thing.
                 *
                 * <pre>{@code
                 * Thing t = Thing.of(1);
                 * t.grow();
                 * }</pre>
                 */
                public final class Thing {
                """);
        Path examples = write(dir.resolve("examples/ThingExamples.java"), """
                class ThingExamples {
                    void thing() {
                        <> tag::Thing[]
                        Thing t = Thing.of(1);
                        t.shrink();
                        <> end::Thing[]
                    }
                }
                """.replace("<>", "//"));

        List<String> problems = JavadocExamples.problems(
                JavadocExamples.javadocBlocks(source.getParent()),
                JavadocExamples.regions(List.of(examples.getParent())));

        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith(source + ":6: example Thing differs from " + examples + ":5 at its line 2")
                .contains("javadoc:  t.grow();", "compiled: t.shrink();");
    }

    @Test
    void failsForAnExampleWithoutRegionAndARegionWithoutExample(@TempDir Path dir) throws IOException {
        Path source = write(dir.resolve("main/Thing.java"), """
                public final class Thing {
                    /**
                     * <pre>{@code
                     * Thing.of(1);
                     * }</pre>
                     */
                    public static Thing of(int size) {
                """);
        Path examples = write(dir.resolve("examples/things.txt"), """
                <> tag::Thing[]
                Thing.of(1);
                <> end::Thing[]
                """.replace("<>", "#"));

        List<String> problems = JavadocExamples.problems(
                JavadocExamples.javadocBlocks(source.getParent()),
                JavadocExamples.regions(List.of(examples.getParent())));

        assertThat(problems)
                .containsExactly(
                        source
                                + ":4: example Thing.of has no compiled region; tag it with // tag::Thing.of[] and // end::Thing.of[]"
                                + " in the examples",
                        examples + ":2: region Thing is no Javadoc example; remove it or put its example back");
    }

    @Test
    void numbersFurtherExamplesOfOneComment(@TempDir Path dir) throws IOException {
        Path source = write(dir.resolve("main/Thing.java"), """
                /**
                 * <pre>{@code
                 * first();
                 * }</pre>
                 * <pre>{@code
                 *     second();
                 * }</pre>
                 */
                @Deprecated
                interface Thing {
                """);

        Map<String, List<String>> blocks = JavadocExamples.javadocBlocks(source.getParent()).stream()
                .collect(Collectors.toMap(JavadocExamples.Block::name, JavadocExamples.Block::lines));

        assertThat(blocks)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("Thing", List.of("first();"), "Thing-2", List.of("second();")));
    }

    @Test
    void refusesARegionThatIsNeverClosed(@TempDir Path dir) throws IOException {
        Path examples = write(dir.resolve("examples/X.java"), """
                <> tag::X[]
                x();
                """.replace("<>", "//"));

        assertThatThrownBy(() -> JavadocExamples.regions(List.of(examples.getParent())))
                .hasMessageContaining("region X has no end::X[]");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
