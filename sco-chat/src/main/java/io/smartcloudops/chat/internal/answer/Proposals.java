package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.chat.ProposalEvent;
import io.smartcloudops.api.chat.ProposalLedger;
import io.smartcloudops.chat.internal.nlu.Intent;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open chat proposals, at most one per session, and the approvals each session's confirmed
 * requests created. A proposal states what would run; only its own principal's explicit
 * confirmation in its session before it expires sends it to the gate. Every step is recorded with
 * principal and session through the host's {@link ProposalLedger}, or logged when there is none.
 *
 * <p>Kept in memory on purpose: after a restart no old proposal can be confirmed. Thread-safe.
 */
public final class Proposals {

    private static final Logger LOG = LoggerFactory.getLogger(Proposals.class);

    /**
     * One proposal.
     *
     * @param approvalId for a proposal to approve a pending gate approval, its id; else null
     * @param summary what would run, in words ("restart nginx on app")
     */
    public record Proposal(
            String id,
            Intent intent,
            ActionRequest request,
            String approvalId,
            Principal principal,
            String session,
            Instant createdAt,
            Instant expiresAt,
            String summary,
            Map<String, Object> slots) {
        public Proposal {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(request, "request");
            slots = Map.copyOf(slots);
        }

        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private final InstantSource clock;
    private final Duration confirmWithin;
    private final Consumer<ProposalEvent> recorder;
    private final Map<String, Proposal> open = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> approvalsBySession = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Proposals(InstantSource clock, Duration confirmWithin, Consumer<ProposalEvent> recorder) {
        if (confirmWithin.isNegative() || confirmWithin.isZero()) {
            throw new IllegalArgumentException("confirm-within must be positive, got " + confirmWithin);
        }
        this.clock = clock;
        this.confirmWithin = confirmWithin;
        this.recorder = recorder;
    }

    /** Records through the gateway when it is also a {@link ProposalLedger}, else to the log. */
    public static Proposals forGateway(ActionGateway gateway, InstantSource clock, Duration confirmWithin) {
        Consumer<ProposalEvent> recorder = gateway instanceof ProposalLedger ledger
                ? ledger::record
                : e -> LOG.info(
                        "chat proposal {} {}: {} on {} {} by {} in session {}{}",
                        e.proposalId(),
                        e.kind(),
                        e.request().action(),
                        e.request().target(),
                        e.request().parameters(),
                        e.principal().name(),
                        e.session(),
                        e.detail().isEmpty() ? "" : " (" + e.detail() + ")");
        return new Proposals(clock, confirmWithin, recorder);
    }

    public Duration confirmWithin() {
        return confirmWithin;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Opens a proposal for the session; an older open one is cancelled first, and recorded so. */
    public Proposal propose(
            Intent intent,
            ActionRequest request,
            String approvalId,
            Principal who,
            String session,
            String summary,
            Map<String, Object> slots) {
        Instant now = clock.instant();
        Proposal p = new Proposal(
                "prop-" + HexFormat.of().formatHex(bytes()),
                intent,
                request,
                approvalId,
                who,
                session,
                now,
                now.plus(confirmWithin),
                summary,
                slots);
        take(session).ifPresent(old -> record(ProposalEvent.Kind.CANCELLED, old, "replaced by a new proposal"));
        record(ProposalEvent.Kind.PROPOSED, p, summary);
        open.put(session, p);
        return p;
    }

    private byte[] bytes() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }

    public Optional<Proposal> open(String session) {
        return Optional.ofNullable(open.get(session));
    }

    /** Removes and returns the session's open proposal. */
    public Optional<Proposal> take(String session) {
        return Optional.ofNullable(open.remove(session));
    }

    public void record(ProposalEvent.Kind kind, Proposal p, String detail) {
        recorder.accept(
                new ProposalEvent(kind, p.id(), p.request(), p.session(), p.principal(), clock.instant(), detail));
    }

    /** Remembers that a confirmed request of this session is waiting for approval {@code approvalId}. */
    public void approvalCreated(String session, String approvalId) {
        approvalsBySession
                .computeIfAbsent(session, k -> ConcurrentHashMap.newKeySet())
                .add(approvalId);
    }

    /** The approvals this session's requests created (some may be decided or expired since). */
    public Set<String> approvalsOf(String session) {
        return new LinkedHashSet<>(approvalsBySession.getOrDefault(session, Set.of()));
    }
}
