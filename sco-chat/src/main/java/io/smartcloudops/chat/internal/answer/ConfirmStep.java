package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.ProposalEvent;
import io.smartcloudops.chat.internal.nlu.InputGuard;
import io.smartcloudops.chat.internal.nlu.SpeechActs;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The second step of every mutating chat request, the same for both engines. When a session has an
 * open proposal, the next message settles it before anything else is understood:
 * <ul>
 *   <li>an explicit confirmation ("yes", "confirm", "go ahead") by the proposal's own principal,
 *       before it expires, sends it to the gate and answers with what the gate did;</li>
 *   <li>a confirmation after expiry sends nothing and says so;</li>
 *   <li>any other message by that principal cancels it, says so, and is then answered as usual
 *       (a bare "no" or "cancel" is answered by the cancellation alone);</li>
 *   <li>a message from another principal in the session neither confirms nor cancels it.</li>
 * </ul>
 * Every outcome is recorded through {@link Proposals}.
 */
public final class ConfirmStep {

    /** The reply that settles the turn, if the proposal alone answers it, and a note to put before any other answer. */
    public record Settled(Optional<ChatReply> reply, String note) {
        static Settled nothing() {
            return new Settled(Optional.empty(), "");
        }
    }

    private final ActionAnswers actions;
    private final SpeechActs acts;
    private final String engine;

    public ConfirmStep(ActionAnswers actions, SpeechActs acts, String engine) {
        this.actions = actions;
        this.acts = acts;
        this.engine = engine;
    }

    public Settled settle(ChatQuery query, InputGuard.Verdict verdict) {
        Proposals proposals = actions.proposals();
        Optional<Proposals.Proposal> open = proposals.open(query.session());
        if (open.isEmpty()) {
            return Settled.nothing();
        }
        Proposals.Proposal p = open.get();
        String lower = verdict.accepted() ? verdict.cleaned().toLowerCase(Locale.ROOT) : "";
        boolean confirms = verdict.accepted() && acts.matches(SpeechActs.Kind.CONFIRM, lower);
        if (!p.principal().equals(query.principal())) {
            if (!confirms) {
                return Settled.nothing();
            }
            return reply(
                    p,
                    "Only " + p.principal().name() + ", who asked, can confirm " + p.summary() + "; nothing ran.",
                    Map.of("refused", "other_principal", "proposal", p.id()),
                    null);
        }
        proposals.take(query.session());
        if (p.expiredAt(proposals.now())) {
            proposals.record(
                    ProposalEvent.Kind.EXPIRED, p, "not confirmed within " + Texts.human(proposals.confirmWithin()));
            String said = "The proposal to " + p.summary() + " expired (it had to be confirmed within "
                    + Texts.human(proposals.confirmWithin()) + "); nothing ran.";
            return confirms
                    ? reply(
                            p,
                            said + " Ask again if you still want it.",
                            Map.of("expired", true, "proposal", p.id()),
                            null)
                    : new Settled(Optional.empty(), said);
        }
        if (confirms) {
            proposals.record(ProposalEvent.Kind.CONFIRMED, p, "confirmed: " + verdict.cleaned());
            Reply r = actions.forSession(query.session()).confirm(p, query.principal());
            return reply(p, r.answer(), r.data(), r.approvalId());
        }
        proposals.record(ProposalEvent.Kind.CANCELLED, p, "not confirmed; the next message was another request");
        String said = "Cancelled: I did not " + p.summary() + ".";
        boolean bareNo =
                verdict.accepted() && lower.split("\\s+").length <= 5 && acts.matches(SpeechActs.Kind.DENY, lower)
                        || lower.matches("^(?:no|nope|nah|n|stop|don'?t|never ?mind|forget it)[\\s.!]*$");
        if (bareNo) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("cancelled", p.id());
            return new Settled(Optional.of(new ChatReply("deny", Map.of(), said, data, null, 1.0, engine)), "");
        }
        return new Settled(Optional.empty(), said);
    }

    private Settled reply(Proposals.Proposal p, String answer, Map<String, Object> data, String approvalId) {
        return new Settled(
                Optional.of(new ChatReply(p.intent().label(), p.slots(), answer, data, approvalId, 1.0, engine)), "");
    }
}
