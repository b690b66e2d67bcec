package io.smartcloudops.api.audit;

/**
 * The result of checking the hash chain.
 *
 * @param entries how many entries were checked
 * @param firstBadSequence the first entry that breaks the chain, or -1 when intact
 * @param problem what is wrong with it, or empty
 */
public record AuditVerification(long entries, long firstBadSequence, String problem) {
    public boolean intact() {
        return firstBadSequence < 0;
    }

    public static AuditVerification ok(long entries) {
        return new AuditVerification(entries, -1, "");
    }
}
