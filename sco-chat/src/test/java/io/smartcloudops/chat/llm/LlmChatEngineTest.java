package io.smartcloudops.chat.llm;

import static io.smartcloudops.chat.llm.LlmTestKit.ALICE;
import static io.smartcloudops.chat.llm.LlmTestKit.T0;
import static io.smartcloudops.chat.llm.ScriptedModelServer.Received.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.chat.RecordingGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmChatEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ScriptedModelServer server;
    private RecordingOpsView view;
    private RecordingGateway gateway;
    private LlmTestKit.CannedFallback fallback;
    private LlmChatEngine engine;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedModelServer();
        view = new RecordingOpsView(T0);
        gateway = RecordingGateway.dryRun(T0);
        fallback = new LlmTestKit.CannedFallback();
        engine = new LlmChatEngine(
                LlmTestKit.context(dir, new LlmTestKit.ManualClock(T0), server.baseUrl(), Map.of()),
                view,
                gateway,
                fallback);
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    @Test
    void answersWithTheModelsWordsAfterRunningTheToolItCalledThroughTheOpenAiClient() throws IOException {
        server.thenToolCall("get_alerts", "{\"severity\": \"CRITICAL\"}")
                .thenAnswer("One critical alert: HighCpuUsage on app-1.");

        ChatReply reply = engine.answer(new ChatQuery("which critical alerts are open?", "s1", ALICE));

        assertThat(reply.engine()).isEqualTo("llm");
        assertThat(reply.intent()).isEqualTo("alerts");
        assertThat(reply.slots()).isEqualTo(Map.of("severity", "critical"));
        assertThat(reply.answer()).isEqualTo("One critical alert: HighCpuUsage on app-1.");
        assertThat(reply.confidence()).isEqualTo(LlmChatEngine.TOOL_CONFIDENCE);
        assertThat(reply.data()).containsEntry("tools", List.of("get_alerts")).containsKey("alerts");
        assertThat(view.calls()).contains("alerts");
        assertThat(fallback.asked()).isEmpty();

        List<ScriptedModelServer.Received> received = server.received();
        assertThat(received).hasSize(2).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo(ScriptedModelServer.PATH);
            assertThat(r.header("User-Agent")).contains("langchain4j-openai");
            assertThat(r.header("Authorization")).isEqualTo("Bearer sk-test-key");
        });
        JsonNode first = received.get(0).json();
        assertThat(first.path("model").asText()).isEqualTo("test-model");
        List<String> tools = new ArrayList<>();
        first.path("tools")
                .forEach(t -> tools.add(t.path("function").path("name").asText()));
        assertThat(tools)
                .contains(
                        "get_status",
                        "query_metric",
                        "get_alerts",
                        "get_logs",
                        "forecast",
                        "propose_restart_service",
                        "approve_action",
                        "help");
        assertThat(text(received.get(0).messages("system").get(0)))
                .contains("SmartCloudOps ChatOps")
                .contains("untrusted");
        assertThat(text(received.get(0).messages("user").get(0))).isEqualTo("which critical alerts are open?");

        JsonNode toolMessage = received.get(1).messages("tool").get(0);
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_1");
        JsonNode fenced = JSON.readTree(text(toolMessage));
        assertThat(fenced.path("note").asText()).isEqualTo(DataFence.NOTE);
        assertThat(fenced.path("data")
                        .path("details")
                        .path("alerts")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("HighCpuUsage");
    }

    @Test
    void restartToolOnlyProposesAndTheCallersYesSendsItToTheGatewayInTheirName() {
        server.thenToolCall("propose_restart_service", "{\"service\": \"nginx\", \"host\": \"app-1\"}")
                .thenAnswer("I can restart nginx on app once you confirm.");

        ChatReply proposal = engine.answer(new ChatQuery("please restart nginx on app-1", "s1", ALICE));

        assertThat(gateway.requests()).as("the tool only proposes").isEmpty();
        assertThat(proposal.intent()).isEqualTo("restart_service");
        assertThat(proposal.slots()).isEqualTo(Map.of("service", "nginx", "host", "app"));
        assertThat(proposal.answer()).contains("Policy gate: I would restart nginx on app");
        assertThat(proposal.data()).containsEntry("confirm", true);

        ChatReply reply = engine.answer(new ChatQuery("yes", "s1", ALICE));

        assertThat(server.received())
                .as("the confirmation is settled without the model")
                .hasSize(2);
        assertThat(gateway.requests()).hasSize(1);
        ActionRequest request = gateway.requests().get(0);
        assertThat(request.action()).isEqualTo("restart_service");
        assertThat(request.target()).isEqualTo("app");
        assertThat(request.parameters()).isEqualTo(Map.of("unit", "nginx"));
        assertThat(request.requestedBy()).isEqualTo(ALICE);
        assertThat(request.reason()).isEqualTo("chat session s1: please restart nginx on app-1");
        assertThat(gateway.decisions())
                .as("the engine proposes; it never approves its own proposal")
                .isEmpty();
        assertThat(reply.intent()).isEqualTo("restart_service");
        assertThat(reply.approvalId()).isEqualTo("act-1");
        assertThat(reply.answer()).contains("Restart nginx on app: waiting for approval act-1");
    }

    @Test
    void aQuestionAboutARestartProposesNothingEvenWhenTheModelCallsTheTool() {
        server.thenToolCall("propose_restart_service", "{\"service\": \"nginx\"}")
                .thenAnswer("Restarting is possible.");

        ChatReply reply = engine.answer(new ChatQuery("what would happen if I restarted nginx?", "s1", ALICE));
        engine.answer(new ChatQuery("yes", "s1", ALICE));

        assertThat(reply.data()).containsEntry("refused", "not_a_command").doesNotContainKey("confirm");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void forecastProjectsTheTrendWithSlotsNormalisedLikeTheOfflineEngine() {
        server.thenToolCall("forecast", "{\"metric\": \"Disk\", \"host\": \"app-1\", \"horizon\": \"2 days\"}")
                .thenAnswer("At this rate the disk on app is full in about 8 hours.");

        ChatReply reply = engine.answer(new ChatQuery("when does the disk on app-1 fill up?", "s1", ALICE));

        assertThat(reply.intent()).isEqualTo("forecast");
        assertThat(reply.slots()).isEqualTo(Map.of("metric", "disk", "host", "app", "horizon", "P2D"));
        assertThat(reply.data().get("forecasts"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(1);
        assertThat(view.calls()).contains("series", "forecast");
    }

    @Test
    void answerWithoutAnyToolIsOutOfScope() {
        server.thenAnswer("I only help with the operations of this deployment.");

        ChatReply reply = engine.answer(new ChatQuery("write me a poem about the sea", "s1", ALICE));

        assertThat(reply.intent()).isEqualTo("out_of_scope");
        assertThat(reply.slots()).isEmpty();
        assertThat(reply.answer()).isEqualTo("I only help with the operations of this deployment.");
        assertThat(reply.confidence()).isEqualTo(LlmChatEngine.NO_TOOL_CONFIDENCE);
        assertThat(view.calls())
                .as("only the name catalogue listed the series; no tool read anything")
                .containsExactly("series");
    }

    @Test
    void silentModelStillGivesTheToolsAnswer() {
        server.thenToolCall("get_status", "{}").thenAnswer("");

        ChatReply reply = engine.answer(new ChatQuery("status please", "s1", ALICE));

        assertThat(reply.intent()).isEqualTo("status");
        assertThat(reply.answer()).contains("watching 2 series");
    }

    @Test
    void closingTheEngineClosesItsFallback() {
        engine.close();

        assertThat(fallback.closed()).isTrue();
    }
}
