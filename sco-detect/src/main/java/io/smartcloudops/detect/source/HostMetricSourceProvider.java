package io.smartcloudops.detect.source;

import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code host}: the local machine through {@code /proc}. Settings: {@code host} (label value,
 * default {@code local}), {@code proc} (default {@code /proc}), {@code mounts} (default {@code [/]}).
 */
public final class HostMetricSourceProvider implements MetricSourceProvider {
    @Override
    public String name() {
        return "host";
    }

    @Override
    public MetricSource create(ProviderContext context) {
        var c = context.config();
        c.requireOnly(Set.of("host", "proc", "mounts"));
        List<Path> mounts =
                c.has("mounts") ? c.strings("mounts").stream().map(Path::of).toList() : List.of(Path.of("/"));
        return new HostMetricSource(
                Path.of(c.string("proc", "/proc")), mounts, c.string("host", "local"), context.clock());
    }
}
