package io.smartcloudops.remediate.notify;

import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code log}: writes notifications to the agent's log, at WARN for critical ones. */
public final class LogNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(Notification n) {
        if (n.severity() == Severity.CRITICAL) {
            LOG.warn("[{}] {}: {} {}", n.severity().label(), n.title(), n.body(), n.labels());
        } else {
            LOG.info("[{}] {}: {} {}", n.severity().label(), n.title(), n.body(), n.labels());
        }
    }
}
