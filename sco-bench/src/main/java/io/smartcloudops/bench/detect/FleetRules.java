package io.smartcloudops.bench.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The rule file that the benchmarks' fleets of {@code bench_metric} series run ({@code sco-bench soak}
 * through the agent's loop, {@code sco-bench flink} through sco-flink's operator), kept once as a
 * resource so that both measure the same rules.
 */
public final class FleetRules {
    /** The file's name, as the rule loader reports it in errors. */
    public static final String NAME = "fleet-rules.yml";

    private FleetRules() {}

    /** The file's text. */
    public static String text() {
        try (InputStream in = FleetRules.class.getResourceAsStream(NAME)) {
            if (in == null) {
                throw new IllegalStateException(NAME + " is missing beside " + FleetRules.class.getName()
                        + ": the sco-bench jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
