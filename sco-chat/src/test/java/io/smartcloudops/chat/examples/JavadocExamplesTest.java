package io.smartcloudops.chat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.examples.JavadocExamples;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.IntentRecognizer;
import io.smartcloudops.chat.OfflineChatEngineProvider;
import io.smartcloudops.chat.OfflineChatSettings;
import io.smartcloudops.chat.RecordingGateway;
import io.smartcloudops.chat.llm.LlmChatEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * sco-chat's Javadoc examples are the compiled ones beside this test (Java in {@code ChatExamples}, chat settings in
 * {@code src/test/resources/examples}), checked with sco-api's checker; those that need no model server run here.
 * Paths are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> EXAMPLES =
            List.of(Path.of("src/test/java/io/smartcloudops/chat/examples"), Path.of("src/test/resources/examples"));
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Principal ALICE = new Principal("alice", Role.OPERATOR);

    @TempDir
    Path dir;

    private final ChatExamples examples = new ChatExamples();
    private final RecordingGateway gateway = new RecordingGateway(T0);

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }

    @Test
    void theOfflineEngineExampleProposesThenSendsTheRestartOnceConfirmed() {
        examples.offlineChatEngine(context(), new FakeOpsView(T0), gateway, ALICE);

        // the view's host app-1 is known as app
        assertThat(gateway.requests()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("restart_service");
            assertThat(r.target()).isEqualTo("app");
            assertThat(r.parameters()).containsEntry("unit", "nginx");
            assertThat(r.requestedBy()).isEqualTo(ALICE);
        });
    }

    @Test
    void theProviderExamplesFindTheirEnginesInTheRegistry() {
        ProviderRegistry registry =
                ProviderRegistry.builder().discover(getClass().getClassLoader()).build();

        try (ChatEngine offline =
                        examples.offlineChatEngineProvider(registry, context(), new FakeOpsView(T0), gateway);
                ChatEngine llm =
                        examples.llmChatEngineProvider(registry, context(), new FakeOpsView(T0), gateway, "")) {
            assertThat(offline.answer(new io.smartcloudops.api.chat.ChatQuery("status", "s-1", ALICE))
                            .engine())
                    .isEqualTo("offline");
            assertThat(llm).isInstanceOf(LlmChatEngine.class);
        }
    }

    @Test
    void theRecognizerExampleUnderstandsWhatItsCommentSays() {
        IntentRecognizer.Understanding u = examples.intentRecognizer();

        assertThat(u.intent()).isEqualTo("restart_service");
        assertThat(u.slots()).containsEntry("service", "nginx").containsEntry("host", "app");
    }

    @Test
    void theOfflineSettingsExampleIsWhatTheEngineReads() throws IOException {
        Map<String, Object> chat = chatSection("/examples/offline-chat.yaml");

        OfflineChatSettings s = OfflineChatSettings.from(ProviderConfig.of("chat.settings", settings(chat)));

        assertThat(chat.get("engine")).isEqualTo(new OfflineChatEngineProvider().name());
        assertThat(s)
                .isEqualTo(new OfflineChatSettings(
                        2000, 0.4, Duration.ofMinutes(30), "chat-sessions.db", Duration.ofMinutes(2)));
    }

    /** The {@code chat} section of an example agent configuration. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> chatSection(String resource) throws IOException {
        try (InputStream in = JavadocExamplesTest.class.getResourceAsStream(resource)) {
            Map<String, Object> root = new Yaml().load(in);
            return (Map<String, Object>) root.get("chat");
        }
    }

    /** What the agent hands the engine it names: {@code chat.settings}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> settings(Map<String, Object> chat) {
        return (Map<String, Object>) chat.get("settings");
    }

    private ProviderContext context() {
        return ProviderContext.builder()
                .clock(InstantSource.fixed(T0))
                .dataDir(dir)
                .build();
    }
}
