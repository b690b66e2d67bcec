package io.smartcloudops.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's "Embed it" code is this module's compiled code, not a copy that can drift from it. */
class ReadmeSnippetTest {
    /** Surefire runs in this module's folder, sco-examples/embedding. */
    private static final Path REPO = Path.of("../..");

    @Test
    void readmeShowsTheCompiledEmbeddingCode() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/smartcloudops/examples/embedding/QueueWatcher.java"));
        Matcher region = Pattern.compile("// README:embed-start\\n(.*?)\\n\\s*// README:embed-end", Pattern.DOTALL).matcher(source);
        assertThat(region.find()).as("QueueWatcher marks the region README shows").isTrue();
        String readme = Files.readString(REPO.resolve("README.md"));
        assertThat(normalise(readme)).contains(normalise(region.group(1)));
    }

    /** Indentation differs between the file and README's code block; the code may not. */
    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
