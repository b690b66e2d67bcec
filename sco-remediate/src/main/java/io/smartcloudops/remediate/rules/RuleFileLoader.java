package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.remediate.match.Matcher;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads rule files shaped like Prometheus' alerting rules. The whole file is checked before any of
 * it is used; every problem is reported as {@code file:line: what is wrong}, and one problem rejects
 * the file, so the rules in force stay as they were.
 *
 * <pre>{@code
 * groups:
 *   - name: host
 *     rules:
 *       - alert: HighCpuUsage
 *         expr: node_cpu_usage_percent > 90
 *         for: 2m
 *         labels: {severity: warning}
 *         annotations: {summary: "CPU at {{ $value }}% on {{ $labels.host }}"}
 *         remediation: {action: restart_service, target: "{{ $labels.host }}", parameters: {unit: app}}
 * }</pre>
 */
public final class RuleFileLoader {
    static final int MAX_BYTES = 1 << 20;
    private static final Set<String> TOP = Set.of("groups", "policies");
    private static final Set<String> POLICY = Set.of("name", "match", "remediation");
    private static final Set<String> VERIFY = Set.of("action", "target", "parameters", "attempts", "interval");
    private static final Set<String> GROUP = Set.of("name", "rules", "interval");
    private static final Set<String> RULE =
            Set.of("alert", "expr", "for", "labels", "annotations", "remediation", "keep_firing_for");
    private static final Set<String> REMEDIATION = Set.of("action", "target", "parameters", "verify");
    private static final Pattern ALERT_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private String source;
    private List<String> problems;

    public List<Rule> load(Path file) {
        return loadSet(file).rules();
    }

    /** Reads a rule file with its remediation policies. */
    public RuleSet loadSet(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new RuleFileException(List.of(file + ": file is " + size + " bytes; the limit is " + MAX_BYTES));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parseSet(file.toString(), text);
    }

    /** Parses rule text; {@code name} is how errors refer to it. */
    public List<Rule> parse(String name, String text) {
        return parseSet(name, text).rules();
    }

    /** Parses rule text with its remediation policies. */
    public RuleSet parseSet(String name, String text) {
        this.source = name;
        this.problems = new ArrayList<>();
        if (text.length() > MAX_BYTES) {
            throw new RuleFileException(List.of(name + ": text is longer than " + MAX_BYTES + " characters"));
        }
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = yaml().compose(reader);
        } catch (RuntimeException | IOException e) {
            throw new RuleFileException(
                    List.of(name + ": not valid YAML: " + e.getMessage().replace('\n', ' ')));
        }
        List<Rule> rules = new ArrayList<>();
        List<RemediationPolicy> policies = new ArrayList<>();
        if (root == null) {
            problem(null, "file is empty; expected 'groups:'");
        } else {
            Map<String, Node> top = mapping(root, "the file", TOP);
            if (top != null) {
                Node groups = top.get("groups");
                if (groups == null) {
                    problem(root, "missing 'groups:'");
                } else if (groups instanceof SequenceNode seq) {
                    Set<String> ruleNames = new HashSet<>();
                    for (Node g : seq.getValue()) {
                        group(g, rules, ruleNames);
                    }
                } else {
                    problem(groups, "'groups' must be a list");
                }
                Node pol = top.get("policies");
                if (pol instanceof SequenceNode seq) {
                    for (Node p : seq.getValue()) {
                        policy(p).ifPresent(policies::add);
                    }
                } else if (pol != null) {
                    problem(pol, "'policies' must be a list");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems);
        }
        return new RuleSet(rules, policies);
    }

    private Optional<RemediationPolicy> policy(Node node) {
        int before = problems.size();
        Map<String, Node> p = mapping(node, "a policy", POLICY);
        if (p == null) {
            return Optional.empty();
        }
        String name = scalar(p.get("name"), "policy 'name'", node);
        List<Matcher> match = new ArrayList<>();
        Node m = p.get("match");
        if (m instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            for (Node item : seq.getValue()) {
                String text = scalar(item, "a matcher", item);
                if (text != null) {
                    try {
                        match.add(Matcher.parse(text));
                    } catch (IllegalArgumentException e) {
                        problem(item, e.getMessage());
                    }
                }
            }
        } else {
            problem(
                    m == null ? node : m,
                    "policy needs 'match:', a non-empty list of matchers like 'alertname=\"NginxDown\"'");
        }
        Optional<Remediation> remediation =
                p.containsKey("remediation") ? remediation(p.get("remediation")) : Optional.empty();
        if (!p.containsKey("remediation")) {
            problem(node, "policy needs 'remediation:'");
        }
        if (problems.size() > before || name == null || remediation.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RemediationPolicy(name, match, remediation.get()));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit(MAX_BYTES);
        return new Yaml(options);
    }

    private void group(Node node, List<Rule> out, Set<String> seen) {
        Map<String, Node> g = mapping(node, "a group", GROUP);
        if (g == null) {
            return;
        }
        String groupName = scalar(g.get("name"), "group name", node);
        Node rulesNode = g.get("rules");
        if (rulesNode == null) {
            problem(node, "group '" + groupName + "' has no 'rules:'");
            return;
        }
        if (!(rulesNode instanceof SequenceNode seq)) {
            problem(rulesNode, "'rules' must be a list");
            return;
        }
        for (Node r : seq.getValue()) {
            rule(groupName, r, seen).ifPresent(out::add);
        }
    }

    private Optional<Rule> rule(String group, Node node, Set<String> seen) {
        int before = problems.size();
        Map<String, Node> r = mapping(node, "a rule", RULE);
        if (r == null) {
            return Optional.empty();
        }
        String name = scalar(r.get("alert"), "'alert' (the rule name)", node);
        if (name != null && !ALERT_NAME.matcher(name).matches()) {
            problem(r.get("alert"), "alert name '" + name + "' must match " + ALERT_NAME.pattern());
        }
        Condition condition = null;
        String expr = scalar(r.get("expr"), "'expr'", node);
        if (expr != null) {
            try {
                condition = ExpressionParser.parse(expr);
            } catch (IllegalArgumentException e) {
                problem(r.get("expr"), e.getMessage());
            }
        }
        Duration forDuration = duration(r.get("for"), "for");
        Map<String, String> labels = stringMap(r.get("labels"), "labels", true);
        Map<String, String> annotations = stringMap(r.get("annotations"), "annotations", false);
        annotations.forEach((k, v) -> {
            String p = Template.problem(v);
            if (p != null) {
                problem(r.get("annotations"), "annotation '" + k + "': " + p);
            }
        });
        Optional<Remediation> remediation = remediation(r.get("remediation"));
        if (name != null && !seen.add(group + "/" + name + "/" + labels)) {
            problem(node, "rule '" + name + "' appears twice in group '" + group + "' with the same labels");
        }
        if (problems.size() > before || condition == null) {
            return Optional.empty();
        }
        return Optional.of(new Rule(group, name, condition, forDuration, labels, annotations, remediation));
    }

    private Optional<Remediation> remediation(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        Map<String, Node> m = mapping(node, "remediation", REMEDIATION);
        if (m == null) {
            return Optional.empty();
        }
        String action = scalar(m.get("action"), "remediation 'action'", node);
        String target = m.containsKey("target")
                ? scalar(m.get("target"), "remediation 'target'", node)
                : "{{ $labels.instance }}";
        Map<String, String> params = stringMap(m.get("parameters"), "remediation parameters", false);
        for (String v : params.values()) {
            String p = Template.problem(v);
            if (p != null) {
                problem(m.get("parameters"), p);
            }
        }
        if (target != null && Template.problem(target) != null) {
            problem(m.get("target"), Template.problem(target));
        }
        Optional<VerifySpec> verify = m.containsKey("verify") ? verify(m.get("verify")) : Optional.empty();
        return action == null || target == null
                ? Optional.empty()
                : Optional.of(new Remediation(action, target, params, verify));
    }

    private Optional<VerifySpec> verify(Node node) {
        Map<String, Node> v = mapping(node, "verify", VERIFY);
        if (v == null) {
            return Optional.empty();
        }
        String action = v.containsKey("action") ? scalar(v.get("action"), "verify 'action'", node) : "health_check";
        String target =
                v.containsKey("target") ? scalar(v.get("target"), "verify 'target'", node) : "{{ $labels.instance }}";
        Map<String, String> params = stringMap(v.get("parameters"), "verify parameters", false);
        int attempts = 3;
        if (v.containsKey("attempts")) {
            String a = scalar(v.get("attempts"), "verify 'attempts'", node);
            try {
                attempts = Integer.parseInt(a);
                if (attempts < 1 || attempts > 60) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problem(v.get("attempts"), "verify 'attempts' must be a whole number from 1 to 60, got '" + a + "'");
            }
        }
        Duration interval = v.containsKey("interval") ? duration(v.get("interval"), "interval") : Duration.ofSeconds(5);
        return action == null || target == null
                ? Optional.empty()
                : Optional.of(new VerifySpec(action, target, params, attempts, interval));
    }

    private Duration duration(Node node, String field) {
        if (node == null) {
            return Duration.ZERO;
        }
        String text = scalar(node, "'" + field + "'", node);
        if (text == null) {
            return Duration.ZERO;
        }
        try {
            return ProviderConfig.parseDuration("for", text);
        } catch (RuntimeException e) {
            problem(node, "'" + field + ": " + text + "' is not a duration (try 30s, 5m, 1h)");
            return Duration.ZERO;
        }
    }

    private Map<String, String> stringMap(Node node, String what, boolean labelNames) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            problem(node, "'" + what + "' must be a mapping of names to values");
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode v)) {
                problem(t.getKeyNode(), "'" + what + "' entries must be plain name: value pairs");
                continue;
            }
            if (labelNames && !LABEL_NAME.matcher(k.getValue()).matches()) {
                problem(k, "label name '" + k.getValue() + "' must match " + LABEL_NAME.pattern());
                continue;
            }
            if (out.put(k.getValue(), v.getValue()) != null) {
                problem(k, "duplicate key '" + k.getValue() + "' in " + what);
            }
        }
        return out;
    }

    private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            problem(node, what + " must be a mapping");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), "keys must be plain names");
                continue;
            }
            if (!allowed.contains(k.getValue())) {
                problem(
                        k,
                        "unknown field '" + k.getValue() + "' in " + what + "; allowed: "
                                + allowed.stream().sorted().toList());
                continue;
            }
            if (out.put(k.getValue(), t.getValueNode()) != null) {
                problem(k, "duplicate key '" + k.getValue() + "' in " + what);
            }
        }
        return out;
    }

    private String scalar(Node node, String what, Node parent) {
        if (node == null) {
            problem(parent, "missing " + what);
            return null;
        }
        if (!(node instanceof ScalarNode s)) {
            problem(node, what + " must be a single value");
            return null;
        }
        if (s.getValue().isBlank()) {
            problem(node, what + " is empty");
            return null;
        }
        return s.getValue();
    }

    private void problem(Node at, String message) {
        String where = at == null ? source : source + ":" + (at.getStartMark().getLine() + 1);
        problems.add(where + ": " + message);
    }
}
