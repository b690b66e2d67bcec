package io.smartcloudops.chat;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.chat.internal.nlu.QueryInterpreter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Shared test pieces: one embedded few-shot pool for the whole test run, a clock, principals. */
final class Fixtures {

    static final Principal ALICE = new Principal("alice", Role.OPERATOR);
    static final Principal VIEWER = new Principal("vic", Role.VIEWER);
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static QueryInterpreter interpreter;

    private Fixtures() {}

    /** Embedding the pool takes about a second, so test classes share one immutable interpreter. */
    static synchronized QueryInterpreter interpreter() {
        if (interpreter == null) {
            OfflineChatSettings d = OfflineChatSettings.defaults();
            interpreter = QueryInterpreter.bundled(d.maxQueryChars(), d.minConfidence());
        }
        return interpreter;
    }

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }
    }
}
