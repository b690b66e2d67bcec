package io.smartcloudops.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.examples.JavadocExamples;
import io.smartcloudops.server.AgentConfig;
import io.smartcloudops.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sco-server's Javadoc examples are the compiled ones beside this test ({@code ServerExamples}), checked with sco-api's
 * checker. Paths are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> EXAMPLES = List.of(Path.of("src/test/java/io/smartcloudops/server/examples"));

    private final ServerExamples examples = new ServerExamples();

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }

    @Test
    void theServerConfigExampleChangesOnlyThePort() {
        ServerConfig defaults = ServerConfig.defaults();

        ServerConfig s = examples.serverConfig();

        assertThat(defaults.port()).isNotZero();
        assertThat(s.port()).isZero();
        assertThat(s.toBuilder().port(defaults.port()).build()).isEqualTo(defaults);
    }

    @Test
    void theAgentConfigExampleSetsThePortOnTheServerAndTheDataDirOnTheLoop() {
        AgentConfig defaults = AgentConfig.defaults();

        AgentConfig c = examples.agentConfig();

        assertThat(c.server().port()).isZero();
        assertThat(c.runtime().dataDir()).isEqualTo(Path.of("/tmp/sco"));
        assertThat(c.toBuilder()
                        .port(defaults.server().port())
                        .dataDir(defaults.runtime().dataDir())
                        .build())
                .isEqualTo(defaults);
    }
}
