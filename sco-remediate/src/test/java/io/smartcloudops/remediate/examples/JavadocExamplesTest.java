package io.smartcloudops.remediate.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.examples.JavadocExamples;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.action.CommandRunner;
import io.smartcloudops.remediate.action.RestartServiceAction;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.KnownHosts;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.RuleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sco-remediate's Javadoc examples are the compiled ones beside this test (Java in {@code RemediateExamples}, the
 * rule file in {@code src/test/resources/examples}), checked with sco-api's checker; those that need no host of
 * their own run here. Paths are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path RESOURCES = Path.of("src/test/resources/examples");
    private static final List<Path> EXAMPLES =
            List.of(Path.of("src/test/java/io/smartcloudops/remediate/examples"), RESOURCES);
    private static final Path RULE_FILE = RESOURCES.resolve("rules.yaml");
    private static final SeriesId APP_CPU = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app"));

    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final InstantSource clock = () -> now;
    /** The example gate never runs a command: it acts in DRY_RUN unless told otherwise. */
    private final List<List<String>> ran = new CopyOnWriteArrayList<>();

    private final CommandRunner runner = (command, timeout) -> {
        ran.add(command);
        return new CommandRunner.Result(0, "");
    };
    private final RemediateExamples examples = new RemediateExamples();
    private SqliteAuditLog audit;

    @BeforeEach
    void openAudit() {
        audit = SqliteAuditLog.open(dir.resolve("audit.db"), clock);
    }

    @AfterEach
    void closeAudit() {
        audit.close();
    }

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }

    @Test
    void theReloaderExampleHandsTheExampleRuleFileToTheEngine() {
        RuleEngine engine = new RuleEngine(List.of(), Duration.ofMinutes(5));

        examples.ruleReloader(RULE_FILE, engine);

        assertThat(engine.rules()).extracting(r -> r.name()).containsExactly("HighCpuUsage");
    }

    @Test
    void theExampleRuleFiresAfterItsTwoMinutesWithTheSummaryItShows() {
        RuleSet rules = new RuleFileLoader().loadSet(RULE_FILE);

        RuleEngine engine = examples.ruleEngine(rules.rules(), cpu(95), Score.none("threshold rule"), clock);
        now = now.plus(Duration.ofMinutes(2)).minusSeconds(1);
        List<Alert> early = engine.evaluate(now);
        now = now.plusSeconds(1);
        List<Alert> due = engine.evaluate(now);

        assertThat(examples.audited)
                .extracting(Alert::name, Alert::state)
                .containsExactly(tuple("HighCpuUsage", AlertState.PENDING));
        assertThat(early).isEmpty();
        assertThat(due).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.labels().get("severity")).isEqualTo("warning");
            assertThat(a.annotations()).containsEntry("summary", "CPU at 95% on app");
        });
    }

    @Test
    void theRemediatorExampleRestartsTheRulesUnitOnTheAlertsHostInDryRun() {
        RuleSet rules = new RuleFileLoader().loadSet(RULE_FILE);
        PolicyGate gate = PolicyGate.builder(audit, clock)
                .action(new RestartServiceAction(runner, List.of("systemctl"), Duration.ofSeconds(30)))
                .build();

        examples.alertRemediator(rules, gate, List.of(firing(rules)));

        assertThat(ran).isEmpty();
        assertThat(audit.query(AuditQuery.latest(10)))
                .extracting(
                        e -> e.record().subject(),
                        e -> e.record().action(),
                        e -> e.record().outcome())
                .contains(tuple("app", "restart_service", "dry_run"));
    }

    @Test
    void thePolicyGateExampleOnlySaysWhatItWouldRun() {
        ActionRequest request = ActionRequest.builder("restart_service", "app")
                .parameter("unit", "nginx")
                .build();

        ActionResult r = examples.policyGate(audit, clock, runner, Duration.ofSeconds(30), request);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.DRY_RUN);
        assertThat(r.message()).isEqualTo("would run: systemctl restart nginx");
        assertThat(ran).isEmpty();
    }

    @Test
    void theNotificationGroupsExampleSendsTheWaitingGroupAtClose() {
        RuleSet rules = new RuleFileLoader().loadSet(RULE_FILE);
        PolicyGate gate = PolicyGate.builder(audit, clock).build();
        List<Notification> sent = new ArrayList<>();

        // group_wait (30 s) has not passed on this clock: only close can send the group
        AlertRemediator remediator = new AlertRemediator(() -> rules, gate, KnownHosts.of(List.of("app")));
        examples.notificationGroups(audit, clock, remediator, sent::add, List.of(firing(rules)));

        assertThat(sent)
                .extracting(Notification::title)
                .singleElement()
                .asString()
                .startsWith("[FIRING:1] HighCpuUsage");
    }

    @Test
    void theMatcherExampleMatchesWhatItsCommentSays() {
        assertThat(examples.matcher()).isTrue();
    }

    private Sample cpu(double value) {
        return new Sample(APP_CPU, now.toEpochMilli(), value);
    }

    private Alert firing(RuleSet rules) {
        RuleEngine engine = new RuleEngine(rules.rules(), Duration.ofMinutes(5));
        engine.observe(cpu(95), Score.none("threshold rule"));
        engine.evaluate(now);
        return engine.evaluate(now.plus(Duration.ofMinutes(2))).get(0);
    }
}
