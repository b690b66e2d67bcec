package io.smartcloudops.testkit.examples;

/** What the action acts on, in memory, so that a test can see whether it was acted on. */
final class FakeTarget {
    private int restarts;

    void restart() {
        restarts++;
    }

    String describe() {
        return "restarted " + restarts + " times";
    }
}
