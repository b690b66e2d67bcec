package io.smartcloudops.chat.llm;

import static io.smartcloudops.chat.llm.LlmTestKit.ALICE;
import static io.smartcloudops.chat.llm.LlmTestKit.T0;
import static io.smartcloudops.chat.llm.ScriptedModelServer.Received.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.chat.RecordingGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmMemoryTest {

    @TempDir
    Path dir;

    private final LlmTestKit.ManualClock clock = new LlmTestKit.ManualClock(T0);
    private ScriptedModelServer server;
    private LlmChatEngine engine;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedModelServer();
        engine = open();
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    private LlmChatEngine open() {
        return new LlmChatEngine(
                LlmTestKit.context(dir, clock, server.baseUrl(), Map.of("session-ttl", "30m")),
                new RecordingOpsView(T0),
                RecordingGateway.dryRun(T0),
                new LlmTestKit.CannedFallback());
    }

    private void firstTurn() {
        server.thenToolCall("get_alerts", "{}").thenAnswer("One critical alert: HighCpuUsage.");
        engine.answer(new ChatQuery("which alerts are open?", "s1", ALICE));
    }

    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream()
                .map(m -> m.path("role").asText() + ": " + text(m))
                .toList();
    }

    @Test
    void historySurvivesAcrossTwoTurnsOfOneSession() {
        firstTurn();
        server.thenAnswer("It has been firing for 7 minutes.");

        engine.answer(new ChatQuery("how long has it been firing?", "s1", ALICE));

        List<JsonNode> secondTurn = server.received().get(2).messages();
        assertThat(secondTurn)
                .extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "tool", "assistant", "user");
        assertThat(texts(secondTurn))
                .contains(
                        "user: which alerts are open?",
                        "assistant: One critical alert: HighCpuUsage.",
                        "user: how long has it been firing?");
    }

    @Test
    void historyOutlivesTheEngineInTheSessionFile() {
        firstTurn();
        engine.close();
        engine = open();
        server.thenAnswer("Still HighCpuUsage.");

        engine.answer(new ChatQuery("and now?", "s1", ALICE));

        assertThat(texts(server.received().get(2).messages()))
                .contains("user: which alerts are open?", "user: and now?");
    }

    @Test
    void otherSessionsDoNotSeeTheHistory() {
        firstTurn();
        server.thenAnswer("Hello.");

        engine.answer(new ChatQuery("hello", "s2", ALICE));

        assertThat(server.received().get(2).messages())
                .extracting(m -> m.path("role").asText())
                .containsExactly("system", "user");
    }

    @Test
    void historyExpiresAfterTheSessionTtl() {
        firstTurn();
        clock.advance(Duration.ofMinutes(31));
        server.thenAnswer("Hello again.");

        engine.answer(new ChatQuery("and now?", "s1", ALICE));

        assertThat(texts(server.received().get(2).messages()))
                .containsExactly(
                        texts(server.received().get(2).messages("system")).get(0), "user: and now?");
    }
}
