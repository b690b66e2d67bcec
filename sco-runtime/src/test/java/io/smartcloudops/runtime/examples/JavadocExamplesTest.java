package io.smartcloudops.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.examples.JavadocExamples;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.runtime.OpsListener;
import io.smartcloudops.runtime.actions.RunCommandProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * sco-runtime's Javadoc examples are the compiled ones beside this test (Java in {@code OpsExamples}, settings in
 * {@code src/test/resources/examples}), checked with sco-api's checker. Paths are relative to the module, where
 * Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> EXAMPLES =
            List.of(Path.of("src/test/java/io/smartcloudops/runtime/examples"), Path.of("src/test/resources/examples"));

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
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

        assertThat(scored)
                .extracting(Sample::timestampMillis, Sample::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(clock.millis(), 12.0));
    }

    @Test
    void theRunCommandSettingsOfTheExampleAllowWhatTheyShow() throws Exception {
        RemediationAction action = new RunCommandProvider()
                .create(ProviderContext.builder()
                        .config(ProviderConfig.of("actions.run_command", runCommandSettings()))
                        .build());

        ActionResult rotate =
                action.execute(command("rotate_logs", "/etc/logrotate.d/nginx"), ActionMode.DRY_RUN, Instant.EPOCH);
        ActionResult flush = action.execute(command("flush_cache", null), ActionMode.DRY_RUN, Instant.EPOCH);

        assertThat(rotate.outcome()).isEqualTo(ActionOutcome.DRY_RUN);
        assertThat(rotate.message()).isEqualTo("would run: /usr/sbin/logrotate -f /etc/logrotate.d/nginx");
        assertThat(flush.message()).isEqualTo("would run: /usr/bin/redis-cli FLUSHALL");
        assertThatThrownBy(
                        () -> action.execute(command("rotate_logs", "/etc/passwd"), ActionMode.DRY_RUN, Instant.EPOCH))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("does not match");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runCommandSettings() throws IOException {
        try (InputStream in = JavadocExamplesTest.class.getResourceAsStream("/examples/run-command.yaml")) {
            Map<String, Object> root = new Yaml().load(in);
            return (Map<String, Object>) ((Map<String, Object>) root.get("actions")).get("run_command");
        }
    }

    private static ActionRequest command(String name, String args) {
        ActionRequest.Builder b = ActionRequest.builder("run_command", "app").parameter("command", name);
        return (args == null ? b : b.parameter("args", args)).build();
    }
}
