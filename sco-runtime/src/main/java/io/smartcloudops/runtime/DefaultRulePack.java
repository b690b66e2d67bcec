package io.smartcloudops.runtime;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the loop watches for when it is told nothing: the packaged rule pack for the two-host
 * deployment.
 */
public final class DefaultRulePack {
    static final String RESOURCE = "/io/smartcloudops/runtime/default-rules.yml";

    private DefaultRulePack() {}

    public static RuleSet load() {
        try (InputStream in = DefaultRulePack.class.getResourceAsStream(RESOURCE)) {
            Objects.requireNonNull(in, "default rules are packaged with the agent");
            return new RuleFileLoader()
                    .parseSet("default-rules.yml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read the packaged default rules: " + e.getMessage(), e);
        }
    }
}
