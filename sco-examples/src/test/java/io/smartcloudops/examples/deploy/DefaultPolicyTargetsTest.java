package io.smartcloudops.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.examples.deploy.ScrapeTargets.Target;
import io.smartcloudops.remediate.rules.RemediationPolicy;
import io.smartcloudops.remediate.rules.RuleSet;
import io.smartcloudops.runtime.DefaultRulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The default rule pack's policies, applied to the alerts the deployed Prometheus raises, act on
 * the host the alert is about by the name the monitor knows it by. Each alert is what a rule of
 * deploy/prometheus/rules or of the default pack fires on one scrape target of
 * deploy/prometheus/prometheus.yml (its labels as Prometheus relabels them); the rendered
 * restart_service target must be a remote of deploy/sco/monitor.yml for app targets and the
 * monitor's own name for its own, never host:port. It catches `{{ $labels.instance }}`, which sent
 * NginxDown's restart of app:80 to the monitor.
 */
class DefaultPolicyTargetsTest {
    private static final Path REPO =
            Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    /** The monitor's name for itself (monitor.sh maps it to 127.0.0.1): a target it acts on locally. */
    private static final String MONITOR = "monitor";

    @Test
    void everyDefaultPolicyTargetsTheRemoteNameOfTheAlertsHost() throws IOException {
        RuleSet pack = DefaultRulePack.load();
        Set<String> remotes = remotes();
        assertThat(remotes).as("deploy/sco/monitor.yml remotes").contains("app");
        List<Target> targets = ScrapeTargets.of(REPO.resolve("deploy/prometheus/prometheus.yml"));
        assertThat(targets).extracting(Target::job).contains("node", "smartcloudops", "nginx");

        Set<String> exercised = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Target t : targets) {
            String hostName = t.address().substring(0, t.address().lastIndexOf(':'));
            assertThat(t.labels())
                    .as("labels of %s target %s", t.job(), t.address())
                    .containsEntry("host", hostName);
            for (AlertSpec rule : alertingRules(pack)) {
                Map<String, String> labels = new LinkedHashMap<>(t.labels());
                labels.putAll(rule.labels());
                labels.put("alertname", rule.name());
                Alert alert = new Alert(
                        rule.name(),
                        Labels.of(labels),
                        Map.of(),
                        AlertState.FIRING,
                        Severity.CRITICAL,
                        AT,
                        AT,
                        null,
                        0,
                        "alertmanager");
                for (RemediationPolicy p : pack.policies()) {
                    if (!p.applies(alert)) {
                        continue;
                    }
                    exercised.add(p.name());
                    String target = p.remediation().requestFor(alert).target();
                    String expected = hostName.equals(MONITOR) ? MONITOR : hostName;
                    String what =
                            "policy '" + p.name() + "' on " + rule.name() + " of " + t.job() + " target " + t.address();
                    if (!target.equals(expected)) {
                        problems.add(what + " targets '" + target + "', not '" + expected + "'");
                    }
                    if (!hostName.equals(MONITOR) && !remotes.contains(target)) {
                        problems.add(what + " targets '" + target + "', which is no remote of monitor.yml " + remotes);
                    }
                    p.remediation().verify().ifPresent(v -> {
                        String verifyTarget = v.verificationFor(alert).check().target();
                        if (!verifyTarget.equals(expected)) {
                            problems.add(
                                    what + ": its verification targets '" + verifyTarget + "', not '" + expected + "'");
                        }
                    });
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(exercised)
                .as("policies a deployed alert reaches")
                .contains("restart nginx", "restart a runaway app on CPU trouble");
    }

    @Test
    void everyServicePolicyOfThePackNamesTheHostNotTheInstance() {
        for (RemediationPolicy p : DefaultRulePack.load().policies()) {
            assertThat(p.remediation().target()).as(p.name()).isEqualTo("{{ $labels.host }}");
            p.remediation()
                    .verify()
                    .ifPresent(
                            v -> assertThat(v.target()).as(p.name() + " verify").isEqualTo("{{ $labels.host }}"));
        }
    }

    @Test
    void aTargetWithoutHostGetsItFromItsAddressAndAnExplicitHostWins() {
        Map<?, ?> rule = Map.of(
                "source_labels",
                List.of("host", "__address__"),
                "separator",
                ";",
                "regex",
                ";([^:]+)(:[0-9]+)?",
                "target_label",
                "host",
                "replacement",
                "$1");
        Map<String, String> derived = new LinkedHashMap<>(Map.of("__address__", "app:80"));
        ScrapeTargets.relabel(rule, derived);
        assertThat(derived).containsEntry("host", "app");
        Map<String, String> explicit = new LinkedHashMap<>(Map.of("__address__", "10.0.2.10:80", "host", "app"));
        ScrapeTargets.relabel(rule, explicit);
        assertThat(explicit).containsEntry("host", "app");
    }

    /** An alert a rule raises: its name and the labels the rule adds. */
    private record AlertSpec(String name, Map<String, String> labels) {}

    /** The rules that raise alerts on the deployment: Prometheus's (through Alertmanager) and the pack's. */
    private static List<AlertSpec> alertingRules(RuleSet pack) throws IOException {
        List<AlertSpec> out = new ArrayList<>();
        pack.rules().forEach(r -> out.add(new AlertSpec(r.name(), r.labels())));
        try (Stream<Path> files = Files.list(REPO.resolve("deploy/prometheus/rules"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                Map<String, Object> doc = new Yaml().load(Files.readString(f));
                for (Object g : (List<?>) doc.get("groups")) {
                    for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                        Map<?, ?> rule = (Map<?, ?>) r;
                        Map<String, String> labels = new LinkedHashMap<>();
                        if (rule.get("labels") instanceof Map<?, ?> l) {
                            l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
                        }
                        out.add(new AlertSpec(String.valueOf(rule.get("alert")), labels));
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> remotes() throws IOException {
        Map<String, Object> monitor = new Yaml().load(Files.readString(REPO.resolve("deploy/sco/monitor.yml")));
        return monitor.get("remotes") instanceof Map<?, ?> r
                ? r.keySet().stream().map(String::valueOf).collect(Collectors.toCollection(LinkedHashSet::new))
                : Set.of();
    }
}
