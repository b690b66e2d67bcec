package io.smartcloudops.remediate.alerting;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager-style grouping: alerts with equal values of the {@code group_by} labels form one
 * group. Groups are ordered by priority: highest severity first, then the longest firing, then the
 * widest (most alerts).
 */
public final class AlertGroups {
    private AlertGroups() {}

    /** One group of alerts. */
    public record Group(Labels groupLabels, List<Alert> alerts) {
        public Severity severity() {
            return alerts.stream()
                    .map(Alert::severity)
                    .max(Comparator.naturalOrder())
                    .orElse(Severity.INFO);
        }

        public Instant since() {
            return alerts.stream()
                    .map(Alert::activeSince)
                    .min(Comparator.naturalOrder())
                    .orElse(Instant.MAX);
        }
    }

    public static List<Group> group(List<Alert> alerts, List<String> groupBy) {
        Map<Labels, List<Alert>> groups = new LinkedHashMap<>();
        for (Alert a : alerts) {
            Map<String, String> key = new LinkedHashMap<>();
            for (String l : groupBy) {
                String v = a.labels().get(l);
                if (v != null) {
                    key.put(l, v);
                }
            }
            groups.computeIfAbsent(Labels.of(key), k -> new ArrayList<>()).add(a);
        }
        return groups.entrySet().stream()
                .map(e -> new Group(e.getKey(), List.copyOf(e.getValue())))
                .sorted(Comparator.comparing(Group::severity)
                        .reversed()
                        .thenComparing(Group::since)
                        .thenComparing(g -> -g.alerts().size()))
                .toList();
    }
}
