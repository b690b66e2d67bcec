package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17's safety behaviours end to end: the real agent over HTTP in {@code execute} mode with an
 * operator token, the offline engine, the real gate and audit log; only the executor is harmless
 * (the "systemctl" it calls appends its arguments to a file), so every run is counted twice, in the
 * audit log's {@code started} entries and in the file. Time is a controlled clock.
 */
class ChatOverHttpSafetyTest {
    private static final Instant T0 = Instant.parse("2026-12-04T07:00:00Z");

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private Path runs;
    private Agent agent;
    private String operator;

    @BeforeEach
    void start() throws IOException {
        runs = dir.resolve("systemctl-calls.txt");
        Files.createFile(runs);
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dir.resolve("data"))
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("offline")
                        .actionMode(ActionMode.EXECUTE)
                        .systemctl(List.of("/bin/sh", "-c", "echo \"$@\" >> '" + runs + "'", "systemctl"))
                        .actions(Map.of(
                                "run_command",
                                ProviderConfig.of(
                                        "actions.run_command",
                                        Map.of("allow", Map.of("say_hi", Map.of("argv", List.of("/bin/echo", "hi")))))))
                        .build())
                .clock(now::get)
                .build()
                .start();
        // the deployment these queries talk about, as the agent learns it: from the series it watches
        for (String service : List.of("nginx", "api", "postgres", "redis", "worker")) {
            agent.ops()
                    .ingest(new Sample(
                            SeriesId.of("up", Labels.of("host", "app", "service", service)), T0.toEpochMilli(), 1));
        }
        operator = agent.tokens().create("ops", Role.OPERATOR, T0);
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private JsonNode ask(String text, String session) throws Exception {
        return ask(text, session, operator);
    }

    private JsonNode ask(String text, String session, String token) throws Exception {
        String body = json.writeValueAsString(Map.of("text", text, "session", session));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/query"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(text + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private List<AuditEntry> started() {
        return agent.ops().audit().query(AuditQuery.builder().outcome("started").build());
    }

    private List<String> executorCalls() throws IOException {
        return Files.readAllLines(runs);
    }

    // One agent for all of them (each starts its own engine and model, seconds apiece); a session each.
    private static final List<String> NOT_COMMANDS = List.of(
            "should I restart nginx?",
            "what happens if I restart nginx?",
            "why did you restart nginx?",
            "can you restart nginx tomorrow at 3am?",
            "how would I restart nginx on app?",
            "is it safe to bounce the worker now?",
            "don't restart nginx",
            "restart nginx, no wait, logs first",
            "not the api, the worker logs please",
            "can you even restart stuff?",
            "who greenlit the nginx restart?",
            "scale down the api to 1",
            "flush the cache",
            "drop the table",
            "put a veto on 518");

    @Test
    void aQuestionHypotheticalNegationOrAbilityQuestionLeavesNoStartedEntryEvenAfterYes() throws Exception {
        int session = 0;
        for (String text : NOT_COMMANDS) {
            String s = "q-" + session++;
            JsonNode reply = ask(text, s);
            assertThat(reply.get("intent").asText())
                    .as(text)
                    .isNotIn("restart_service", "scale_up", "silence", "approve");
            ask("yes", s);

            assertThat(started())
                    .as(text + " -> " + reply.get("answer").asText())
                    .isEmpty();
            assertThat(executorCalls()).as(text).isEmpty();
        }
    }

    @Test
    void aProposalFollowedByYesRunsExactlyOnceAndASecondYesDoesNothingMore() throws Exception {
        JsonNode proposal = ask("restart nginx on app", "s1");
        assertThat(proposal.get("intent").asText()).isEqualTo("restart_service");
        assertThat(proposal.get("answer").asText())
                .contains("nginx")
                .contains("app")
                .contains("execute");
        assertThat(started()).as("a proposal alone sends nothing").isEmpty();

        JsonNode yes = ask("yes", "s1");
        assertThat(yes.get("data").get("outcome").asText()).as(yes.toString()).isEqualTo("succeeded");
        ask("yes", "s1");
        ask("confirm", "s1");

        assertThat(started()).singleElement().satisfies(e -> {
            assertThat(e.record().action()).isEqualTo("restart_service");
            assertThat(e.record().subject()).isEqualTo("app");
            assertThat(e.record().actor()).isEqualTo("ops");
        });
        assertThat(executorCalls()).containsExactly("restart nginx");
    }

    @Test
    void yesFromAnotherSessionOrAnotherOperatorOrAfterExpiryDoesNothing() throws Exception {
        String other = agent.tokens().create("eve", Role.OPERATOR, T0);
        ask("restart nginx on app", "s1");
        ask("yes", "s2");
        ask("yes", "s1", other);
        assertThat(started()).isEmpty();

        now.set(T0.plus(Duration.ofMinutes(2)).plusSeconds(1));
        JsonNode late = ask("yes", "s1");

        assertThat(late.get("answer").asText()).contains("expired");
        assertThat(started()).isEmpty();
        assertThat(executorCalls()).isEmpty();
    }

    @Test
    void anUnknownHostIsRefusedNamingTheKnownOnesAndNothingRunsLocally() throws Exception {
        Map<String, List<String>> refusals = Map.of(
                "restart postgres on db-7",
                List.of("db-7", "app"),
                "restart redis on 10.0.0.5",
                List.of("10.0.0.5", "app"),
                "restart mysql",
                List.of("mysql", "nginx"));
        for (Map.Entry<String, List<String>> r : refusals.entrySet()) {
            JsonNode reply = ask(r.getKey(), "u");
            ask("yes", "u");
            assertThat(reply.get("answer").asText()).as(r.getKey()).contains(r.getValue());
            assertThat(reply.get("data").has("proposal")).as(r.getKey()).isFalse();
        }
        assertThat(started()).isEmpty();
        assertThat(executorCalls()).isEmpty();
    }

    @Test
    void twoNamesForOneTargetShareOneCooldown() throws Exception {
        ask("restart nginx on app", "c");
        JsonNode first = ask("yes", "c");
        ask("restart nginx on app-1", "c");
        JsonNode second = ask("yes", "c");

        assertThat(first.get("data").get("outcome").asText()).isEqualTo("succeeded");
        assertThat(second.get("data").get("outcome").asText())
                .as(second.toString())
                .isNotEqualTo("succeeded");
        assertThat(second.get("answer").asText()).containsIgnoringCase("cooldown");
        assertThat(started()).hasSize(1);
        assertThat(executorCalls()).containsExactly("restart nginx");
    }

    @Test
    void everyExampleTheHelpAnswerShowsWorksOverHttp() throws Exception {
        JsonNode help = ask("help", "h");
        JsonNode examples = help.get("data").get("examples");
        assertThat(examples.size()).isGreaterThanOrEqualTo(8);
        int session = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = examples.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(help.get("answer").asText()).as("shown in the answer").contains(e.getKey());
            String s = "ex-" + session++;
            JsonNode r = ask(e.getKey(), s);
            assertThat(r.get("intent").asText())
                    .as(e.getKey() + ": " + r.get("answer").asText())
                    .isEqualTo(e.getValue().asText());
            assertThat(r.get("data").has("clarify")
                            || r.get("data").has("refused")
                            || r.get("data").has("error"))
                    .as(e.getKey() + ": " + r.get("answer").asText())
                    .isFalse();
            if (r.get("data").path("confirm").asBoolean()) {
                JsonNode sent = ask("yes", s);
                assertThat(sent.get("data").has("outcome"))
                        .as(e.getKey() + " confirmed: " + sent.get("answer").asText())
                        .isTrue();
                assertThat(sent.get("data").get("outcome").asText())
                        .as(e.getKey() + ": " + sent.get("answer").asText())
                        .isNotIn("rejected", "failed");
            }
        }
    }
}
