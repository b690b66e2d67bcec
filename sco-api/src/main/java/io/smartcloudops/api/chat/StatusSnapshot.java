package io.smartcloudops.api.chat;

import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.AnomalyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agent at a glance, as {@code GET /status} shows it.
 *
 * @param sources each source's health: {@code ok}, or what is wrong
 */
public record StatusSnapshot(
        Instant startedAt,
        Duration uptime,
        int seriesWatched,
        List<Alert> openAlerts,
        List<AnomalyEvent> recentAnomalies,
        List<ActionResult> recentActions,
        Map<String, String> sources) {

    public StatusSnapshot {
        openAlerts = List.copyOf(openAlerts);
        recentAnomalies = List.copyOf(recentAnomalies);
        recentActions = List.copyOf(recentActions);
        sources = Map.copyOf(sources);
    }
}
