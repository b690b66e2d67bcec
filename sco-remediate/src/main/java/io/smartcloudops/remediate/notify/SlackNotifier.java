package io.smartcloudops.remediate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.NotificationException;
import io.smartcloudops.api.notify.Notifier;
import java.util.List;
import java.util.Map;

/**
 * {@code slack}: posts to a Slack-compatible incoming webhook ({@code {"text": ..., "attachments": [...]}}),
 * which Mattermost and Rocket.Chat accept too. Text is escaped as Slack's mrkdwn requires.
 */
public final class SlackNotifier implements Notifier {
    private final HttpPoster poster;
    private final ObjectMapper json = new ObjectMapper();

    SlackNotifier(HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void send(Notification n) throws NotificationException {
        String color = switch (n.severity()) {
            case CRITICAL -> "danger";
            case WARNING -> "warning";
            case INFO -> "good";
        };
        String icon = n.severity() == Severity.CRITICAL ? ":rotating_light:" : ":information_source:";
        Map<String, Object> body = Map.of(
                "text",
                icon + " *" + escape(n.title()) + "*",
                "attachments",
                List.of(Map.of(
                        "color",
                        color,
                        "text",
                        escape(n.body()),
                        "footer",
                        "SmartCloudOps " + escape(n.labels().toString()),
                        "ts",
                        n.at().getEpochSecond())));
        try {
            poster.post(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new NotificationException("cannot encode notification", e);
        }
    }

    /** Slack treats {@code &}, {@code <} and {@code >} as markup. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
