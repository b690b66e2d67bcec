package io.smartcloudops.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.runtime.OpsListener;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Javadoc examples of the loop's front door ({@code Ops} and {@code OpsBuilder}) are the compiled ones beside
 * this test. Paths are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Set<String> CHECKED = Set.of("Ops.java", "OpsBuilder.java");
    private static final List<Path> EXAMPLES = List.of(Path.of("src/test/java/io/smartcloudops/runtime/examples"));

    @Test
    void everyJavadocExampleOfTheFrontDoorIsACompiledRegion() {
        List<JavadocExamples.Block> javadoc = JavadocExamples.javadocBlocks(SOURCES).stream()
                .filter(b -> CHECKED.contains(b.file().getFileName().toString())).toList();
        assertThat(javadoc).as("<pre>{@code} examples of %s under %s", CHECKED, SOURCES.toAbsolutePath()).isNotEmpty();

        List<String> problems = JavadocExamples.problems(javadoc, JavadocExamples.regions(EXAMPLES));

        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + javadoc.size() + " Javadoc examples are not their compiled region:\n"
                    + String.join("\n", problems));
        }
    }

    @Test
    void theOpsExampleRunsAndScoresItsSample(@TempDir Path dir) {
        // far ahead of the system clock: the sample is scored only if the example gives the loop its clock
        InstantSource clock = InstantSource.fixed(Instant.parse("2100-01-05T10:00:00Z"));
        List<Sample> scored = new CopyOnWriteArrayList<>();
        OpsListener listener = new OpsListener() {
            @Override
            public void onScored(Sample sample, Score score) {
                scored.add(sample);
            }
        };

        new OpsExamples().ops(dir, clock, listener);

        assertThat(scored).extracting(Sample::timestampMillis, Sample::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(clock.millis(), 12.0));
    }
}
