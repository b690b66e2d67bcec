package io.smartcloudops.api.spi;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The narrow world a plugin gets: a clock, its data directory, and its own validated configuration.
 *
 * <pre>{@code
 * ProviderContext ctx = ProviderContext.builder().clock(InstantSource.system()).dataDir(Path.of("sco-data"))
 *         .config(ProviderConfig.of(Map.of("threshold", 0.9))).build();
 * }</pre>
 */
public final class ProviderContext {
    private final InstantSource clock;
    private final Path dataDir;
    private final ProviderConfig config;

    private ProviderContext(Builder b) {
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.config = Objects.requireNonNull(b.config, "config");
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

    /** The same clock and directory with another plugin's configuration. */
    public ProviderContext withConfig(ProviderConfig other) {
        return builder().clock(clock).dataDir(dataDir).config(other).build();
    }

    /** Options for a {@link ProviderContext}. */
    public static final class Builder {
        private InstantSource clock = InstantSource.system();
        private Path dataDir = Path.of("sco-data");
        private ProviderConfig config = ProviderConfig.empty();

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

        public ProviderContext build() {
            return new ProviderContext(this);
        }
    }
}
