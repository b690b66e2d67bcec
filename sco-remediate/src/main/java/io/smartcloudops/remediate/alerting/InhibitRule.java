package io.smartcloudops.remediate.alerting;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.remediate.match.Matcher;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Alertmanager's inhibition: a firing source alert mutes the target alerts it explains, those
 * with the same values of the {@code equal} labels. The default makes a critical alert mute the
 * warnings on the same host: when the host is down, its high-latency warning is noise.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }

    public static InhibitRule criticalMutesWarningsOnTheSameHost() {
        return new InhibitRule(
                List.of(Matcher.equal("severity", "critical")),
                List.of(Matcher.equal("severity", "warning")),
                List.of("host"));
    }

    /** True when {@code target} is one this rule can mute (its target matchers match), whatever fires. */
    public boolean targets(Alert target) {
        return targetMatchers.stream().allMatch(m -> m.matches(target.labels()));
    }

    /** True when some other firing alert mutes {@code target} under this rule. */
    public boolean inhibits(Alert target, Collection<Alert> firing) {
        if (!targets(target)) {
            return false;
        }
        for (Alert source : firing) {
            if (source == target
                    || source.state() != AlertState.FIRING
                    || source.fingerprint().equals(target.fingerprint())) {
                continue;
            }
            if (sourceMatchers.stream().allMatch(m -> m.matches(source.labels()))
                    && equal.stream()
                            .allMatch(l -> Objects.equals(
                                    source.labels().get(l), target.labels().get(l)))) {
                return true;
            }
        }
        return false;
    }
}
