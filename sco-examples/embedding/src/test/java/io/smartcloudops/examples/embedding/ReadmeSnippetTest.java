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

    /**
     * The build README tells a user to write is this module's: no parent of ours, the BOM imported,
     * sco-runtime the one SmartCloudOps dependency (and versionless, from the BOM).
     */
    @Test
    void thisModuleIsBuiltAsReadmeTellsAUserToBuildTheirs() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).doesNotContain("<parent>").contains("<artifactId>sco-bom</artifactId>").contains("<scope>import</scope>");
        Matcher ours = Pattern.compile("<dependency><groupId>io\\.smartcloudops</groupId><artifactId>([a-z-]+)</artifactId>(<version>)?")
                .matcher(pom.substring(pom.indexOf("</dependencyManagement>")));
        assertThat(ours.find()).isTrue();
        assertThat(ours.group(1)).isEqualTo("sco-runtime");
        assertThat(ours.group(2)).as("sco-runtime's version comes from the BOM").isNull();
        assertThat(ours.find()).as("a second SmartCloudOps dependency").isFalse();
        String readme = Files.readString(REPO.resolve("README.md"));
        assertThat(readme).contains("<groupId>io.smartcloudops</groupId><artifactId>sco-bom</artifactId>")
                .contains("<dependency><groupId>io.smartcloudops</groupId><artifactId>sco-runtime</artifactId></dependency>");
    }

    /** Indentation differs between the file and README's code block; the code may not. */
    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
