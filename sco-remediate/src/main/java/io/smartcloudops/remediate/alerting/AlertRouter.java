package io.smartcloudops.remediate.alerting;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.SuppressionReason;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What happens to an alert that changed state, from our rules or from Alertmanager: it is audited;
 * if it fires and no silence or inhibition mutes it, people are told and its remediation is
 * requested through the policy gate. Duplicate deliveries from Alertmanager (HA pairs, resends
 * every group interval) are recognised by fingerprint and start time and handled once.
 *
 * <p>Remediation runs in its own lane ({@link Builder#remediationLane}), after the router's lock
 * is released: an action or a verification that hangs holds neither the webhook that brought the
 * alert, nor other alerts' webhooks, nor the reads of firing alerts.
 *
 * <p>Alertmanager's alerts are bounded in number and in time. A firing alert that Alertmanager
 * does not deliver again within {@link Builder#externalAlertTtl} (by default five hours: its
 * webhook re-sends a firing alert every {@code repeat_interval}, four hours by default) is taken as
 * gone and audited as {@code expired}; a later delivery of it is new. The firing alert's
 * {@code endsAt} is not used for this: Prometheus sets it a few minutes ahead and refreshes it
 * only towards Alertmanager, whose webhook does not pass the refreshes on. A delivery that would
 * hold more than {@link Builder#maxExternalAlerts} firing alerts is refused whole, before anything
 * changes, with {@link AlertCapacityException}, so that Alertmanager retries it later and nothing
 * is lost.
 */
public final class AlertRouter {
    private final AuditLog audit;
    private final InstantSource clock;
    private final AlertRemediator remediator;
    private final Silences silences;
    private final List<InhibitRule> inhibitRules;
    private final Supplier<List<Alert>> ruleAlerts;
    private final Consumer<Notification> notify;
    private final NotificationGroups grouping;
    private final Consumer<SuppressionReason> suppressions;
    private final Map<String, External> external = new LinkedHashMap<>();
    private final Executor lane;
    private final Duration externalTtl;
    private final int maxExternal;

    /** An Alertmanager alert that fires, and when it is taken as gone unless delivered again. */
    private record External(Alert alert, Instant expiresAt) {}

    private AlertRouter(Builder b) {
        this.audit = b.audit;
        this.clock = b.clock;
        this.remediator = b.remediator;
        this.silences = b.silences;
        this.inhibitRules = List.copyOf(b.inhibitRules);
        this.ruleAlerts = b.ruleAlerts;
        this.notify = b.notify;
        this.grouping = b.grouping;
        this.suppressions = b.suppressions;
        this.lane = b.lane;
        this.externalTtl = b.externalTtl;
        this.maxExternal = b.maxExternal;
    }

    public static Builder builder(AuditLog audit, InstantSource clock, AlertRemediator remediator) {
        return new Builder(audit, clock, remediator);
    }

    public Silences silences() {
        return silences;
    }

    /**
     * Alerts that changed state in our rule engine, in one round. Their transitions are audited
     * together, in one {@link AuditLog#appendAll} (one write to disk for an alert storm), before
     * any of them is told or remediated: when the audit refuses the batch, none of them goes on.
     * With {@link Builder#grouping grouping}, the round's changes reach the groups together, so a
     * storm in one group is one notification.
     */
    public void onTransitions(List<Alert> changed) {
        List<Alert> remediate = new ArrayList<>();
        List<NotificationGroups.Change> told = new ArrayList<>();
        synchronized (this) {
            audit.appendAll(changed.stream()
                    .map(a -> entry(a, a.state().name().toLowerCase(Locale.ROOT), Map.of()))
                    .toList());
            // The firing alerts are the same for the whole round (the engine evaluated it already), so
            // they are gathered once: gathered for each transition, an alert storm of 45,500
            // transitions sorted the 45,500 active alerts 45,500 times (most of a 170 s round).
            Supplier<Collection<Alert>> firing = new Supplier<>() {
                private Collection<Alert> gathered;

                @Override
                public Collection<Alert> get() {
                    if (gathered == null) {
                        gathered = firing();
                    }
                    return gathered;
                }
            };
            try {
                for (Alert a : changed) {
                    dispatch(a, remediate, firing, told);
                }
            } finally {
                group(told); // what was dispatched before a failing audit is told, as it was when told one by one
            }
        }
        remediate(remediate);
    }

    /**
     * Alerts from an Alertmanager webhook.
     *
     * @return how many were new state changes (the rest were re-deliveries)
     * @throws AlertCapacityException when the delivery would hold more firing alerts than the
     *     limit; nothing of it was taken
     */
    public int onAlertmanager(List<Alert> alerts) {
        List<Alert> remediate = new ArrayList<>();
        List<NotificationGroups.Change> told = new ArrayList<>();
        int fresh = 0;
        RuntimeException refused = null;
        synchronized (this) {
            expire();
            requireRoom(alerts);
            try {
                fresh = deliver(alerts, remediate, told);
            } catch (RuntimeException e) {
                // The alerts before the refused one are held now, so their retry will be a
                // duplicate: they must be remediated (and told) in this call.
                refused = e;
            }
            group(told);
        }
        remediate(remediate);
        if (refused != null) {
            throw refused;
        }
        return fresh;
    }

    private void remediate(List<Alert> firing) {
        for (Alert a : firing) {
            try {
                lane.execute(() -> remediator.onTransition(a));
            } catch (RejectedExecutionException e) {
                // the lane is full or closed: say so; a later firing of the alert is remediated as new
                synchronized (this) {
                    external.remove(a.fingerprint());
                }
                record(a, "not_remediated", Map.of("why", "remediation lane full or closed"));
            }
        }
    }

    private void requireRoom(List<Alert> alerts) {
        // The delivery's last word on each fingerprint decides whether it is held afterwards.
        Map<String, Boolean> firingAfter = new HashMap<>();
        for (Alert a : alerts) {
            firingAfter.put(a.fingerprint(), a.state() == AlertState.FIRING);
        }
        int change = 0;
        for (Map.Entry<String, Boolean> e : firingAfter.entrySet()) {
            boolean held = external.containsKey(e.getKey());
            change += e.getValue() && !held ? 1 : !e.getValue() && held ? -1 : 0;
        }
        if (change > 0 && external.size() + change > maxExternal) {
            throw new AlertCapacityException(
                    "the agent holds " + external.size() + " firing Alertmanager alerts and this delivery "
                            + "adds " + change + "; the limit is " + maxExternal
                            + ". Nothing of it was taken: resolve alerts or "
                            + "raise the limit, and let Alertmanager retry");
        }
    }

    /**
     * Drops the Alertmanager alerts that were not delivered again in time, each audited before it
     * goes (so with the audit failing they stay). The host's loop calls it every round; a webhook
     * delivery calls it first too.
     */
    public synchronized void expireExternalAlerts() {
        expire();
    }

    private void expire() {
        Instant now = clock.instant();
        for (var it = external.values().iterator(); it.hasNext(); ) {
            External e = it.next();
            if (!now.isBefore(e.expiresAt())) {
                record(e.alert(), "expired", Map.of("why", "not delivered again within " + externalTtl));
                it.remove();
            }
        }
    }

    private int deliver(List<Alert> alerts, List<Alert> remediate, List<NotificationGroups.Change> told) {
        int fresh = 0;
        Instant expiresAt = clock.instant().plus(externalTtl);
        for (Alert a : alerts) {
            String key = a.fingerprint();
            External knownEntry = external.get(key);
            Alert known = knownEntry == null ? null : knownEntry.alert();
            if (a.state() == AlertState.FIRING) {
                if (known != null && known.activeSince().equals(a.activeSince())) {
                    external.put(key, new External(known, expiresAt)); // a re-delivery: still firing
                    continue;
                }
                // Audited (inside route) before it is held: a delivery the audit refuses leaves no
                // trace, so Alertmanager's retry of it is new rather than a duplicate.
                route(a, remediate, told);
                external.put(key, new External(a, expiresAt));
            } else {
                if (known == null) {
                    continue;
                }
                route(a, remediate, told);
                external.remove(key);
            }
            fresh++;
        }
        return fresh;
    }

    /** Firing alerts that came through Alertmanager. */
    public synchronized List<Alert> externalAlerts() {
        Instant now = clock.instant();
        return external.values().stream()
                .filter(e -> now.isBefore(e.expiresAt()))
                .map(External::alert)
                .toList();
    }

    /** Every firing alert, ours and Alertmanager's. */
    public synchronized List<Alert> firing() {
        List<Alert> all = new ArrayList<>(ruleAlerts.get().stream()
                .filter(a -> a.state() == AlertState.FIRING)
                .toList());
        Instant now = clock.instant();
        external.values().stream().filter(e -> now.isBefore(e.expiresAt())).forEach(e -> all.add(e.alert()));
        return all;
    }

    private void route(Alert a, List<Alert> remediate, List<NotificationGroups.Change> told) {
        record(a, a.state().name().toLowerCase(Locale.ROOT), Map.of());
        dispatch(a, remediate, this::firing, told); // a delivery changes the external alerts as it goes
    }

    /**
     * What follows an audited transition: silenced, inhibited, or told and remediated. With
     * grouping, the telling is gathered in {@code told} for {@link #group}.
     */
    private void dispatch(
            Alert a, List<Alert> remediate, Supplier<Collection<Alert>> firing, List<NotificationGroups.Change> told) {
        if (a.state() == AlertState.FIRING) {
            Optional<Silence> silence = silences.muting(a.labels(), clock.instant());
            if (silence.isPresent()) {
                record(a, "silenced", Map.of("silence", silence.get().id()));
                suppressions.accept(SuppressionReason.SILENCE);
                return;
            }
            if (inhibitRules.stream().anyMatch(r -> r.targets(a) && r.inhibits(a, firing.get()))) {
                record(a, "inhibited", Map.of());
                suppressions.accept(SuppressionReason.INHIBITED);
                return;
            }
            tell(a, "FIRING", told);
            remediate.add(a);
        } else if (a.state() == AlertState.RESOLVED
                && silences.muting(a.labels(), clock.instant()).isEmpty()) {
            tell(a, "RESOLVED", told);
        }
    }

    private void tell(Alert a, String what, List<NotificationGroups.Change> told) {
        if (a.severity().compareTo(Severity.WARNING) >= 0 && grouping != null) {
            told.add(new NotificationGroups.Change(a, what));
        } else if (a.severity().compareTo(Severity.WARNING) >= 0) {
            String summary = a.annotations().getOrDefault("summary", a.name());
            notify.accept(
                    new Notification("[" + what + "] " + a.name(), summary, a.severity(), a.labels(), clock.instant()));
        }
    }

    /** Hands one round's or one delivery's changes to the groups at once (see {@link NotificationGroups#addAll}). */
    private void group(List<NotificationGroups.Change> told) {
        if (!told.isEmpty()) {
            grouping.addAll(told);
        }
    }

    private void record(Alert a, String outcome, Map<String, String> extra) {
        audit.append(entry(a, outcome, extra));
    }

    private static AuditRecord entry(Alert a, String outcome, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>(a.labels().asMap());
        if (Double.isFinite(a.value())) {
            details.put("value", String.valueOf(a.value()));
        }
        details.put("fingerprint", a.fingerprint());
        details.put("source", a.source());
        details.putAll(extra);
        return new AuditRecord(
                AuditKind.ALERT,
                a.source(),
                a.name(),
                "alert",
                outcome,
                a.annotations().getOrDefault("summary", ""),
                details);
    }

    /** Options for an {@link AlertRouter}. */
    public static final class Builder {
        private final AuditLog audit;
        private final InstantSource clock;
        private final AlertRemediator remediator;
        private Silences silences = new Silences();
        private List<InhibitRule> inhibitRules = List.of(InhibitRule.criticalMutesWarningsOnTheSameHost());
        private Supplier<List<Alert>> ruleAlerts = List::of;
        private Consumer<Notification> notify = n -> {};
        private Consumer<SuppressionReason> suppressions = r -> {};
        private NotificationGroups grouping;
        private Executor lane = Runnable::run;
        private Duration externalTtl = Duration.ofHours(5);
        private int maxExternal = 10_000;

        private Builder(AuditLog audit, InstantSource clock, AlertRemediator remediator) {
            this.audit = Objects.requireNonNull(audit);
            this.clock = Objects.requireNonNull(clock);
            this.remediator = Objects.requireNonNull(remediator);
        }

        public Builder silences(Silences s) {
            this.silences = Objects.requireNonNull(s);
            return this;
        }

        public Builder inhibitRules(List<InhibitRule> rules) {
            this.inhibitRules = List.copyOf(rules);
            return this;
        }

        /** The rule engine's active alerts, so inhibition sees them as sources. */
        public Builder ruleAlerts(Supplier<List<Alert>> s) {
            this.ruleAlerts = Objects.requireNonNull(s);
            return this;
        }

        /** Where notifications go; it must not block (hand them to a bounded executor). */
        public Builder notifications(Consumer<Notification> n) {
            this.notify = Objects.requireNonNull(n);
            return this;
        }

        /**
         * Batches alert notifications per group as Alertmanager does, instead of one per alert
         * change; the groups send to their own consumer.
         */
        public Builder grouping(NotificationGroups groups) {
            this.grouping = Objects.requireNonNull(groups);
            return this;
        }

        /**
         * Where remediation runs (default: on the calling thread, after the router's lock is
         * released). A host gives it a thread of its own, so that webhooks answer while an action
         * or its verification is still running.
         */
        public Builder remediationLane(Executor lane) {
            this.lane = Objects.requireNonNull(lane);
            return this;
        }

        /**
         * How long a firing Alertmanager alert stays without being delivered again (default five
         * hours: longer than Alertmanager's default {@code repeat_interval} of four).
         */
        public Builder externalAlertTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("externalAlertTtl must be positive, got " + ttl);
            }
            this.externalTtl = ttl;
            return this;
        }

        /** How many firing Alertmanager alerts are held at most (default 10,000). */
        public Builder maxExternalAlerts(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxExternalAlerts must be at least 1, got " + max);
            }
            this.maxExternal = max;
            return this;
        }

        public Builder suppressionListener(Consumer<SuppressionReason> l) {
            this.suppressions = Objects.requireNonNull(l);
            return this;
        }

        public AlertRouter build() {
            return new AlertRouter(this);
        }
    }
}
