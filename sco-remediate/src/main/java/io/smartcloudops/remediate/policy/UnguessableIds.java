package io.smartcloudops.remediate.policy;

import java.security.SecureRandom;

/**
 * Ids for things a caller acts on by id (approvals, silences): a prefix and 12 random digits
 * from a {@link SecureRandom}. A counter ({@code apr-1}, {@code apr-2}) let anyone who could call
 * approve guess the next id, and restarted at 1 after every restart, so an old id named a new
 * thing. Digits, so chat's "approve apr-…" keeps reading them.
 */
public final class UnguessableIds {
    private static final long BOUND = 1_000_000_000_000L;
    private final SecureRandom random = new SecureRandom();
    private final String prefix;

    public UnguessableIds(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        long n = BOUND / 10 + (random.nextLong() & Long.MAX_VALUE) % (BOUND - BOUND / 10);
        return prefix + n;
    }
}
