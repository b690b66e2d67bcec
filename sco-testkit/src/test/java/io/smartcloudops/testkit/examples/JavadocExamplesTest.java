package io.smartcloudops.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.smartcloudops.api.examples.JavadocExamples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sco-testkit's Javadoc examples are the plugin tests beside this one ({@code MyStoreTest}, {@code MyActionTest},
 * {@code MyDetectorTest}), which run the contracts against the examples' own plugins; checked with sco-api's
 * checker. Paths are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> EXAMPLES = List.of(Path.of("src/test/java/io/smartcloudops/testkit/examples"));

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        List<JavadocExamples.Block> javadoc = JavadocExamples.javadocBlocks(SOURCES);
        assertThat(javadoc).as("<pre>{@code} examples under %s", SOURCES.toAbsolutePath()).isNotEmpty();

        List<String> problems = JavadocExamples.problems(javadoc, JavadocExamples.regions(EXAMPLES));

        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + javadoc.size() + " Javadoc examples are not their compiled region:\n"
                    + String.join("\n", problems));
        }
    }
}
