package io.smartcloudops.testkit.examples;

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
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }
}
