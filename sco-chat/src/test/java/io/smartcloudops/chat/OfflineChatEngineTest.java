package io.smartcloudops.chat;

import static io.smartcloudops.chat.Fixtures.ALICE;
import static io.smartcloudops.chat.Fixtures.T0;
import static io.smartcloudops.chat.Fixtures.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.chat.internal.nlu.QueryInterpreter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineChatEngineTest {

    @TempDir
    Path dir;

    private RecordingGateway gateway;
    private OfflineChatEngine engine;

    @BeforeEach
    void start() {
        gateway = new RecordingGateway(T0);
        engine = engine(gateway, Fixtures.interpreter());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private OfflineChatEngine engine(ActionGateway g, QueryInterpreter interpreter) {
        ProviderContext ctx = ProviderContext.builder()
                .clock(new Fixtures.ManualClock(T0))
                .dataDir(dir)
                .build();
        return new OfflineChatEngine(ctx, new FakeOpsView(T0), g, OfflineChatSettings.defaults(), interpreter);
    }

    private ChatReply ask(String text, Principal who) {
        return engine.answer(new ChatQuery(text, "s-1", who));
    }

    @Test
    void restartIsProposedThenConfirmedThenApprovedOnlyAfterItsOwnConfirmation() {
        ChatReply proposal = ask("please restart nginx on app-1", ALICE);

        assertThat(proposal.intent()).isEqualTo("restart_service");
        assertThat(proposal.slots()).containsEntry("service", "nginx").containsEntry("host", "app");
        assertThat(gateway.requests()).as("a proposal sends nothing").isEmpty();
        assertThat(proposal.answer())
                .contains("restart nginx on app")
                .contains("target app")
                .contains("unit=nginx")
                .contains("dry-run or execute")
                .contains("\"yes\"");
        assertThat(proposal.data()).containsEntry("confirm", true).containsEntry("target", "app");

        ChatReply proposed = ask("yes", ALICE);

        assertThat(proposed.intent()).isEqualTo("restart_service");
        ActionRequest sent = gateway.requests().get(0);
        assertThat(sent.action()).isEqualTo("restart_service");
        assertThat(sent.target()).isEqualTo("app");
        assertThat(sent.parameters()).containsEntry("unit", "nginx");
        assertThat(sent.requestedBy()).isEqualTo(ALICE);
        assertThat(sent.reason())
                .as("the audit names the conversation")
                .isEqualTo("chat session s-1: please restart nginx on app-1");
        assertThat(proposed.approvalId()).isEqualTo("act-1");
        assertThat(proposed.engine()).isEqualTo("offline");

        ChatReply approval = ask("approve it", ALICE);
        assertThat(approval.intent()).isEqualTo("approve");
        assertThat(gateway.decisions()).as("approving is proposed too").isEmpty();
        assertThat(approval.answer()).contains("approve act-1");

        ChatReply approved = ask("yes, go ahead", ALICE);

        assertThat(approved.intent()).isEqualTo("approve");
        assertThat(gateway.decisions()).containsExactly(new RecordingGateway.Decision("act-1", ALICE, true));
        assertThat(approved.data()).containsEntry("outcome", "succeeded");
    }

    @Test
    void noAfterProposalCancelsItAndNothingReachesTheGate() {
        assertThat(ask("scale the worker to 4 replicas", ALICE).data())
                .containsEntry("parameters", Map.of("service", "worker", "replicas", "4"));

        ChatReply cancelled = ask("actually no, scrap that", ALICE);

        assertThat(cancelled.intent()).isEqualTo("deny");
        assertThat(cancelled.answer()).startsWith("Cancelled: I did not add 4 replica(s) of worker on app");
        assertThat(gateway.requests()).isEmpty();
        assertThat(ask("yes", ALICE).data()).as("nothing left to confirm").doesNotContainKey("outcome");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void noAfterAConfirmedRequestDeniesItsPendingApproval() {
        ask("scale the worker to 4 replicas", ALICE);
        ask("yes", ALICE);

        ChatReply denied = ask("no, deny it", ALICE);

        assertThat(gateway.requests().get(0).parameters()).containsEntry("replicas", "4");
        assertThat(denied.intent()).isEqualTo("deny");
        assertThat(gateway.decisions()).containsExactly(new RecordingGateway.Decision("act-1", ALICE, false));
    }

    @Test
    void bareYesWithoutProposalAsksWhichActionInsteadOfGuessing() {
        engine.answer(new ChatQuery("restart redis", "other-session", ALICE));
        engine.answer(new ChatQuery("yes", "other-session", ALICE));

        ChatReply reply = ask("yes", ALICE);

        assertThat(reply.intent()).isEqualTo("approve");
        assertThat(gateway.decisions()).isEmpty();
        assertThat(reply.answer()).contains("act-1");
    }

    @Test
    void resolvesFollowUpServiceFromPreviousTurn() {
        ask("postgres on the web box keeps refusing connections", ALICE);

        ChatReply reply = ask("kick it", ALICE);

        assertThat(reply.intent()).isEqualTo("restart_service");
        assertThat(reply.slots()).containsEntry("service", "postgres").containsEntry("host", "app");
        ask("yes", ALICE);
        assertThat(gateway.requests("restart_service")).singleElement().satisfies(r -> {
            assertThat(r.parameters()).containsEntry("unit", "postgres");
            assertThat(r.target()).isEqualTo("app");
        });
        assertThat(reply.data()).containsEntry("followUp", true);
    }

    @Test
    void repeatsPreviousIntentWhenOnlyTheMetricChanges() {
        ask("show cpu on app-1 over the last hour", ALICE);

        ChatReply reply = ask("and memory?", ALICE);

        assertThat(reply.intent()).isEqualTo("metric_query");
        assertThat(reply.slots())
                .containsEntry("metric", "memory")
                .containsEntry("host", "app")
                .containsEntry("range", "PT1H");
    }

    @Test
    void sameForAnotherServiceDropsAHostThatDoesNotRunIt() {
        ask("restart prometheus on the monitoring box", ALICE);
        ask("yes", ALICE);

        ChatReply reply = ask("same for redis", ALICE);
        ask("yes", ALICE);

        assertThat(reply.intent()).isEqualTo("restart_service");
        assertThat(reply.slots()).containsEntry("service", "redis").doesNotContainKey("host");
        assertThat(gateway.requests().get(1).parameters()).containsEntry("unit", "redis");
        assertThat(gateway.requests().get(1).target())
                .as("resolved to the host that runs redis")
                .isEqualTo("app");
    }

    @Test
    void terseAnswerCompletesAnActionThatAskedForIt() {
        ChatReply question = ask("scale nginx", ALICE);
        assertThat(question.data()).containsEntry("clarify", true);
        assertThat(gateway.requests()).isEmpty();

        ChatReply reply = ask("three more", ALICE);

        assertThat(reply.intent()).isEqualTo("scale_up");
        assertThat(reply.slots()).containsEntry("service", "nginx").containsEntry("replicas", 3);
        ask("confirm", ALICE);
        assertThat(gateway.requests("scale_up")).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("app");
            assertThat(r.parameters()).containsEntry("replicas", "3").containsEntry("service", "nginx");
        });
    }

    @Test
    void silenceAsksForADurationThenUsesTheAnswer() {
        assertThat(ask("silence HighCpuUsage", ALICE).data()).containsEntry("clarify", true);

        ChatReply reply = ask("for 2 hours", ALICE);

        assertThat(reply.slots()).containsEntry("alert", "HighCpuUsage").containsEntry("duration", "PT2H");
        ask("yes", ALICE);
        assertThat(gateway.requests("silence_alert"))
                .singleElement()
                .satisfies(r -> assertThat(r.parameters())
                        .containsEntry("duration", "PT2H")
                        .containsEntry("alert", "HighCpuUsage"));
    }

    @Test
    void bareServiceNameAfterACompleteRestartDoesNotRestartIt() {
        ask("restart nginx", ALICE);
        ask("yes", ALICE);

        ChatReply reply = ask("redis", ALICE);

        assertThat(reply.data()).containsEntry("clarify", true);
        assertThat(gateway.requests("restart_service"))
                .singleElement()
                .satisfies(r -> assertThat(r.parameters()).containsEntry("unit", "nginx"));
    }

    @Test
    void answersConcurrentSessionsIndependently() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ChatReply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String session = "c-" + i;
                replies.add(pool.submit(() -> {
                    engine.answer(new ChatQuery("postgres on the web box keeps refusing connections", session, ALICE));
                    ChatReply kick = engine.answer(new ChatQuery("kick it", session, ALICE));
                    engine.answer(new ChatQuery("yes", session, ALICE));
                    return kick;
                }));
            }
            for (var f : replies) {
                assertThat(f.get().slots()).containsEntry("service", "postgres").containsEntry("host", "app");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(gateway.requests("restart_service")).hasSize(16);
    }

    @Test
    void viewerHelpListsOnlyReadOnlyIntents() {
        ChatReply reply = ask("what can you do?", VIEWER);

        assertThat(reply.intent()).isEqualTo("help");
        @SuppressWarnings("unchecked")
        List<String> intents = (List<String>) reply.data().get("intents");
        assertThat(intents)
                .contains("status", "metric_query", "alerts", "logs", "audit")
                .doesNotContain("restart_service", "scale_up", "approve", "deny", "silence", "health_check");
        assertThat(reply.answer()).contains("read-only");
        assertThat(ask("help", ALICE).data().get("intents"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("restart_service", "approve");
    }

    @Test
    void viewerCannotRequestARestart() {
        ChatReply reply = ask("restart nginx", VIEWER);

        assertThat(reply.intent()).isEqualTo("restart_service");
        assertThat(reply.data()).containsEntry("refused", "role");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void answersStatusAlertsAndAnomaliesFromTheLiveView() {
        assertThat(ask("status report please", ALICE).answer())
                .contains("HighCpuUsage")
                .contains("3h");
        ChatReply critical = ask("show critical alerts", ALICE);
        assertThat(critical.slots()).containsEntry("severity", "critical");
        assertThat((List<?>) critical.data().get("alerts")).hasSize(1);
        assertThat(ask("show warning alerts", ALICE).answer()).startsWith("No open warning alerts");
        ChatReply explained = ask("explain anomaly an-208", ALICE);
        assertThat(explained.answer()).contains("an-208").contains("3.1 sigma").contains("42");
        assertThat(explained.data()).containsEntry("id", "an-208");
    }

    @Test
    void metricQueryAndForecastUseRecentSamples() {
        ChatReply cpu = ask("cpu on app-1 over the last 30 minutes", ALICE);
        assertThat(cpu.intent()).isEqualTo("metric_query");
        assertThat(cpu.answer()).contains("node_cpu_usage_percent");
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) cpu.data().get("series")).get(0);
        assertThat(row.get("samples")).isEqualTo(31);

        ChatReply disk = ask("when will the disk on app-1 fill up?", ALICE);
        assertThat(disk.intent()).isEqualTo("forecast");
        assertThat(disk.answer())
                .contains("reaches 100% at")
                .contains("in 6h; 80%: 5h to 8h")
                .contains("80%: 97.50–100")
                .contains("95%: 93.25–100")
                .contains("seasonal Holt-Winters");
        @SuppressWarnings("unchecked")
        Map<String, Object> diskRow = ((List<Map<String, Object>>) disk.data().get("forecasts")).get(0);
        assertThat(diskRow)
                .containsEntry("projected", 100.0)
                .containsEntry("reachesAt", T0.plus(Duration.ofHours(6)).toString());
    }

    @Test
    void forecastOnTooLittleHistorySaysWhatItNeedsInsteadOfGuessing() {
        engine.close();
        ProviderContext ctx = ProviderContext.builder()
                .clock(new Fixtures.ManualClock(T0))
                .dataDir(dir)
                .build();
        engine = new OfflineChatEngine(
                ctx, new FakeOpsView(T0, 3), gateway, OfflineChatSettings.defaults(), Fixtures.interpreter());

        ChatReply disk = ask("when will the disk on app-1 fill up?", ALICE);

        assertThat(disk.intent()).isEqualTo("forecast");
        assertThat(disk.answer())
                .contains("too little history")
                .contains("at least 20 samples")
                .contains("there are 3")
                .doesNotContain("reaches 100%");
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) disk.data().get("forecasts")).get(0);
        assertThat(row).containsEntry("availableSamples", 3).containsEntry("neededSamples", 20);
    }

    @Test
    void lowConfidenceAsksInsteadOfActing() {
        QueryInterpreter shared = Fixtures.interpreter();
        engine.close();
        // A softmax over sixteen intents never reaches 1, so this threshold makes every query uncertain.
        engine = engine(gateway, new QueryInterpreter(shared.classifier(), shared.guard(), 1.0));

        ChatReply reply = ask("restart nginx on app-1", ALICE);

        assertThat(reply.intent()).isEqualTo("restart_service");
        assertThat(reply.data()).containsEntry("clarify", true);
        assertThat((List<?>) reply.data().get("candidates")).first().isEqualTo("restart_service");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void gatewayFailureIsReportedNotThrown() {
        engine.close();
        engine = engine(
                new ActionGateway() {
                    @Override
                    public ActionResult request(ActionRequest request) {
                        throw new IllegalStateException("policy store unavailable");
                    }

                    @Override
                    public ActionResult approve(String approvalId, Principal approver) {
                        throw new IllegalStateException("policy store unavailable");
                    }

                    @Override
                    public ActionResult deny(String approvalId, Principal approver, String reason) {
                        throw new IllegalStateException("policy store unavailable");
                    }

                    @Override
                    public List<PendingApproval> pending() {
                        return List.of();
                    }
                },
                Fixtures.interpreter());

        ask("restart nginx", ALICE);
        ChatReply reply = ask("yes", ALICE);

        assertThat(reply.answer()).contains("policy store unavailable");
        assertThat(reply.data()).containsKey("error");
    }
}
