package io.smartcloudops.chat.llm;

import static io.smartcloudops.chat.llm.LlmTestKit.ALICE;
import static io.smartcloudops.chat.llm.LlmTestKit.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.chat.RecordingGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmFallbackTest {

    @TempDir
    Path dir;

    private ScriptedModelServer server;
    private RecordingOpsView view;
    private RecordingGateway gateway;
    private LlmTestKit.CannedFallback canned;
    private ChatEngine engine;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedModelServer();
        view = new RecordingOpsView(T0);
        gateway = RecordingGateway.dryRun(T0);
        canned = new LlmTestKit.CannedFallback();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        server.close();
    }

    private ChatEngine withCannedFallback() {
        engine = new LlmChatEngine(
                LlmTestKit.context(dir, new LlmTestKit.ManualClock(T0), server.baseUrl(), Map.of()),
                view,
                gateway,
                canned);
        return engine;
    }

    /** The real offline engine as fallback, built by the provider from the same context. */
    private ChatEngine fromProvider(Map<String, Object> extra) {
        engine = new LlmChatEngineProvider()
                .create(
                        LlmTestKit.context(dir, new LlmTestKit.ManualClock(T0), server.baseUrl(), extra),
                        view,
                        gateway);
        return engine;
    }

    @Test
    void serverThatNeverAnswersWithinTheTimeoutFallsBackToTheOfflineEngine() {
        server.thenHang();
        ChatEngine chat = fromProvider(Map.of("timeout", "300ms"));

        ChatReply reply = chat.answer(new ChatQuery("show open alerts", "s1", ALICE));

        assertThat(reply.engine()).isEqualTo("offline");
        assertThat(reply.data()).containsEntry("fallback_reason", "timeout");
        assertThat(reply.intent()).isEqualTo("alerts");
        assertThat(reply.answer()).contains("HighCpuUsage");
        assertThat(server.received())
                .as("max_retries defaults to 0: one attempt")
                .hasSize(1);
    }

    @Test
    void offlineFallbackApprovesWhatTheModelProposedInThePreviousTurn() {
        ChatEngine chat = fromProvider(Map.of());
        server.thenToolCall("propose_restart_service", "{\"service\": \"nginx\", \"host\": \"app\"}")
                .thenAnswer("Restart of nginx proposed.");
        chat.answer(new ChatQuery("restart nginx on app-1", "s1", ALICE));
        ChatReply proposed = chat.answer(new ChatQuery("yes", "s1", ALICE));
        assertThat(proposed.approvalId()).isEqualTo("act-1");
        // The model is unreachable from here on: the offline fallback proposes the approval, and the yes confirms it.
        chat.answer(new ChatQuery("approve it", "s1", ALICE));

        ChatReply approved = chat.answer(new ChatQuery("yes, go ahead", "s1", ALICE));

        assertThat(approved.engine()).isEqualTo("offline");
        assertThat(approved.data()).containsEntry("fallback_reason", "llm_error");
        assertThat(approved.intent()).isEqualTo("approve");
        assertThat(gateway.decisions()).containsExactly(new RecordingGateway.Decision("act-1", ALICE, true));
    }

    @Test
    void malformedToolCallArgumentsFallBackWithoutRunningTheTool() {
        server.thenToolCall("get_alerts", "{\"severity\": crit");

        ChatReply reply = withCannedFallback().answer(new ChatQuery("show critical alerts", "s1", ALICE));

        assertThat(reply.engine()).isEqualTo("offline");
        assertThat(reply.data()).containsEntry("fallback_reason", "malformed_tool_call");
        assertThat(reply.answer()).isEqualTo("1 open alerts (offline)");
        assertThat(canned.asked()).extracting(ChatQuery::text).containsExactly("show critical alerts");
        assertThat(view.calls()).doesNotContain("alerts");
    }

    @Test
    void callToAToolThatDoesNotExistFallsBack() {
        server.thenToolCall("drop_all_tables", "{}");

        ChatReply reply = withCannedFallback().answer(new ChatQuery("show critical alerts", "s1", ALICE));

        assertThat(reply.data()).containsEntry("fallback_reason", "malformed_tool_call");
        assertThat(reply.engine()).isEqualTo("offline");
    }

    @Test
    void serverErrorFallsBack() {
        ChatReply reply = withCannedFallback().answer(new ChatQuery("show critical alerts", "s1", ALICE));

        assertThat(reply.data()).containsEntry("fallback_reason", "llm_error");
        assertThat(canned.asked()).hasSize(1);
    }

    @Test
    void failedTurnLeavesNoHalfExchangeInTheHistory() {
        ChatEngine chat = withCannedFallback();
        server.thenToolCall("get_alerts", "{\"severity\": crit");
        chat.answer(new ChatQuery("show critical alerts", "s1", ALICE));
        server.thenAnswer("It is HighCpuUsage.");

        chat.answer(new ChatQuery("which one was it?", "s1", ALICE));

        List<JsonNode> messages = server.received().get(1).messages();
        assertThat(messages)
                .noneMatch(m -> m.has("tool_calls"))
                .noneMatch(m -> "tool".equals(m.path("role").asText()));
        assertThat(messages)
                .extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(ScriptedModelServer.Received.text(messages.get(2))).isEqualTo("1 open alerts (offline)");
    }

    @Test
    void proposalAlreadyMadeIsNotProposedAgainByTheFallback() {
        server.thenToolCall("propose_restart_service", "{\"service\": \"nginx\"}");

        ChatEngine chat = withCannedFallback();
        ChatReply reply = chat.answer(new ChatQuery("restart nginx", "s1", ALICE));

        assertThat(canned.asked()).isEmpty();
        assertThat(reply.engine()).isEqualTo("offline");
        assertThat(reply.data())
                .containsEntry("fallback_reason", "llm_error")
                .containsEntry("reused_tool_result", true)
                .containsEntry("confirm", true);
        assertThat(reply.intent()).isEqualTo("restart_service");
        assertThat(gateway.requests()).isEmpty();
        chat.answer(new ChatQuery("yes", "s1", ALICE));
        assertThat(gateway.requests()).hasSize(1);
    }
}
