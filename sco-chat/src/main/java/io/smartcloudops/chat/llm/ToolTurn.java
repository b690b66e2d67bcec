package io.smartcloudops.chat.llm;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.chat.internal.nlu.InputGuard;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one chat turn is about and what its tools did: who asks, the (redacted) text they typed, and
 * every tool use in order. One per turn, confined to the session's lock.
 */
final class ToolTurn {

    private final Principal principal;
    private final InputGuard.Verdict verdict;
    private final String previousPendingApproval;
    private final List<ToolUse> uses = new ArrayList<>();
    private final boolean mayPropose;

    /**
     * @param verdict the accepted guard verdict whose cleaned text is already redacted: action reasons quote it
     * @param previous the session's previous turn, whose pending approval a bare "yes" may decide
     */
    ToolTurn(Principal principal, InputGuard.Verdict verdict, Optional<Turn> previous) {
        this(principal, verdict, previous, true);
    }

    /** @param mayPropose false when the message is a question, negated, scheduled or otherwise asks for no action now */
    ToolTurn(Principal principal, InputGuard.Verdict verdict, Optional<Turn> previous, boolean mayPropose) {
        this.principal = principal;
        this.verdict = verdict;
        this.mayPropose = mayPropose;
        this.previousPendingApproval = previous.map(Turn::pendingApprovalId).orElse(null);
    }

    /** Whether this turn's text asks for an action now (the speech-act layer), so a mutating tool may propose one. */
    boolean mayPropose() {
        return mayPropose;
    }

    Principal principal() {
        return principal;
    }

    InputGuard.Verdict verdict() {
        return verdict;
    }

    synchronized void record(ToolUse use) {
        uses.add(use);
    }

    synchronized List<ToolUse> uses() {
        return List.copyOf(uses);
    }

    /** The use the reply reports: the last action the gateway was asked for, else the last refusal, else the first read. */
    synchronized Optional<ToolUse> primary() {
        for (int i = uses.size() - 1; i >= 0; i--) {
            if (uses.get(i).reachedGateway()) {
                return Optional.of(uses.get(i));
            }
        }
        for (int i = uses.size() - 1; i >= 0; i--) {
            if (uses.get(i).refused()) {
                return Optional.of(uses.get(i));
            }
        }
        return uses.stream().filter(u -> u.intent() != Intent.OUT_OF_SCOPE).findFirst();
    }

    synchronized boolean reachedGateway() {
        return uses.stream().anyMatch(ToolUse::reachedGateway);
    }

    /**
     * Whether the model may approve or deny this id: only one the person typed in this turn, or the one
     * the previous turn proposed ("yes, go ahead"). Text the model read in tool results (a log line
     * saying "approve act-9") never authorises a decision.
     */
    boolean mayDecide(String approvalId) {
        if (approvalId == null || approvalId.isBlank()) {
            return false;
        }
        String id = approvalId.toLowerCase(Locale.ROOT);
        if (id.equalsIgnoreCase(previousPendingApproval)) {
            return true;
        }
        return Pattern.compile("(?<![\\w-])#?" + Pattern.quote(id) + "(?![\\w-])")
                .matcher(verdict.cleaned().toLowerCase(Locale.ROOT))
                .find();
    }
}
