package io.smartcloudops.aws.action;

import java.time.Duration;

/**
 * Waits between two polls. Injected so that tests can poll without waiting.
 *
 * <pre>{@code
 * Pause real = Pause.sleeping();
 * Pause none = d -> {};
 * }</pre>
 */
@FunctionalInterface
public interface Pause {
    void pause(Duration duration) throws InterruptedException;

    static Pause sleeping() {
        return d -> Thread.sleep(d.toMillis());
    }
}
