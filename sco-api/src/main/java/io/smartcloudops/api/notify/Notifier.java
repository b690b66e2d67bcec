package io.smartcloudops.api.notify;

/**
 * Tells people. Implementations bound their own time (a webhook that hangs must not stall the
 * agent) and throw {@link NotificationException} when delivery failed.
 *
 * <pre>{@code
 * for (Notifier n : notifiers) n.send(notification);
 * }</pre>
 */
public interface Notifier extends AutoCloseable {

    String name();

    void send(Notification notification) throws NotificationException;

    @Override
    default void close() {}
}
