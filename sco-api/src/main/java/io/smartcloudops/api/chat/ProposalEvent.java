package io.smartcloudops.api.chat;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of a chat proposal's life: chat states what would run ({@code PROPOSED}), and only the
 * same principal's explicit confirmation in the same session within the time limit sends it to the
 * gate ({@code CONFIRMED}); anything else ends it ({@code CANCELLED}, {@code EXPIRED}).
 *
 * @param request the request exactly as it would reach (or reached) the gate
 * @param detail why it ended, or what was stated
 */
public record ProposalEvent(
        Kind kind,
        String proposalId,
        ActionRequest request,
        String session,
        Principal principal,
        Instant at,
        String detail) {

    /** What happened to the proposal. */
    public enum Kind {
        PROPOSED,
        CONFIRMED,
        CANCELLED,
        EXPIRED
    }

    public ProposalEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }
}
