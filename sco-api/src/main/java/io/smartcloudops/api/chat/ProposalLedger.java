package io.smartcloudops.api.chat;

import io.smartcloudops.api.action.ActionRequest;
import java.util.Optional;

/**
 * What a host gives chat engines beside the {@link io.smartcloudops.api.action.ActionGateway}: a
 * place to record proposals, confirmations and cancellations (the host writes them to its audit
 * log) and, optionally, a look at what the gate would do with a request now, without doing it.
 * The gateway stays the only way to act. An engine finds the ledger by asking whether the gateway
 * it was given also implements this interface; without one, engines log the events.
 *
 * <pre>{@code
 * final class AuditedGateway implements ActionGateway, ProposalLedger {
 *     private final ActionGateway gate;
 *     private final AuditLog audit;
 *
 *     AuditedGateway(ActionGateway gate, AuditLog audit) {
 *         this.gate = gate;
 *         this.audit = audit;
 *     }
 *
 *     public void record(ProposalEvent e) {
 *         audit.append(new AuditRecord(
 *                 AuditKind.CHAT,
 *                 e.principal().name(),
 *                 e.request().target(),
 *                 e.request().action(),
 *                 "chat." + e.kind(),
 *                 e.detail(),
 *                 Map.of("proposal", e.proposalId(), "session", e.session())));
 *     }
 *
 *     public ActionResult request(ActionRequest r) {
 *         return gate.request(r);
 *     }
 *
 *     public ActionResult approve(String id, Principal p) {
 *         return gate.approve(id, p);
 *     }
 *
 *     public ActionResult deny(String id, Principal p, String why) {
 *         return gate.deny(id, p, why);
 *     }
 *
 *     public List<PendingApproval> pending() {
 *         return gate.pending();
 *     }
 * }
 * }</pre>
 */
public interface ProposalLedger {

    /** Records one event; a failure is the host's to report (the engine then does not send the request). */
    void record(ProposalEvent event);

    /**
     * What the gate would do with {@code request} if it came now, in words for the person ("run in
     * dry-run mode", "wait for an approval", "refuse: nginx is in cooldown for 3 more minutes"), or
     * empty when the host cannot tell.
     */
    default Optional<String> preview(ActionRequest request) {
        return Optional.empty();
    }
}
