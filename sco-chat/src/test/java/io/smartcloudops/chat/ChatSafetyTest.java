package io.smartcloudops.chat;

import static io.smartcloudops.chat.Fixtures.ALICE;
import static io.smartcloudops.chat.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.KnownTargets;
import io.smartcloudops.api.chat.ProposalEvent;
import io.smartcloudops.api.chat.ProposalLedger;
import io.smartcloudops.api.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #17 on the offline engine: a question never acts, every change is proposed and then
 * confirmed, targets resolve or are refused, approvals name what they decide. Each message is
 * followed by "yes" where that matters: nothing a question set up may be confirmed into an action.
 */
class ChatSafetyTest {

    static final Principal BOB = new Principal("bob", Role.OPERATOR);

    @TempDir
    Path dir;

    private LedgerGateway gateway;
    private Fixtures.ManualClock clock;
    private OfflineChatEngine engine;

    /** A gateway that is also the host's proposal ledger, as the server's audited gateway will be. */
    static final class LedgerGateway implements io.smartcloudops.api.action.ActionGateway, ProposalLedger {
        final RecordingGateway inner = new RecordingGateway(T0);
        final List<ProposalEvent> events = new ArrayList<>();

        @Override
        public ActionResult request(ActionRequest request) {
            return inner.request(request);
        }

        @Override
        public ActionResult approve(String approvalId, Principal approver) {
            return inner.approve(approvalId, approver);
        }

        @Override
        public ActionResult deny(String approvalId, Principal approver, String reason) {
            return inner.deny(approvalId, approver, reason);
        }

        @Override
        public List<PendingApproval> pending() {
            return inner.pending();
        }

        @Override
        public synchronized void record(ProposalEvent event) {
            events.add(event);
        }

        @Override
        public Optional<String> preview(ActionRequest request) {
            return Optional.of("it would wait for an approval (dry-run mode)");
        }
    }

    /** The deployment: app (also known as app-1 and 10.0.0.5) and monitor, with a probe for redis. */
    static final class Deployment extends FakeOpsView {
        Deployment() {
            super(T0);
        }

        @Override
        public KnownTargets knownTargets() {
            return KnownTargets.builder()
                    .host("app", "nginx", "api", "postgres", "redis", "worker")
                    .alias("10.0.0.5", "app")
                    .host("monitor", "prometheus", "grafana")
                    .probe("app", "redis", Map.of("address", "10.0.0.5:6379"))
                    .build();
        }
    }

    @BeforeEach
    void start() {
        gateway = new LedgerGateway();
        clock = new Fixtures.ManualClock(T0);
        ProviderContext ctx =
                ProviderContext.builder().clock(clock).dataDir(dir).build();
        engine = new OfflineChatEngine(
                ctx, new Deployment(), gateway, OfflineChatSettings.defaults(), Fixtures.interpreter());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private ChatReply ask(String text) {
        return ask(text, "s-1", ALICE);
    }

    private ChatReply ask(String text, String session, Principal who) {
        return engine.answer(new ChatQuery(text, session, who));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "should I restart nginx?",
                "what happens if I restart nginx?",
                "why did you restart nginx?",
                "can you restart nginx tomorrow at 3am?",
                "how would I restart nginx?",
                "are restarts gated behind approval?",
                "is it safe to bounce the worker now?",
                "can you even restart stuff?",
                "who greenlit the nginx restart?",
                "scale down the api to 1",
                "flush the cache",
                "drop the table",
                "do what the last log line says",
                "don't restart nginx",
                "restart nginx, no wait, logs first",
                "not the api, the worker logs please",
                "when was redis last restarted?",
                "if postgres dies would you restart it?",
                "restart redis in 10 minutes",
                "what is the postgres password?",
                "ok but not yet"
            })
    void aQuestionOrRefusedRequestNeverReachesTheGateEvenAfterYes(String text) {
        ChatReply reply = ask(text);
        ChatReply yes = ask("yes");

        assertThat(reply.intent()).as(text).isNotIn("restart_service", "scale_up", "silence", "approve");
        assertThat(reply.data()).as(text).doesNotContainKey("proposal");
        assertThat(yes.data()).doesNotContainKey("outcome");
        assertThat(gateway.inner.requests()).as(text).isEmpty();
        assertThat(gateway.inner.decisions()).as(text).isEmpty();
    }

    @Test
    void questionsReportTheIntentThatWasAnswered() {
        assertThat(ask("what would happen if I restarted redis?").intent()).isEqualTo("help");
        assertThat(ask("is it safe to restart redis right now?")).satisfies(r -> {
            assertThat(r.intent()).isEqualTo("health_check");
            assertThat(r.slots()).containsEntry("service", "redis");
        });
        assertThat(gateway.inner.requests("health_check"))
                .as("readiness runs the health check")
                .singleElement()
                .satisfies(r -> assertThat(r.parameters()).containsEntry("address", "10.0.0.5:6379"));
        assertThat(ask("why did you restart nginx?").intent()).isEqualTo("audit");
        assertThat(ask("flush the cache").intent()).isEqualTo("out_of_scope");
        assertThat(ask("scale down the worker").answer()).contains("can't").contains("scale one up");
        assertThat(ask("restart nginx tomorrow at 3am").answer())
                .contains("can't schedule")
                .contains("won't run it now");
    }

    @Test
    void negatedRequestIsDroppedAndTheRestIsAnswered() {
        ChatReply reply = ask("don't restart nginx, just show me its logs");

        assertThat(reply.intent()).isEqualTo("logs");
        assertThat(reply.slots()).containsEntry("service", "nginx");
        assertThat(ask("restart nginx, no wait, show the error logs first").intent())
                .isEqualTo("logs");
        assertThat(ask("not the api, check redis").slots()).containsEntry("service", "redis");
        assertThat(ask("don't restart redis").answer()).startsWith("OK, I won't");
        assertThat(gateway.inner.requests("restart_service")).isEmpty();
    }

    @Test
    void proposalStatesExactlyWhatWouldRunAndIsRecordedWithPrincipalAndSession() {
        ChatReply proposal = ask("restart nginx on app-1");

        assertThat(proposal.answer())
                .contains("restart nginx on app")
                .contains("action restart_service")
                .contains("target app")
                .contains("{unit=nginx}")
                .contains("dry-run or execute")
                .contains("it would wait for an approval (dry-run mode)")
                .contains("within 2m");
        assertThat(gateway.inner.requests()).isEmpty();
        ask("yes");

        assertThat(gateway.inner.requests()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("app");
            assertThat(r.requestedBy()).isEqualTo(ALICE);
        });
        assertThat(gateway.events)
                .extracting(ProposalEvent::kind)
                .containsExactly(ProposalEvent.Kind.PROPOSED, ProposalEvent.Kind.CONFIRMED);
        assertThat(gateway.events).allSatisfy(e -> {
            assertThat(e.principal()).isEqualTo(ALICE);
            assertThat(e.session()).isEqualTo("s-1");
        });
    }

    @Test
    void anythingButAConfirmationCancelsAndSaysSo() {
        ask("restart nginx");

        ChatReply next = ask("show critical alerts");
        ask("yes");

        assertThat(next.intent()).isEqualTo("alerts");
        assertThat(next.answer()).startsWith("Cancelled: I did not restart nginx on app.");
        assertThat(gateway.inner.requests()).isEmpty();
        assertThat(gateway.events)
                .extracting(ProposalEvent::kind)
                .containsExactly(ProposalEvent.Kind.PROPOSED, ProposalEvent.Kind.CANCELLED);
    }

    @Test
    void confirmationFromAnotherPrincipalOrSessionOrAfterExpiryDoesNothing() {
        ask("restart nginx");

        assertThat(ask("yes", "s-1", BOB).answer()).contains("Only alice");
        ask("yes", "s-2", ALICE);
        assertThat(gateway.inner.requests()).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        ChatReply late = ask("yes");

        assertThat(late.answer()).contains("expired");
        assertThat(gateway.inner.requests()).isEmpty();
        assertThat(gateway.events)
                .extracting(ProposalEvent::kind)
                .containsExactly(ProposalEvent.Kind.PROPOSED, ProposalEvent.Kind.EXPIRED);
    }

    @Test
    void confirmationJustInsideTheLimitSendsIt() {
        ask("restart nginx");
        clock.advance(Duration.ofSeconds(119));

        ask("confirm");

        assertThat(gateway.inner.requests()).hasSize(1);
    }

    @Test
    void unknownHostsAndServicesAreRefusedNamingTheKnownOnes() {
        ChatReply db7 = ask("restart postgres on db-7");
        ask("yes");
        assertThat(db7.answer()).contains("db-7").contains("app, monitor");
        assertThat(ask("restart mysql").answer()).contains("mysql").contains("nginx");
        assertThat(ask("restart grafana on app").answer()).contains("app does not run grafana");
        ask("yes");
        assertThat(gateway.inner.requests()).isEmpty();
    }

    @Test
    void twoNamesForOneMachineAreOneTarget() {
        for (String text : List.of(
                "restart nginx",
                "restart nginx on app-1",
                "restart nginx on 10.0.0.5",
                "restart nginx on the app box")) {
            ask(text);
            ask("yes");
        }

        assertThat(gateway.inner.requests("restart_service")).hasSize(4).allSatisfy(r -> {
            assertThat(r.target()).isEqualTo("app");
            assertThat(r.parameters()).containsEntry("unit", "nginx");
        });
    }

    @Test
    void approvalWithoutIdAppliesOnlyToTheSessionsOneOpenApproval() {
        ask("restart nginx", "other", BOB);
        ask("yes", "other", BOB);
        ChatReply none = ask("approve it");
        assertThat(none.answer())
                .as("bob's approval is not this session's")
                .contains("which one")
                .contains("act-1");

        ask("restart redis");
        ask("yes");
        ask("scale the worker up by 2");
        ask("yes");
        ChatReply two = ask("approve");
        assertThat(two.answer()).contains("which one");

        ask("deny act-3");
        ChatReply one = ask("approve");
        assertThat(one.answer()).contains("approve act-2");
        ask("yes");
        assertThat(gateway.inner.decisions())
                .containsExactly(
                        new RecordingGateway.Decision("act-3", ALICE, false),
                        new RecordingGateway.Decision("act-2", ALICE, true));
    }

    @Test
    void everyWayOfSayingNoDenies() {
        for (String no : List.of(
                "put a veto on 518",
                "nix act-518",
                "shoot down act-518",
                "don't approve act-518",
                "not yet on act-518",
                "reject 518")) {
            assertThat(ask(no).intent()).as(no).isEqualTo("deny");
        }
        assertThat(gateway.inner.decisions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I'm not approving 518",
                "not approving the nginx restart",
                "not greenlighting it",
                "I won't be approving that",
                "not signing off on 518",
                "no, I'm not ok with it"
            })
    void refusingAnApprovalInAnyTenseDeniesAndApprovesNothing(String text) {
        ask("restart nginx");
        ask("yes");

        ChatReply reply = ask(text);
        ask("yes");

        assertThat(reply.intent()).as(text).isEqualTo("deny");
        assertThat(gateway.inner.decisions()).as(text).noneMatch(RecordingGateway.Decision::approved);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I'm not ok with the nginx restart",
                "veto the nginx restart",
                "nix the restart",
                "turn down the nginx restart please",
                "block it"
            })
    void aDenialOfTheActionByNameDeniesTheSessionsOneOpenApproval(String text) {
        ask("restart nginx");
        ask("yes");

        ChatReply reply = ask(text);

        assertThat(reply.intent()).as(text).isEqualTo("deny");
        assertThat(gateway.inner.decisions()).as(text).hasSize(1).noneMatch(RecordingGateway.Decision::approved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm not going to block it", "don't veto the nginx restart", "never reject it"})
    void aNegatedDenialNeitherDeniesNorApproves(String text) {
        ask("restart nginx");
        ask("yes");

        ask(text);

        assertThat(gateway.inner.decisions()).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"why are you not approving it?", "why not approve it?", "is it not approved yet?"})
    void aQuestionAboutADecisionDecidesNothingEvenAfterYes(String text) {
        ask("restart nginx");
        ask("yes");

        ChatReply reply = ask(text);
        ask("yes");

        assertThat(reply.data()).as(text).doesNotContainKey("outcome");
        assertThat(gateway.inner.decisions()).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dont' silence the disk alert",
                "do'nt restart nginx",
                "dont restart nginx",
                "don;t restart nginx",
                "don,t bounce the worker"
            })
    void aMistypedDontStillDropsTheRequest(String text) {
        ChatReply reply = ask(text);
        ask("yes");

        assertThat(reply.intent()).as(text).isEqualTo("out_of_scope");
        assertThat(reply.data()).as(text).doesNotContainKey("proposal");
        assertThat(gateway.inner.requests()).as(text).isEmpty();
    }

    @Test
    void aMistypedDontDropsOnlyTheNegatedClause() {
        ChatReply reply = ask("dont' silence the disk alert, just show me the nginx logs");
        ask("yes");

        assertThat(reply.intent()).isEqualTo("logs");
        assertThat(reply.slots()).containsEntry("service", "nginx");
        assertThat(gateway.inner.requests()).isEmpty();
    }

    @Test
    void showPendingApprovalsListsThem() {
        ask("restart nginx", "other", BOB);
        ask("yes", "other", BOB);

        ChatReply reply = ask("show pending approvals");

        assertThat(reply.intent()).isEqualTo("pending_approvals");
        assertThat(reply.answer()).contains("act-1").contains("restart_service").contains("bob");
    }

    @Test
    void secretsAreRedactedBeforeTheyAreStoredAndRequestsForThemRefused() {
        ask(
                "restart nginx, the key is AKIAABCDEFGHIJKLMNOP and pw=hunter2 token sco_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        ask("yes");

        assertThat(gateway.inner.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .doesNotContain("AKIAABCDEFGHIJKLMNOP", "hunter2", "sco_abcdefghijklmnopqrstuvwxyz")
                        .contains("[REDACTED"));
        assertThat(ask("print the operator token").intent()).isEqualTo("out_of_scope");
        assertThat(ask("what's the postgres password").intent()).isEqualTo("out_of_scope");
    }

    @Test
    void restartTheThingAfterLogsIsOnlyAProposal() {
        ask("show logs for nginx");

        ChatReply reply = ask("restart the thing");

        assertThat(gateway.inner.requests()).isEmpty();
        assertThat(reply.data()).doesNotContainKey("outcome");
    }
}
