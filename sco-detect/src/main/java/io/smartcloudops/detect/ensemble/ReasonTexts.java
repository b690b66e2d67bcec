package io.smartcloudops.detect.ensemble;

/**
 * The explanations the default ensemble gives ({@code "seasonal: one-in-37 surprise"}), one copy of each
 * among the series of a factory. A detector kept its last text so that a run of quiet samples did not
 * format the same words again, and that text was about 100 bytes of every series' heap (issue #15);
 * the texts of everyday odds are few (members times kinds times odds below {@value #KEPT}), so the
 * factory keeps each once and every series reads them. Rarer odds are formatted each time they occur.
 * Safe for concurrent use: a text is immutable, so two threads racing to store one store equal ones.
 */
final class ReasonTexts {
    /** Odds (one in how many) below which a text is kept: a quiet series' surprisals stay under {@code log10} of it. */
    static final int KEPT = 256;

    private static final String[] KINDS = {"", " (held back after a recent alarm)", " (echo of a recent incident)"};

    private final String[] members;
    private final String[] texts;

    /** Texts for a detector whose members are named {@code members}, in the order their indices count. */
    ReasonTexts(String[] members) {
        this.members = members.clone();
        this.texts = new String[members.length * KINDS.length * KEPT];
    }

    /** The explanation of a sample whose loudest member was {@code strongest}, with these combined and reported surprisals. */
    String of(int strongest, double combined, double reported) {
        long odds = Math.round(Math.pow(10, Math.min(combined, 15)));
        int kind = reported < combined ? (reported == 0 ? 1 : 2) : 0;
        if (odds < 0 || odds >= KEPT) {
            return text(strongest, odds, kind);
        }
        int at = (strongest * KINDS.length + kind) * KEPT + (int) odds;
        String known = texts[at];
        if (known == null) {
            known = text(strongest, odds, kind);
            texts[at] = known;
        }
        return known;
    }

    private String text(int strongest, long odds, int kind) {
        // plain concatenation: String.format would cost more than all the members together
        return members[strongest] + ": one-in-" + odds + " surprise" + KINDS[kind];
    }
}
