package io.smartcloudops.remediate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditHead;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAnchorsTest {
    @TempDir
    Path dir;

    /** An anchor that refuses writes or reads while told to. */
    private static final class FlakyAnchor implements AuditAnchor {
        private final String name;
        boolean failing;
        final List<AuditHead> published = new ArrayList<>();

        FlakyAnchor(String name) {
            this.name = name;
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public void publish(AuditHead head) {
            if (failing) {
                throw new AuditException(name + " is unreachable", null);
            }
            published.add(head);
        }

        @Override
        public Optional<AuditHead> latest() {
            if (failing) {
                throw new AuditException(name + " is unreachable", null);
            }
            return published.isEmpty() ? Optional.empty() : Optional.of(published.get(published.size() - 1));
        }
    }

    @Test
    void anAnchorThatCannotBeWrittenIsReportedOnceUntilItCanBeAgainAndTheOthersStillGetTheHead() {
        FlakyAnchor good = new FlakyAnchor("good");
        FlakyAnchor flaky = new FlakyAnchor("flaky");
        AuditAnchors anchors = new AuditAnchors(List.of(flaky, good));
        AuditKeyring keys = AuditKeyring.openOrCreate(dir.resolve("audit.key"));
        AuditHead head = ChainCheck.head(keys, 0, AuditHashing.GENESIS, Instant.parse("2026-12-07T00:00:00Z"));

        flaky.failing = true;
        anchors.publish(head);
        anchors.publish(head);
        assertThat(anchors.problems()).containsExactly("flaky");
        assertThat(good.published).hasSize(2);

        flaky.failing = false;
        anchors.publish(head);
        assertThat(anchors.problems()).isEmpty();
        assertThat(flaky.published).containsExactly(head);
    }

    @Test
    void anAnchorThatCannotBeReadIsADisagreementNamingIt() throws Exception {
        FlakyAnchor flaky = new FlakyAnchor("flaky");
        flaky.failing = true;
        AuditAnchors anchors = new AuditAnchors(List.of(flaky, new FlakyAnchor("empty")));
        AuditKeyring keys = AuditKeyring.openOrCreate(dir.resolve("audit.key"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"))) {
            AuditSchema.prepare(c);
            assertThat(anchors.disagreements(c, keys)).containsExactly("flaky cannot be read: flaky is unreachable");
        }
    }
}
