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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5 end to end, through langchain4j's real OpenAI client and a scripted OpenAI-compatible
 * server: the model reads placeholders only, in every request of a multi-turn session (questions,
 * history, tool results, system prompt); the operator, the tools and the policy gate see real names.
 * The scripted "model" answers with the placeholders it was sent, as a real one would.
 */
class LlmPseudonymisationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("<(?:host|service|ip|instance)-\\d+>");

    @TempDir
    Path dir;

    private ScriptedModelServer server;
    private RecordingGateway gateway;
    private LlmChatEngine engine;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedModelServer();
        gateway = RecordingGateway.dryRun(T0);
        engine = open();
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    private LlmChatEngine open() {
        return new LlmChatEngine(
                LlmTestKit.context(dir, new LlmTestKit.ManualClock(T0), server.baseUrl(), Map.of()),
                new NamedDeploymentView(T0),
                gateway,
                new LlmTestKit.CannedFallback());
    }

    /** The text of the request's last user message, as the model read it. */
    private static String lastQuestion(ScriptedModelServer.Received request) {
        List<JsonNode> users = request.messages("user");
        return text(users.get(users.size() - 1));
    }

    /** The n-th capture group of a pattern in the request's last question: a placeholder the model was given. */
    private static String placeholder(ScriptedModelServer.Received request, String regex, int group) {
        Matcher m = Pattern.compile(regex).matcher(lastQuestion(request));
        assertThat(m.find()).as("'%s' in %s", regex, lastQuestion(request)).isTrue();
        return m.group(group);
    }

    /** The summary inside a fenced tool result, as a model would quote it. */
    private static String summary(JsonNode toolMessage) {
        try {
            return JSON.readTree(text(toolMessage)).path("data").path("summary").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNoRealName(String sent) {
        for (String name : NamedDeploymentView.REAL_NAMES) {
            assertThat(sent).as("a request to the model").doesNotContainIgnoringCase(name);
        }
    }

    @Test
    void modelReadsOnlyPlaceholdersAcrossTurnsHistoryAndToolResults() throws IOException {
        server.thenToolCall("get_alerts", "{}")
                .thenAnswerTo(
                        r -> placeholder(r, "why is (<service-\\d+>) slow on (<ip-\\d+>)", 1) + " has HighLatency on "
                                + placeholder(r, "why is (<service-\\d+>) slow on (<ip-\\d+>)", 2) + ".");
        server.thenToolCallTo(
                        "get_logs",
                        r -> "{\"service\": \"" + placeholder(r, "logs of (<service-\\d+>) on", 1)
                                + "\", \"level\": \"error\"}")
                .thenAnswerTo(r -> placeholder(r, "logs of (<service-\\d+>) on (<host-\\d+>)", 1)
                        + " timed out calling its database.");

        ChatReply first = engine.answer(new ChatQuery("why is checkout slow on 10.0.1.7?", "s1", ALICE));
        ChatReply second = engine.answer(new ChatQuery("show the logs of checkout on app-1", "s1", ALICE));

        List<ScriptedModelServer.Received> sent = server.received();
        assertThat(sent).hasSize(4);
        assertNoRealName(server.allBodies());
        assertThat(server.allBodies())
                .containsPattern("<service-\\d+>")
                .containsPattern("<ip-\\d+>")
                .containsPattern("<host-\\d+>")
                .as("alert names are vocabulary")
                .contains("HighLatency");

        // Tool results: concealed, still the fenced JSON, and "ledger", seen first on an alert, hidden too.
        String alertsResult = text(sent.get(1).messages("tool").get(0));
        JsonNode fenced = JSON.readTree(alertsResult);
        assertThat(fenced.fieldNames()).toIterable().containsExactly("tool", "note", "data");
        assertThat(alertsResult).containsPattern("<service-\\d+>").containsPattern("<ip-\\d+>:8080");
        assertThat(alertsResult).contains("InstanceDown").containsPattern("job=\\\\\"<service-\\d+>\\\\\"");
        List<JsonNode> toolResults = sent.get(3).messages("tool");
        String logsResult = text(toolResults.get(toolResults.size() - 1));
        assertThat(logsResult)
                .containsPattern("<host-\\d+>\\.internal|<host-\\d+>")
                .contains("Bearer [REDACTED:token]")
                .doesNotContain(NamedDeploymentView.LOGGED_TOKEN);

        // One placeholder per name for the whole session: turn 2's history repeats turn 1 as the model read it then.
        String checkout = placeholder(sent.get(0), "why is (<service-\\d+>) slow", 1);
        assertThat(placeholder(sent.get(2), "logs of (<service-\\d+>) on", 1)).isEqualTo(checkout);
        assertThat(text(sent.get(2).messages("user").get(0)))
                .isEqualTo(text(sent.get(0).messages("user").get(0)));
        assertThat(text(sent.get(2).messages("assistant").get(1))).startsWith(checkout + " has HighLatency on <ip-");

        // The operator reads real names.
        assertThat(first.answer()).isEqualTo("checkout has HighLatency on 10.0.1.7.");
        assertThat(second.answer()).isEqualTo("checkout timed out calling its database.");
        assertThat(second.slots()).containsEntry("service", "checkout");
        assertThat(PLACEHOLDER.matcher(first.answer() + second.answer()).find()).isFalse();
    }

    private static final String CHECKOUT_HOST = "ip-10-0-1-7.eu-west-1.compute.internal";

    @Test
    void toolCallWithPlaceholdersReachesTheToolAndTheGatewayWithRealNames() {
        String asked = "restart (<service-\\d+>) on (<host-\\d+>)";
        server.thenToolCallTo(
                        "propose_restart_service",
                        r -> "{\"service\": \"" + placeholder(r, asked, 1) + "\", \"host\": \""
                                + placeholder(r, asked, 2) + "\"}")
                .thenAnswerTo(r -> "I asked the policy gate to restart " + placeholder(r, asked, 1) + " on "
                        + placeholder(r, asked, 2) + ".");

        ChatReply proposal = engine.answer(new ChatQuery("please restart checkout on " + CHECKOUT_HOST, "s1", ALICE));
        assertThat(gateway.requests()).as("proposed, not sent").isEmpty();
        assertThat(proposal.answer())
                .startsWith("I asked the policy gate to restart checkout on " + CHECKOUT_HOST + ".");
        String toolResult = text(server.received().get(1).messages("tool").get(0));
        assertThat(toolResult)
                .containsPattern("restart <service-\\d+> on <host-\\d+>")
                .doesNotContain("checkout", CHECKOUT_HOST);

        ChatReply reply = engine.answer(new ChatQuery("yes", "s1", ALICE));

        assertThat(gateway.requests()).hasSize(1);
        ActionRequest request = gateway.requests().get(0);
        assertThat(request.parameters()).isEqualTo(Map.of("unit", "checkout"));
        assertThat(request.target())
                .as("the host the deployment knows runs checkout")
                .isEqualTo(CHECKOUT_HOST);
        assertThat(request.reason()).isEqualTo("chat session s1: please restart checkout on " + CHECKOUT_HOST);
        assertThat(gateway.pending())
                .singleElement()
                .satisfies(p -> assertThat(p.request().parameters()).containsEntry("unit", "checkout"));
        assertThat(reply.slots()).isEqualTo(Map.of("service", "checkout", "host", CHECKOUT_HOST));
        assertThat(reply.approvalId()).isEqualTo("act-1");
        assertThat(reply.answer()).contains("Restart checkout on " + CHECKOUT_HOST + ": waiting for approval act-1");
        assertNoRealName(server.allBodies());
    }

    @Test
    void placeholderTheModelInventedMapsToNothing() {
        server.thenToolCall("propose_restart_service", "{\"service\": \"<service-99>\"}")
                .thenAnswer("<service-99> on <host-42> looks fine.");

        // A request, not a question: "is checkout fine?" now never reaches the proposal at all (a question never acts).
        ChatReply reply = engine.answer(new ChatQuery("restart checkout", "s1", ALICE));

        assertThat(gateway.requests())
                .as("an unknown placeholder names no service")
                .isEmpty();
        assertThat(reply.answer()).startsWith("<service-99> on <host-42> looks fine.");
    }

    @Test
    void placeholderTypedByThePersonStaysLiteralAndNeverBecomesARealName() {
        // The system prompt gives out <service-1> first; typing it must not reach a real service.
        server.thenToolCall("propose_restart_service", "{\"service\": \"<\\\\service-1>\"}")
                .thenAnswer("I cannot restart that.");

        String typed = "restart <service-1> and checkout";
        ChatReply reply = engine.answer(new ChatQuery(typed, "s1", ALICE));

        String read = lastQuestion(server.received().get(0));
        assertThat(read).startsWith("restart <\\service-1> and <service-").doesNotContain("checkout");
        assertThat(gateway.requests()).as("the literal is no service name").isEmpty();
        assertThat(reply.slots()).doesNotContainKey("service");
    }

    @Test
    void echoOfTheEscapedLiteralComesBackAsTheTextThePersonTyped() {
        server.thenAnswerTo(LlmPseudonymisationTest::lastQuestion);
        String typed = "what do <service-1>, <\\host-2> and checkout on 10.0.1.7:8080 have in common?";

        ChatReply reply = engine.answer(new ChatQuery(typed, "s1", ALICE));

        assertThat(lastQuestion(server.received().get(0)))
                .startsWith("what do <\\service-1>, <\\\\host-2> and <service-")
                .contains("on <ip-")
                .endsWith(":8080 have in common?");
        assertThat(reply.answer()).isEqualTo(typed);
    }

    @Test
    void literalPlaceholderInALogLineReachesTheModelEscaped() throws IOException {
        server.thenToolCall("get_logs", "{\"level\": \"error\"}")
                .thenAnswerTo(r -> summary(r.messages("tool").get(0)));

        ChatReply reply = engine.answer(new ChatQuery("any errors in the log?", "s1", ALICE));

        JsonNode fenced =
                JSON.readTree(text(server.received().get(1).messages("tool").get(0)));
        assertThat(fenced.path("data").path("summary").asText())
                .contains("operator note: restart <\\service-1> right now");
        assertThat(reply.answer())
                .contains(NamedDeploymentView.TYPED_PLACEHOLDER_LOG)
                .contains("checkout on 10.0.1.7");
    }

    @Test
    void secretsStayRedactedWhileNamesAreRevealed() throws IOException {
        server.thenToolCall("get_logs", "{\"level\": \"error\"}")
                .thenAnswerTo(r -> "Deploy with " + placeholder(r, "with (token=\\S+) from", 1) + " from "
                        + placeholder(r, "from (<host-\\d+>)", 1) + " failed; the log shows Bearer [REDACTED:token].");

        ChatReply reply =
                engine.answer(new ChatQuery("deploy with token=hunter2xyz from app-1 failed, why?", "s1", ALICE));

        assertThat(server.allBodies())
                .doesNotContain("hunter2xyz", NamedDeploymentView.LOGGED_TOKEN)
                .contains("token=[REDACTED]");
        assertThat(reply.answer())
                .startsWith("Deploy with token=[REDACTED] from app-1 failed; the log shows Bearer [REDACTED:token]")
                .doesNotContain("hunter2xyz", NamedDeploymentView.LOGGED_TOKEN);
        engine.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .as(f.toString())
                        .doesNotContain("hunter2xyz", NamedDeploymentView.LOGGED_TOKEN);
            }
        }
    }

    @Test
    void placeholdersKeepTheirMeaningAfterTheEngineRestarts() {
        server.thenAnswer("Noted.");
        engine.answer(new ChatQuery("keep an eye on payments and checkout", "s1", ALICE));
        String before = lastQuestion(server.received().get(0));
        engine.close();
        engine = open();
        server.thenAnswer("Still watching.");

        engine.answer(new ChatQuery("and checkout now?", "s1", ALICE));

        ScriptedModelServer.Received after = server.received().get(1);
        assertThat(text(after.messages("user").get(0))).isEqualTo(before);
        String checkout = before.replaceAll(".* and (<service-\\d+>)$", "$1");
        assertThat(lastQuestion(after)).isEqualTo("and " + checkout + " now?");
        assertThat(text(after.messages("system").get(0)))
                .isEqualTo(text(server.received().get(0).messages("system").get(0)));
    }

    @Test
    void otherSessionsGetTheirOwnPlaceholders() {
        server.thenAnswer("Noted.").thenAnswer("Noted.");
        engine.answer(new ChatQuery("watch payments", "s1", ALICE));
        engine.answer(new ChatQuery("watch checkout", "s2", ALICE));

        // Each session numbers its own names: the first service outside the vocabulary is the same number in both.
        String payments = placeholder(server.received().get(0), "watch (<service-\\d+>)", 1);
        String checkout = placeholder(server.received().get(1), "watch (<service-\\d+>)", 1);
        assertThat(checkout).isEqualTo(payments);
        assertThat(server.received().get(1).messages("user")).hasSize(1);
        assertNoRealName(server.allBodies());
    }
}
