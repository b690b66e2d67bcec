package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SEVERITY;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The open alerts, by severity, service and host. */
final class AlertAnswers {

    private static final int MAX_LISTED = 10;

    private final OpsView view;

    AlertAnswers(OpsView view) {
        this.view = view;
    }

    Reply alerts(Interpretation in) {
        String severity = in.slot(SEVERITY);
        List<Alert> alerts = view.alerts().stream()
                .filter(a -> severity == null || a.severity() == Severity.parse(severity))
                .filter(a -> labelled(a, in.slot(SERVICE), in.slot(HOST)))
                .toList();
        String what = (severity == null ? "" : severity + " ") + "alerts";
        if (alerts.isEmpty()) {
            return Reply.of("No open " + what + ".", Map.of("alerts", List.of()));
        }
        StringBuilder sb = new StringBuilder(alerts.size() + " open " + what + ":");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Alert a : alerts.stream().limit(MAX_LISTED).toList()) {
            String summary = a.annotations().getOrDefault("summary", "");
            sb.append(String.format(
                    Locale.ROOT,
                    "\n- [%s] %s %s since %s %s%s",
                    a.severity().label(),
                    a.name(),
                    a.state().name().toLowerCase(Locale.ROOT),
                    a.activeSince(),
                    a.labels(),
                    summary.isEmpty() ? "" : ": " + summary));
            rows.add(Map.of(
                    "name",
                    a.name(),
                    "severity",
                    a.severity().label(),
                    "state",
                    a.state().name(),
                    "labels",
                    a.labels().asMap(),
                    "activeSince",
                    a.activeSince().toString()));
        }
        return Reply.of(sb.toString(), Map.of("alerts", rows, "total", alerts.size()));
    }

    private static boolean labelled(Alert a, String service, String host) {
        String labels = a.labels().asMap().values().toString().toLowerCase(Locale.ROOT) + " "
                + a.name().toLowerCase(Locale.ROOT);
        return (service == null || labels.contains(service))
                && (host == null || labels.contains(host) || labels.contains(host.substring(0, 3)));
    }
}
