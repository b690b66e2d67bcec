package io.smartcloudops.remediate.policy;

import java.time.Duration;

/** How the gate waits between retries; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis());
    }
}
