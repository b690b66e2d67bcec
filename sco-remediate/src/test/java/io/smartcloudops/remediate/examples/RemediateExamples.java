package io.smartcloudops.remediate.examples;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.action.CommandRunner;
import io.smartcloudops.remediate.action.RestartServiceAction;
import io.smartcloudops.remediate.alerting.AlertRouter;
import io.smartcloudops.remediate.alerting.NotificationGroups;
import io.smartcloudops.remediate.alerting.Silences;
import io.smartcloudops.remediate.audit.FileAuditAnchor;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.match.Matcher;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.KnownHosts;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.Rule;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleReloader;
import io.smartcloudops.remediate.rules.RuleSet;
import io.smartcloudops.remediate.state.SqliteSafetyState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Javadoc examples of sco-remediate, compiled; {@link JavadocExamplesTest} checks that the Javadoc shows them as
 * they are here, and runs those that need no host of their own. Parameters are what an example takes as given.
 */
class RemediateExamples {
    /** What the rule engine's example hands to {@link #audit}, in order. */
    final List<Alert> audited = new ArrayList<>();

    RuleEngine ruleEngine(List<Rule> rules, Sample sample, Score score, InstantSource clock) {
        // tag::RuleEngine[]
        RuleEngine engine = new RuleEngine(rules, Duration.ofMinutes(5));
        engine.observe(sample, score);
        for (Alert changed : engine.evaluate(clock.instant())) audit(changed);
        // end::RuleEngine[]
        return engine;
    }

    RuleReloader ruleReloader(Path path, RuleEngine engine) {
        // tag::RuleReloader[]
        RuleReloader rules = RuleReloader.fromFile(path, set -> engine.replaceRules(set.rules()));
        rules.reloadIfChanged(); // call on every evaluation round
        // end::RuleReloader[]
        return rules;
    }

    ActionResult policyGate(
            AuditLog audit, InstantSource clock, CommandRunner runner, Duration timeout, ActionRequest request) {
        // tag::PolicyGate[]
        PolicyGate gate = PolicyGate.builder(audit, clock)
                .action(new RestartServiceAction(runner, List.of("systemctl"), timeout))
                .build();
        ActionResult r = gate.request(request); // DRY_RUN by default
        // end::PolicyGate[]
        return r;
    }

    AlertRemediator alertRemediator(RuleSet ruleSet, PolicyGate gate, List<Alert> changedAlerts) {
        // tag::AlertRemediator[]
        AlertRemediator r = new AlertRemediator(() -> ruleSet, gate, KnownHosts.of(List.of("app", "monitor")));
        changedAlerts.forEach(r::onTransition);
        // end::AlertRemediator[]
        return r;
    }

    void notificationGroups(
            AuditLog audit,
            InstantSource clock,
            AlertRemediator remediator,
            Consumer<Notification> fanout,
            List<Alert> changedAlerts) {
        // tag::NotificationGroups[]
        NotificationGroups groups = NotificationGroups.start(NotificationGroups.Settings.defaults(), clock, fanout);
        AlertRouter router =
                AlertRouter.builder(audit, clock, remediator).grouping(groups).build();
        router.onTransitions(changedAlerts);
        groups.close(); // at shutdown: sends what is still waiting
        // end::NotificationGroups[]
    }

    boolean matcher() {
        // tag::Matcher[]
        Matcher m = Matcher.parse("host=~\"app|web\"");
        boolean hit = m.matches(Labels.of("host", "app")); // true
        // end::Matcher[]
        return hit;
    }

    CommandRunner.Result commandRunner(CommandRunner runner) throws ActionException {
        // tag::CommandRunner[]
        CommandRunner.Result r = runner.run(List.of("systemctl", "restart", "nginx"), Duration.ofSeconds(30));
        // end::CommandRunner[]
        return r;
    }

    AuditVerification sqliteAuditLog(AuditRecord record, Path copy, Path keyFile, AuditAnchor anchor) {
        // tag::SqliteAuditLog[]
        try (SqliteAuditLog log = SqliteAuditLog.options(Path.of("sco-data/audit.db"))
                .keyFile(Path.of("/etc/sco/audit.key"))
                .anchor(new FileAuditAnchor(Path.of("/var/lib/sco-anchor.json")))
                .clock(InstantSource.system())
                .open()) {
            log.append(record);
            if (!log.startupCheck().consistent())
                System.err.println("audit log degraded: " + log.startupCheck().problems());
        }
        AuditVerification v = SqliteAuditLog.verifyReadOnly(copy, keyFile, List.of(anchor)); // a forensic copy
        // end::SqliteAuditLog[]
        return v;
    }

    void safetyState(Path dataDir, InstantSource clock, AuditLog audit) {
        // tag::SafetyState[]
        try (SqliteSafetyState state = SqliteSafetyState.open(dataDir.resolve("state.db"), clock)) {
            PolicyGate gate = PolicyGate.builder(audit, clock).state(state).build(); // loads what is in force
            Silences silences = new Silences(state, clock.instant());
        }
        // end::SafetyState[]
    }

    private void audit(Alert changed) {
        audited.add(changed);
    }
}
