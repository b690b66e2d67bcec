package io.smartcloudops.remediate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.NotificationException;
import io.smartcloudops.api.notify.Notifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code webhook}: posts each notification as JSON:
 * {@code {"title", "body", "severity", "labels", "at", "source": "smartcloudops"}}.
 */
public final class WebhookNotifier implements Notifier {
    private final HttpPoster poster;
    private final ObjectMapper json = new ObjectMapper();

    WebhookNotifier(HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Notification n) throws NotificationException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", n.title());
        body.put("body", n.body());
        body.put("severity", n.severity().label());
        body.put("labels", n.labels().asMap());
        body.put("at", n.at().toString());
        body.put("source", "smartcloudops");
        try {
            poster.post(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new NotificationException("cannot encode notification", e);
        }
    }
}
