package io.smartcloudops.chat.internal.session;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns of one session run one at a time (a follow-up must see the turn before it), turns of
 * different sessions in parallel; a fixed set of striped locks bounds memory whatever the number of
 * sessions.
 */
public final class SessionLocks {
    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public SessionLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock guarding this session's turns. */
    public ReentrantLock of(String session) {
        return locks[Math.floorMod(session.hashCode(), STRIPES)];
    }
}
