package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.chat.KnownTargets;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.chat.internal.nlu.SlotExtractor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves the service and host a request names against what the running deployment knows, or says
 * why it cannot, naming the known ones. Never drops a named host: "restart postgres on db-7" on a
 * deployment without db-7 is refused, not run on whichever machine answers.
 *
 * <p>The view's {@link OpsView#knownTargets()} is authoritative. A host the view knows but for which
 * it lists no services (the default derivation from series labels finds hosts only) gets the
 * services the example deployment runs there, so the bundled layout applies only to hosts that exist.
 */
public final class Targets {

    /** A resolved target, canonical; {@code service} is null for a host-only request. */
    public record Resolved(String host, String service) {}

    /** A resolution: either a target or the refusal to tell the person. */
    public record Resolution(Optional<Resolved> target, String refusal) {
        static Resolution ok(String host, String service) {
            return new Resolution(Optional.of(new Resolved(host, service)), "");
        }

        static Resolution refused(String why) {
            return new Resolution(Optional.empty(), why);
        }
    }

    private final KnownTargets known;

    public Targets(KnownTargets known) {
        this.known = known;
    }

    /** The view's targets, with the example layout filled in for known hosts that list no services. */
    public static Targets of(OpsView view) {
        KnownTargets fromView = view.knownTargets();
        KnownTargets.Builder b = KnownTargets.builder();
        Map<String, String> renamed = new HashMap<>();
        fromView.services().forEach((named, units) -> {
            // A host the vocabulary knows by another name ("app-1" is app) takes that name, keeping its own as an
            // alias.
            String host = SlotExtractor.canonicalHost(named).orElse(named);
            if (!host.equals(named)) {
                renamed.put(named, host);
            }
            if (units.isEmpty()) {
                String[] layout = SlotExtractor.exampleLayout().entrySet().stream()
                        .filter(e -> e.getValue().equals(host))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toArray(String[]::new);
                b.host(host, layout);
            } else {
                b.host(host, units.toArray(String[]::new));
            }
        });
        renamed.forEach(b::alias);
        fromView.aliases().forEach((alias, host) -> b.alias(alias, renamed.getOrDefault(host, host)));
        fromView.probes().forEach((k, v) -> {
            int slash = k.indexOf('/');
            String host = slash < 0 ? k : k.substring(0, slash);
            b.probe(renamed.getOrDefault(host, host), slash < 0 ? null : k.substring(slash + 1), v);
        });
        fromView.actions().forEach(b::action);
        return new Targets(b.build());
    }

    public KnownTargets known() {
        return known;
    }

    /**
     * @param service the canonical service the text named, or null
     * @param host the canonical host the text named, or null
     * @param hostAsWritten a host named that the vocabulary does not know, or null
     * @param serviceAsWritten a service named that the vocabulary does not know, or null
     * @param needService true for a restart (a unit is required), false when a host alone will do
     */
    public Resolution resolve(
            String service, String host, String hostAsWritten, String serviceAsWritten, boolean needService) {
        String canonicalHost = null;
        if (hostAsWritten != null) {
            canonicalHost = known.canonicalHost(hostAsWritten).orElse(null);
            if (canonicalHost == null) {
                return Resolution.refused(
                        "I don't know a host '" + hostAsWritten + "' in this deployment; I know " + hostList() + ".");
            }
        } else if (host != null) {
            canonicalHost = known.canonicalHost(host).orElse(null);
            if (canonicalHost == null) {
                return Resolution.refused("This deployment has no host '" + host + "'; I know " + hostList() + ".");
            }
        }
        if (service == null && serviceAsWritten != null) {
            return Resolution.refused("I don't know a service '" + serviceAsWritten + "' here; I know "
                    + serviceList(canonicalHost) + ".");
        }
        if (service == null) {
            if (needService || canonicalHost == null) {
                return Resolution.refused("");
            }
            return Resolution.ok(canonicalHost, null);
        }
        if (canonicalHost != null) {
            if (!known.services().getOrDefault(canonicalHost, Set.of()).contains(service)) {
                return Resolution.refused(
                        canonicalHost + " does not run " + service + "; it runs " + serviceList(canonicalHost) + ".");
            }
            return Resolution.ok(canonicalHost, service);
        }
        Optional<String> runsIt = known.hostOf(service);
        if (runsIt.isEmpty()) {
            long hosts = known.services().values().stream()
                    .filter(s -> s.contains(service))
                    .count();
            return Resolution.refused(
                    hosts == 0
                            ? "No host of this deployment runs " + service + "; I know " + serviceList(null) + "."
                            : service + " runs on more than one host; say which: " + hostList() + ".");
        }
        return Resolution.ok(runsIt.get(), service);
    }

    /** "app (nginx, api) and monitor (grafana)" — what help and refusals name. */
    public String describe() {
        if (known.services().isEmpty()) {
            return "no hosts yet";
        }
        StringBuilder sb = new StringBuilder();
        known.services()
                .forEach((h, units) -> sb.append(sb.isEmpty() ? "" : "; ")
                        .append(h)
                        .append(units.isEmpty() ? "" : " (" + String.join(", ", new TreeSet<>(units)) + ")"));
        return sb.toString();
    }

    private String hostList() {
        return known.services().isEmpty()
                ? "no hosts yet"
                : String.join(", ", known.services().keySet());
    }

    private String serviceList(String host) {
        Set<String> units =
                host == null ? known.allServices() : known.services().getOrDefault(host, Set.of());
        return units.isEmpty() ? "none" : String.join(", ", new TreeSet<>(units));
    }
}
