package io.smartcloudops.api.examples;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.KnownTargets;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.ProposalEvent;
import io.smartcloudops.api.chat.ProposalLedger;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Javadoc examples of the {@code action}, {@code alert}, {@code notify} and {@code chat} packages; see {@link SpiExamples}. */
class ActionExamples {

    void principal() {
        // tag::Principal[]
        Principal alice = new Principal("alice", Role.OPERATOR);
        Principal agent = Principal.system();
        // end::Principal[]
    }

    void actionRequest(Alert alert) {
        // tag::ActionRequest[]
        ActionRequest r = ActionRequest.builder("restart_service", "nginx")
                .parameter("unit", "nginx")
                .reason("alert NginxDown")
                .requestedBy(Principal.system())
                .idempotencyKey(alert.fingerprint())
                .build();
        // end::ActionRequest[]
    }

    void actionGateway(ActionGateway gateway, Principal alice, Principal bob) {
        // tag::ActionGateway[]
        ActionResult r = gateway.request(ActionRequest.builder("restart_service", "nginx")
                .parameter("unit", "nginx")
                .requestedBy(alice)
                .build());
        if (r.outcome() == ActionOutcome.PENDING_APPROVAL) gateway.approve(r.approvalId(), bob);
        // end::ActionGateway[]
    }

    void actionResult(ActionGateway gateway, ActionRequest request) {
        // tag::ActionResult[]
        ActionResult r = gateway.request(request);
        if (r.outcome() == ActionOutcome.PENDING_APPROVAL) tell("approve with id " + r.approvalId());
        // end::ActionResult[]
    }

    void parameterSpec() {
        // tag::ParameterSpec[]
        ParameterSpec unit = ParameterSpec.required("unit", "[a-zA-Z0-9@._-]{1,64}", "systemd unit or process name");
        // end::ParameterSpec[]
    }

    // tag::RemediationAction[]
    final class Echo implements RemediationAction {
        public String name() {
            return "echo";
        }

        public List<ParameterSpec> parameters() {
            return List.of();
        }

        public ActionResult execute(ActionRequest r, ActionMode mode, Instant now) {
            return ActionResult.of(
                    r,
                    mode == ActionMode.DRY_RUN ? ActionOutcome.DRY_RUN : ActionOutcome.SUCCEEDED,
                    "echoed " + r.target(),
                    now,
                    Duration.ZERO);
        }
    }
    // end::RemediationAction[]

    void alert(OpsView view) {
        // tag::Alert[]
        Alert a = view.alerts().get(0); // an OpsView: pending and firing alerts, most urgent first
        if (a.state() == AlertState.FIRING && a.severity() == Severity.CRITICAL)
            page(a.annotations().get("summary"));
        // end::Alert[]
    }

    void notification(Notifier notifier, Labels labels, Instant now) {
        // tag::Notification[]
        notifier.send(new Notification("NginxDown fixed", "restarted nginx on app", Severity.INFO, labels, now));
        // end::Notification[]
    }

    void notifier(List<Notifier> notifiers, Notification notification) {
        // tag::Notifier[]
        for (Notifier n : notifiers) n.send(notification);
        // end::Notifier[]
    }

    void chatEngine(ProviderRegistry registry, ProviderContext context, OpsView view, ActionGateway gateway) {
        // tag::ChatEngine[]
        ChatEngine engine =
                registry.provider(ChatEngineProvider.class, "offline").create(context, view, gateway);
        ChatReply r = engine.answer(new ChatQuery("show open alerts", "s1", Principal.anonymousViewer()));
        // end::ChatEngine[]
    }

    void chatQuery(ChatEngine engine, Principal alice) {
        // tag::ChatQuery[]
        ChatReply reply = engine.answer(new ChatQuery("how is cpu on app?", "s-1", alice));
        // end::ChatQuery[]
    }

    void opsView(OpsView view) {
        // tag::OpsView[]
        StatusSnapshot s = view.status();
        List<Sample> cpu = view.recentSamples(SeriesId.of("node_cpu_usage_percent"), 60);
        // end::OpsView[]
    }

    void knownTargets() {
        // tag::KnownTargets[]
        KnownTargets known = KnownTargets.builder()
                .host("app", "nginx", "api", "postgres")
                .alias("app-1", "app")
                .alias("10.0.0.5", "app")
                .host("monitor", "prometheus", "grafana")
                .probe("app", "redis", Map.of("address", "10.0.0.5:6379"))
                .action("restart_service")
                .build();
        known.canonicalHost("App-1"); // Optional[app]
        known.hostOf("grafana"); // Optional[monitor]
        // end::KnownTargets[]
    }

    // tag::ProposalLedger[]
    final class AuditedGateway implements ActionGateway, ProposalLedger {
        private final ActionGateway gate;
        private final AuditLog audit;

        AuditedGateway(ActionGateway gate, AuditLog audit) {
            this.gate = gate;
            this.audit = audit;
        }

        public void record(ProposalEvent e) {
            audit.append(new AuditRecord(
                    AuditKind.CHAT,
                    e.principal().name(),
                    e.request().target(),
                    e.request().action(),
                    "chat." + e.kind(),
                    e.detail(),
                    Map.of("proposal", e.proposalId(), "session", e.session())));
        }

        public ActionResult request(ActionRequest r) {
            return gate.request(r);
        }

        public ActionResult approve(String id, Principal p) {
            return gate.approve(id, p);
        }

        public ActionResult deny(String id, Principal p, String why) {
            return gate.deny(id, p, why);
        }

        public List<PendingApproval> pending() {
            return gate.pending();
        }
    }
    // end::ProposalLedger[]

    /** Stands in for the host's pager. */
    private void page(String summary) {}

    /** Stands in for a reply to the person who asked. */
    private void tell(String text) {}
}
