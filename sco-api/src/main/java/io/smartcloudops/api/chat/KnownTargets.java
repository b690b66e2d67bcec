package io.smartcloudops.api.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hosts and services a running deployment knows, so that chat resolves what a person names to
 * one canonical target or refuses it, naming the known ones. Every action chat proposes carries the
 * canonical host as its target, so the gate's cooldowns, rate limits and idempotency see one target
 * however the machine was named.
 *
 * <pre>{@code
 * KnownTargets known = KnownTargets.builder()
 *         .host("app", "nginx", "api", "postgres")
 *         .alias("app-1", "app")
 *         .alias("10.0.0.5", "app")
 *         .host("monitor", "prometheus", "grafana")
 *         .probe("app", "redis", Map.of("address", "10.0.0.5:6379"))
 *         .action("restart_service")
 *         .build();
 * known.canonicalHost("App-1"); // Optional[app]
 * known.hostOf("grafana"); // Optional[monitor]
 * }</pre>
 *
 * @param services each canonical host name with the service units it runs (a host may run none that chat can act on)
 * @param aliases other names of a host (instance names, addresses), lower case, each to its canonical name
 * @param probes how {@code health_check} reaches a service or host: key {@code host/service} or {@code host},
 *     value the probe's parameters ({@code url=http://10.0.0.5/} or {@code address=10.0.0.5:6379})
 * @param actions the action names the gate can run here; empty when the host does not say
 */
public record KnownTargets(
        Map<String, Set<String>> services,
        Map<String, String> aliases,
        Map<String, Map<String, String>> probes,
        Set<String> actions) {

    /** Hosts and aliases only (no probes; actions not stated). */
    public KnownTargets(Map<String, Set<String>> services, Map<String, String> aliases) {
        this(services, aliases, Map.of(), Set.of());
    }

    public KnownTargets {
        Map<String, Set<String>> s = new TreeMap<>();
        services.forEach((h, units) -> s.put(h.toLowerCase(Locale.ROOT), Set.copyOf(new TreeSet<>(units))));
        services = Collections.unmodifiableMap(s);
        Map<String, String> a = new TreeMap<>();
        aliases.forEach((alias, host) -> {
            String canonical = host.toLowerCase(Locale.ROOT);
            if (!s.containsKey(canonical)) {
                throw new IllegalArgumentException(
                        "alias '" + alias + "' names unknown host '" + host + "'; known: " + s.keySet());
            }
            a.put(alias.toLowerCase(Locale.ROOT), canonical);
        });
        aliases = Collections.unmodifiableMap(a);
        Map<String, Map<String, String>> p = new TreeMap<>();
        probes.forEach((k, v) -> p.put(k.toLowerCase(Locale.ROOT), Map.copyOf(v)));
        probes = Collections.unmodifiableMap(p);
        actions = Set.copyOf(actions);
    }

    /** The probe parameters of a service on a host (or of the host itself when {@code service} is null). */
    public Optional<Map<String, String>> probe(String host, String service) {
        return Optional.ofNullable(probes.get(service == null ? host : host + "/" + service));
    }

    /** True when the gate can run {@code action} here, or the host did not say which it can. */
    public boolean offers(String action) {
        return actions.isEmpty() || actions.contains(action);
    }

    /** Knows nothing: every named target is refused. */
    public static KnownTargets none() {
        return new KnownTargets(Map.of(), Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The canonical name of a host named any known way, ignoring case. */
    public Optional<String> canonicalHost(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        return services.containsKey(n) ? Optional.of(n) : Optional.ofNullable(aliases.get(n));
    }

    /** The host that runs a service, when exactly one does. */
    public Optional<String> hostOf(String service) {
        var hosts = services.entrySet().stream()
                .filter(e -> e.getValue().contains(service))
                .map(Map.Entry::getKey)
                .toList();
        return hosts.size() == 1 ? Optional.of(hosts.get(0)) : Optional.empty();
    }

    /** Every service unit any host runs, sorted. */
    public Set<String> allServices() {
        Set<String> all = new TreeSet<>();
        services.values().forEach(all::addAll);
        return all;
    }

    /** Options for {@link KnownTargets}. */
    public static final class Builder {
        private final Map<String, Set<String>> services = new LinkedHashMap<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> probes = new LinkedHashMap<>();
        private final Set<String> actions = new TreeSet<>();

        private Builder() {}

        /** A host and (some of) the services it runs; repeated calls add to it. */
        public Builder host(String name, String... units) {
            services.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new TreeSet<>())
                    .addAll(Set.of(units));
            return this;
        }

        public Builder alias(String alias, String host) {
            aliases.put(alias, host);
            return this;
        }

        /** How health_check probes {@code service} on {@code host} (null service: the host), e.g. {@code Map.of("address", "10.0.0.5:6379")}. */
        public Builder probe(String host, String service, Map<String, String> parameters) {
            probes.put(service == null ? host : host + "/" + service, parameters);
            return this;
        }

        /** An action the gate can run here ({@code restart_service}, {@code scale_up}, ...). */
        public Builder action(String name) {
            actions.add(name);
            return this;
        }

        public KnownTargets build() {
            return new KnownTargets(services, aliases, probes, actions);
        }
    }
}
