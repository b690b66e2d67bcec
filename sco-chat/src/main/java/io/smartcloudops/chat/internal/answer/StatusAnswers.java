package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.StatusSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The agent at a glance: uptime, open alerts, recent anomalies and actions, and how its sources are. */
final class StatusAnswers {

    private final OpsView view;

    StatusAnswers(OpsView view) {
        this.view = view;
    }

    Reply status() {
        StatusSnapshot s = view.status();
        long critical = s.openAlerts().stream()
                .filter(a -> a.severity() == Severity.CRITICAL)
                .count();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT, "Agent up %s, watching %d series. ", Texts.human(s.uptime()), s.seriesWatched()));
        sb.append(
                s.openAlerts().isEmpty()
                        ? "No open alerts. "
                        : String.format(
                                Locale.ROOT,
                                "%d open alert(s), %d critical: %s. ",
                                s.openAlerts().size(),
                                critical,
                                String.join(
                                        ", ",
                                        s.openAlerts().stream()
                                                .limit(5)
                                                .map(Alert::name)
                                                .toList())));
        sb.append(String.format(
                Locale.ROOT,
                "%d recent anomal%s, %d recent action(s).",
                s.recentAnomalies().size(),
                s.recentAnomalies().size() == 1 ? "y" : "ies",
                s.recentActions().size()));
        List<String> unhealthy = s.sources().entrySet().stream()
                .filter(e -> !"ok".equalsIgnoreCase(e.getValue()))
                .map(e -> e.getKey() + ": " + e.getValue())
                .sorted()
                .toList();
        sb.append(unhealthy.isEmpty() ? " All sources ok." : " Source problems: " + String.join("; ", unhealthy) + ".");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uptime", s.uptime().toString());
        data.put("seriesWatched", s.seriesWatched());
        data.put("openAlerts", s.openAlerts().stream().map(Alert::name).toList());
        data.put("criticalAlerts", critical);
        data.put("recentAnomalies", s.recentAnomalies().size());
        data.put("recentActions", s.recentActions().size());
        data.put("sources", s.sources());
        return Reply.of(sb.toString(), data);
    }
}
