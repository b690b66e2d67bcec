package io.smartcloudops.api.spi;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The narrow world a plugin gets: a clock, its data directory, and its own validated configuration.
 *
 * <pre>{@code
 * ProviderContext ctx = ProviderContext.builder()
 *         .clock(InstantSource.system())
 *         .dataDir(Path.of("sco-data"))
 *         .config(ProviderConfig.of(Map.of("threshold", 0.9)))
 *         .build();
 * }</pre>
 */
public final class ProviderContext {
    private final InstantSource clock;
    private final Path dataDir;
    private final ProviderConfig config;
    private final Map<Class<?>, Object> services;

    private ProviderContext(Builder b) {
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.config = Objects.requireNonNull(b.config, "config");
        this.services = Map.copyOf(b.services);
    }

    public static Builder builder() {
        return new Builder();
    }

    public InstantSource clock() {
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ProviderConfig config() {
        return config;
    }

    /**
     * A part of the host that the host chose to share with plugins (the loop shares its alert
     * silences, for {@code silence_alert}); empty when this host has none of that type.
     */
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    /** The same clock, directory and services with another plugin's configuration. */
    public ProviderContext withConfig(ProviderConfig other) {
        Builder b = builder().clock(clock).dataDir(dataDir).config(other);
        b.services.putAll(services);
        return b.build();
    }

    /** Options for a {@link ProviderContext}. */
    public static final class Builder {
        private InstantSource clock = InstantSource.system();
        private Path dataDir = Path.of("sco-data");
        private ProviderConfig config = ProviderConfig.empty();
        private final Map<Class<?>, Object> services = new HashMap<>();

        private Builder() {}

        public Builder clock(InstantSource c) {
            this.clock = c;
            return this;
        }

        public Builder dataDir(Path d) {
            this.dataDir = d;
            return this;
        }

        public Builder config(ProviderConfig c) {
            this.config = c;
            return this;
        }

        /** Shares {@code instance} with plugins as {@code type}. */
        public <T> Builder service(Class<T> type, T instance) {
            services.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(instance, "instance"));
            return this;
        }

        public ProviderContext build() {
            return new ProviderContext(this);
        }
    }
}
