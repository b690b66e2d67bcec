package io.smartcloudops.api.spi;

import io.smartcloudops.api.ProviderException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins one agent uses. An instance, never a global: two agents in one JVM can hold different
 * registries. Explicit registration comes first and wins over discovery; discovery is asked for.
 *
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.builder()
 *         .register(DetectorProvider.class, new MyDetectorProvider()) // explicit, wins
 *         .discover(getClass().getClassLoader()) // META-INF/services
 *         .build();
 * DetectorProvider p = registry.provider(DetectorProvider.class, "default");
 * }</pre>
 *
 * <p>Discovery is defensive: a provider that fails to load is logged and listed in
 * {@link #problems()}, and the others still load. Two discovered providers with one name make that
 * name ambiguous: looking it up throws an exception naming both classes.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    /** Every SPI type that {@link Builder#discover} looks for. */
    public static final List<Class<? extends Provider>> SPI_TYPES = List.of(
            DetectorProvider.class,
            MetricSourceProvider.class,
            ActionProvider.class,
            NotifierProvider.class,
            AuditLogProvider.class,
            ChatEngineProvider.class,
            CheckpointStoreProvider.class,
            AuditArchiveProvider.class);

    private final Map<Class<? extends Provider>, Map<String, Provider>> byType;
    private final Map<Class<? extends Provider>, Map<String, List<String>>> ambiguous;
    private final List<ProviderProblem> problems;

    private ProviderRegistry(Builder b) {
        Map<Class<? extends Provider>, Map<String, Provider>> types = new LinkedHashMap<>();
        b.byType.forEach((t, m) -> types.put(t, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        this.byType = Collections.unmodifiableMap(types);
        Map<Class<? extends Provider>, Map<String, List<String>>> amb = new LinkedHashMap<>();
        b.ambiguous.forEach((t, m) -> amb.put(t, Map.copyOf(m)));
        this.ambiguous = Collections.unmodifiableMap(amb);
        this.problems = List.copyOf(b.problems);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The provider of this type with this name.
     *
     * @throws ProviderException when none has the name (listing the available names) or when two
     *     discovered providers share it (naming both classes)
     */
    public <P extends Provider> P provider(Class<P> type, String name) {
        List<String> clash = ambiguous.getOrDefault(type, Map.of()).get(name);
        if (clash != null) {
            throw new ProviderException("two " + type.getSimpleName() + "s are named '" + name + "': " + clash
                    + "; remove one jar from the class path or register the one you want explicitly");
        }
        Provider p = byType.getOrDefault(type, Map.of()).get(name);
        if (p == null) {
            throw new ProviderException(
                    "no " + type.getSimpleName() + " named '" + name + "'; available: " + names(type));
        }
        return type.cast(p);
    }

    /** Every usable provider of a type, in registration then discovery order. */
    public <P extends Provider> List<P> providers(Class<P> type) {
        return byType.getOrDefault(type, Map.of()).values().stream()
                .map(type::cast)
                .toList();
    }

    public Set<String> names(Class<? extends Provider> type) {
        Set<String> names = new TreeSet<>(byType.getOrDefault(type, Map.of()).keySet());
        names.addAll(ambiguous.getOrDefault(type, Map.of()).keySet());
        return Collections.unmodifiableSet(names);
    }

    /** What discovery could not use. */
    public List<ProviderProblem> problems() {
        return problems;
    }

    /** Options for a {@link ProviderRegistry}. */
    public static final class Builder {
        private final Map<Class<? extends Provider>, Map<String, Provider>> byType = new LinkedHashMap<>();
        private final Map<Class<? extends Provider>, Map<String, Provider>> explicit = new LinkedHashMap<>();
        private final Map<Class<? extends Provider>, Map<String, List<String>>> ambiguous = new LinkedHashMap<>();
        private final List<ProviderProblem> problems = new ArrayList<>();

        private Builder() {}

        /**
         * Registers an instance. It wins over a discovered provider of the same name; registering
         * two instances with one name is a mistake and throws at once.
         */
        public <P extends Provider> Builder register(Class<P> type, P provider) {
            String name = checkedName(provider);
            Provider before =
                    explicit.computeIfAbsent(type, t -> new LinkedHashMap<>()).putIfAbsent(name, provider);
            if (before != null) {
                throw new ProviderException("two " + type.getSimpleName() + "s registered as '" + name + "': "
                        + List.of(
                                before.getClass().getName(), provider.getClass().getName()));
            }
            byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, provider);
            Map<String, List<String>> amb = ambiguous.get(type);
            if (amb != null) {
                amb.remove(name);
            }
            return this;
        }

        /** Finds every SPI type's providers through {@link ServiceLoader} on the given class loader. */
        public Builder discover(ClassLoader loader) {
            for (Class<? extends Provider> type : SPI_TYPES) {
                discover(type, loader);
            }
            return this;
        }

        private <P extends Provider> void discover(Class<P> type, ClassLoader loader) {
            Map<String, Provider> mine = byType.computeIfAbsent(type, t -> new LinkedHashMap<>());
            Map<String, Provider> fixed = explicit.getOrDefault(type, Map.of());
            Map<String, List<String>> clashes = ambiguous.computeIfAbsent(type, t -> new LinkedHashMap<>());
            Iterator<P> it = ServiceLoader.load(type, loader).iterator();
            // A broken entry throws from hasNext() or next() and the iterator moves on; the bound
            // guards against a loader that keeps failing on the same entry.
            for (int guard = 0; guard < 10_000; guard++) {
                P provider;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    report(type, "failed to load: " + e.getMessage());
                    continue;
                }
                String name;
                try {
                    name = checkedName(provider);
                } catch (RuntimeException e) {
                    report(type, provider.getClass().getName() + " has no usable name: " + e.getMessage());
                    continue;
                }
                if (fixed.containsKey(name)) {
                    continue; // an explicit registration wins
                }
                List<String> clash = clashes.get(name);
                if (clash != null) {
                    clash.add(provider.getClass().getName());
                    continue;
                }
                Provider before = mine.putIfAbsent(name, provider);
                if (before != null && before != provider && !before.getClass().equals(provider.getClass())) {
                    mine.remove(name);
                    List<String> both = new ArrayList<>(List.of(
                            before.getClass().getName(), provider.getClass().getName()));
                    clashes.put(name, both);
                    report(type, "name '" + name + "' is claimed by " + both);
                }
            }
        }

        private void report(Class<? extends Provider> type, String description) {
            LOG.warn("{}: {}", type.getSimpleName(), description);
            problems.add(new ProviderProblem(type, description));
        }

        private static String checkedName(Provider provider) {
            String name = provider.name();
            if (name == null || name.isBlank()) {
                throw new ProviderException(provider.getClass().getName() + ".name() returned no name");
            }
            return name;
        }

        public ProviderRegistry build() {
            return new ProviderRegistry(this);
        }
    }
}
