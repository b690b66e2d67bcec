package io.smartcloudops.remediate.alerting;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Alert notifications batched the way Alertmanager's route batches them: alerts whose
 * {@code group_by} labels agree form a group; a new group is told after {@code group_wait} (so
 * alerts that fire together arrive in one message), and later changes to a group at most every
 * {@code group_interval}. A message names the group and lists its alerts:
 * {@code [FIRING:3] HighCpuUsage (host=app)}. As in Alertmanager, a group is dropped once a flush
 * leaves none of its alerts firing (its resolved message sent), and a later firing with the same
 * labels starts a fresh group that waits {@code group_wait} again.
 *
 * <pre>{@code
 * NotificationGroups groups = NotificationGroups.start(NotificationGroups.Settings.defaults(), clock, fanout);
 * AlertRouter router =
 *         AlertRouter.builder(audit, clock, remediator).grouping(groups).build();
 * router.onTransitions(changedAlerts);
 * groups.close(); // at shutdown: sends what is still waiting
 * }</pre>
 */
public final class NotificationGroups implements AutoCloseable {

    /**
     * @param groupBy label names; {@code alertname} is the usual one, an empty list puts every alert in one group
     */
    public record Settings(List<String> groupBy, Duration groupWait, Duration groupInterval) {
        public Settings {
            groupBy = List.copyOf(groupBy);
            if (groupWait.isNegative() || groupInterval.isNegative()) {
                throw new IllegalArgumentException("group_wait and group_interval must not be negative");
            }
        }

        /** Alertmanager's defaults: by alert name, wait 30 s, then at most every 5 min. */
        public static Settings defaults() {
            return new Settings(List.of("alertname"), Duration.ofSeconds(30), Duration.ofMinutes(5));
        }
    }

    /**
     * One alert's change to be told.
     *
     * @param state {@code FIRING} or {@code RESOLVED}
     */
    public record Change(Alert alert, String state) {
        public Change {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(state, "state");
        }
    }

    private static final class Group {
        final List<String> key;
        final Labels labels;
        final List<Change> pending = new ArrayList<>();
        // fingerprints told as firing and not yet told as resolved: when none is left after a
        // flush the group is over, and is dropped as Alertmanager drops its aggregation group
        final Set<String> active = new HashSet<>();
        Instant dueAt;
        Instant lastSent;

        Group(List<String> key, Labels labels) {
            this.key = key;
            this.labels = labels;
        }
    }

    private final Settings settings;
    private final InstantSource clock;
    private final Consumer<Notification> out;
    private final Map<List<String>, Group> groups = new LinkedHashMap<>();
    private final ScheduledExecutorService timer;

    private NotificationGroups(Settings settings, InstantSource clock, Consumer<Notification> out, boolean ownTimer) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.out = Objects.requireNonNull(out);
        if (ownTimer) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sco-notification-groups");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(() -> flushDue(clock.instant()), 200, 200, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Groups that flush themselves on a timer thread of their own. */
    public static NotificationGroups start(Settings settings, InstantSource clock, Consumer<Notification> out) {
        return new NotificationGroups(settings, clock, out, true);
    }

    /** Groups flushed only when {@link #flushDue} is called: for tests and for callers with a loop of their own. */
    public static NotificationGroups manual(Settings settings, InstantSource clock, Consumer<Notification> out) {
        return new NotificationGroups(settings, clock, out, false);
    }

    /** Takes one alert's change ({@code FIRING} or {@code RESOLVED}); a zero {@code group_wait} tells a new group at once. */
    public void add(Alert alert, String state) {
        addAll(List.of(new Change(alert, state)));
    }

    /**
     * Takes the changes of one round (or one webhook delivery) together: the changes of one group
     * are one message even with a zero {@code group_wait}, as Alertmanager tells the alerts that
     * one delivery brings. Added one by one, the first change of a group went out alone and the
     * rest waited {@code group_interval}; and each change scanned every group for due ones, which
     * cost 8.4 s for a storm of 45,500 alerts in as many groups.
     */
    public void addAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Notification> due = new ArrayList<>();
        synchronized (this) {
            Set<Group> touched =
                    new LinkedHashSet<>(); // groups are equal only to themselves; told in first-touched order
            for (Change c : changes) {
                Group g = groupOf(c.alert());
                if (g.pending.isEmpty()) {
                    Instant next = g.lastSent == null
                            ? now.plus(settings.groupWait())
                            : g.lastSent.plus(settings.groupInterval());
                    g.dueAt = next.isBefore(now) ? now : next;
                }
                g.pending.add(c);
                touched.add(g);
            }
            // only the groups just changed can have fallen due now; the timer looks after the rest
            for (Group g : touched) {
                if (!g.dueAt.isAfter(now)) {
                    due.add(take(g, now));
                    if (g.active.isEmpty()) {
                        groups.remove(g.key);
                    }
                }
            }
        }
        due.forEach(out);
    }

    private Group groupOf(Alert alert) {
        List<String> key = new ArrayList<>(settings.groupBy().size());
        Map<String, String> groupLabels = new TreeMap<>();
        for (String name : settings.groupBy()) {
            String v = alert.labels().get(name);
            key.add(v == null ? "" : v);
            if (v != null) {
                groupLabels.put(name, v);
            }
        }
        return groups.computeIfAbsent(key, k -> new Group(k, Labels.of(groupLabels)));
    }

    /** Sends every group whose time has come. */
    public void flushDue(Instant now) {
        for (Notification n : takeDue(now, false)) {
            out.accept(n);
        }
    }

    private synchronized List<Notification> takeDue(Instant now, boolean all) {
        List<Notification> due = new ArrayList<>();
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            if (!g.pending.isEmpty() && (all || !g.dueAt.isAfter(now))) {
                due.add(take(g, now));
                if (g.active.isEmpty()) {
                    it.remove();
                }
            }
        }
        return due;
    }

    /**
     * Groups kept: the live ones and those with changes still to tell. A group whose flush leaves
     * no alert firing is gone, so series churn under a high-cardinality {@code group_by} (a pod
     * label, idle eviction resolving the alerts) does not grow this without end.
     */
    synchronized int groupCount() {
        return groups.size();
    }

    private static Notification take(Group g, Instant now) {
        Notification n = message(g, now);
        for (Change c : g.pending) {
            if (c.state().equals("FIRING")) {
                g.active.add(c.alert().fingerprint());
            } else {
                g.active.remove(c.alert().fingerprint());
            }
        }
        g.pending.clear();
        g.lastSent = now;
        return n;
    }

    private static Notification message(Group g, Instant now) {
        // one line per alert: an alert that fired and resolved within the wait is told as having
        // fired (resolved since), so a short anomaly is never swallowed by the batching
        Map<String, Change> latest = new LinkedHashMap<>();
        Map<String, Boolean> fired = new LinkedHashMap<>();
        for (Change c : g.pending) {
            latest.put(c.alert().fingerprint(), c);
            fired.merge(c.alert().fingerprint(), c.state().equals("FIRING"), Boolean::logicalOr);
        }
        Map<String, Integer> counts = new TreeMap<>();
        Severity severity = Severity.INFO;
        StringBuilder body = new StringBuilder();
        for (Change c : latest.values()) {
            boolean firedHere = fired.get(c.alert().fingerprint());
            String state = firedHere ? "FIRING" : c.state();
            counts.merge(state, 1, Integer::sum);
            if (firedHere && c.alert().severity().compareTo(severity) > 0) {
                severity = c.alert().severity();
            }
            String shown = firedHere && !c.state().equals("FIRING") ? "FIRING, " + c.state() + " since" : state;
            body.append(body.isEmpty() ? "" : "\n")
                    .append("- [")
                    .append(shown)
                    .append("] ")
                    .append(c.alert().name())
                    .append(": ")
                    .append(c.alert()
                            .annotations()
                            .getOrDefault("summary", c.alert().name()))
                    .append(' ')
                    .append(c.alert().labels());
        }
        if (counts.getOrDefault("FIRING", 0) == 0) {
            severity = latest.values().stream()
                    .map(c -> c.alert().severity())
                    .max(Severity::compareTo)
                    .orElse(Severity.INFO);
        }
        StringBuilder title = new StringBuilder("[");
        counts.forEach((state, n) -> title.append(title.length() > 1 ? ", " : "")
                .append(state)
                .append(':')
                .append(n));
        title.append("] ");
        String names = String.join(
                ", ",
                latest.values().stream().map(c -> c.alert().name()).distinct().toList());
        title.append(names);
        String labels = g.labels.asMap().entrySet().stream()
                .filter(e -> !e.getKey().equals("alertname"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        if (!labels.isEmpty()) {
            title.append(" (").append(labels).append(')');
        }
        return new Notification(title.toString(), body.toString(), severity, g.labels, now);
    }

    /** Sends what is still waiting, at once: a stopping agent loses no notification. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        for (Notification n : takeDue(clock.instant(), true)) {
            out.accept(n);
        }
    }
}
