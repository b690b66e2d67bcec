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
 *     public void record(ProposalEvent e) { audit.append(AuditEntry.of("chat." + e.kind(), e.principal().name(), ...)); }
 *     public Optional<String> preview(ActionRequest r) { return Optional.of(gate.preview(r)); }
 *     ...
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
