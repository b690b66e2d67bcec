package io.smartcloudops.examples.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * The label sets Prometheus gives the static targets of a prometheus.yml: {@code job},
 * {@code instance}, the static labels, then the job's {@code relabel_configs} the way Prometheus
 * applies them (the {@code replace} action: source labels joined by the separator, a fully
 * anchored regex, {@code $1} references in the replacement; no match leaves the labels alone).
 * Any other relabel action fails, so a config this model does not understand cannot pass unread.
 */
final class ScrapeTargets {
    /** One scrape target as its series are labelled. */
    record Target(String job, String address, Map<String, String> labels) {}

    private ScrapeTargets() {}

    static List<Target> of(Path prometheusYml) {
        Map<String, Object> config;
        try {
            config = new Yaml().load(Files.readString(prometheusYml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Target> out = new ArrayList<>();
        for (Map<?, ?> job : list(config.get("scrape_configs"), Map.class)) {
            String name = String.valueOf(job.get("job_name"));
            for (Map<?, ?> sc : list(job.get("static_configs"), Map.class)) {
                Map<?, ?> statics = sc.get("labels") instanceof Map<?, ?> m ? m : Map.of();
                for (Object address : list(sc.get("targets"), Object.class)) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    labels.put("job", name);
                    labels.put("__address__", String.valueOf(address));
                    statics.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
                    for (Map<?, ?> rule : list(job.get("relabel_configs"), Map.class)) {
                        relabel(rule, labels);
                    }
                    labels.putIfAbsent("instance", labels.get("__address__"));
                    labels.keySet().removeIf(k -> k.startsWith("__"));
                    out.add(new Target(name, String.valueOf(address), Map.copyOf(labels)));
                }
            }
        }
        return out;
    }

    static void relabel(Map<?, ?> rule, Map<String, String> labels) {
        String action = String.valueOf(rule.get("action") == null ? "replace" : rule.get("action"));
        if (!action.equals("replace")) {
            throw new AssertionError("relabel action '" + action + "' is not modelled by ScrapeTargets: teach it");
        }
        String separator = rule.get("separator") == null ? ";" : String.valueOf(rule.get("separator"));
        String value = list(rule.get("source_labels"), Object.class).stream()
                .map(l -> labels.getOrDefault(String.valueOf(l), ""))
                .collect(Collectors.joining(separator));
        Pattern regex = Pattern.compile("^(?:" + (rule.get("regex") == null ? "(.*)" : rule.get("regex")) + ")$");
        Matcher m = regex.matcher(value);
        if (!m.matches()) {
            return;
        }
        String replacement = rule.get("replacement") == null ? "$1" : String.valueOf(rule.get("replacement"));
        StringBuilder result = new StringBuilder();
        Matcher ref = Pattern.compile("\\$\\{?(\\d+)\\}?").matcher(replacement);
        while (ref.find()) {
            int group = Integer.parseInt(ref.group(1));
            String g = group <= m.groupCount() && m.group(group) != null ? m.group(group) : "";
            ref.appendReplacement(result, Matcher.quoteReplacement(g));
        }
        ref.appendTail(result);
        String target = String.valueOf(rule.get("target_label"));
        if (result.isEmpty()) {
            labels.remove(target);
        } else {
            labels.put(target, result.toString());
        }
    }

    private static <T> List<T> list(Object o, Class<T> type) {
        return o instanceof List<?> l
                ? l.stream().filter(type::isInstance).map(type::cast).toList()
                : List.of();
    }
}
