/** The plugin contract kit: abstract JUnit 5 tests that every detector, source, notifier, audit log and chat engine plugin extends. */
module io.smartcloudops.testkit {
    requires transitive io.smartcloudops.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports io.smartcloudops.testkit;
}
