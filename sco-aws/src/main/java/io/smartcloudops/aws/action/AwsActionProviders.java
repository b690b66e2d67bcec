package io.smartcloudops.aws.action;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.AwsClientFactory;
import io.smartcloudops.aws.AwsSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The AWS actions' providers. Each accepts the {@link AwsSettings#KEYS} and the keys listed on it.
 * The SDK client an action holds lives as long as the action.
 */
public final class AwsActionProviders {
    private AwsActionProviders() {}

    static AwsClientFactory clients(ProviderConfig c, Set<String> ownKeys) {
        Set<String> known = new HashSet<>(AwsSettings.KEYS);
        known.addAll(ownKeys);
        c.requireOnly(known);
        return new AwsClientFactory(AwsSettings.from(c));
    }

    /** {@code ec2_reboot}. */
    public static final class Ec2Reboot implements ActionProvider {
        @Override
        public String name() {
            return Ec2InstanceAction.Operation.REBOOT.actionName();
        }

        @Override
        public RemediationAction create(ProviderContext context) {
            return new Ec2InstanceAction(
                    Ec2InstanceAction.Operation.REBOOT,
                    clients(context.config(), Set.of()).ec2());
        }
    }

    /** {@code ec2_start}. */
    public static final class Ec2Start implements ActionProvider {
        @Override
        public String name() {
            return Ec2InstanceAction.Operation.START.actionName();
        }

        @Override
        public RemediationAction create(ProviderContext context) {
            return new Ec2InstanceAction(
                    Ec2InstanceAction.Operation.START,
                    clients(context.config(), Set.of()).ec2());
        }
    }

    /** {@code ec2_stop}. */
    public static final class Ec2Stop implements ActionProvider {
        @Override
        public String name() {
            return Ec2InstanceAction.Operation.STOP.actionName();
        }

        @Override
        public RemediationAction create(ProviderContext context) {
            return new Ec2InstanceAction(
                    Ec2InstanceAction.Operation.STOP,
                    clients(context.config(), Set.of()).ec2());
        }
    }

    /** {@code aws_asg_scale_up}: the {@code scale_up} action through an Auto Scaling group. */
    public static final class AsgScaleUp implements ActionProvider {
        @Override
        public String name() {
            return "aws_asg_scale_up";
        }

        @Override
        public RemediationAction create(ProviderContext context) {
            return new AsgScaleUpAction(clients(context.config(), Set.of()).autoScaling());
        }
    }

    /**
     * {@code aws_ec2_resize}: the {@code scale_up} action by resizing an instance. Settings
     * {@code allowed_types} (list; empty allows any), {@code wait_timeout} (default 10m),
     * {@code poll_interval} (default 15s).
     */
    public static final class Ec2Resize implements ActionProvider {
        @Override
        public String name() {
            return "aws_ec2_resize";
        }

        @Override
        public RemediationAction create(ProviderContext context) {
            ProviderConfig c = context.config();
            AwsClientFactory aws = clients(c, Set.of("allowed_types", "wait_timeout", "poll_interval"));
            Set<String> allowed = Set.copyOf(c.strings("allowed_types"));
            for (String t : allowed) {
                if (!Ec2Parameters.INSTANCE_TYPE.accepts(t)) {
                    throw new ConfigException("allowed_types: '" + t + "' is not an instance type (like t3.small)");
                }
            }
            return new Ec2ResizeAction(
                    aws.ec2(),
                    allowed,
                    positive(c, "wait_timeout", Duration.ofMinutes(10)),
                    positive(c, "poll_interval", Duration.ofSeconds(15)));
        }
    }

    /**
     * {@code ssm_restart_service}. Settings {@code command_timeout} (default 60s),
     * {@code poll_interval} (default 2s), {@code wait_timeout} (default 2m; the poll bound).
     */
    public static final class SsmRestartService implements ActionProvider {
        @Override
        public String name() {
            return SsmRestartServiceAction.NAME;
        }

        @Override
        public RemediationAction create(ProviderContext context) {
            ProviderConfig c = context.config();
            AwsClientFactory aws = clients(c, Set.of("command_timeout", "poll_interval", "wait_timeout"));
            Duration interval = positive(c, "poll_interval", Duration.ofSeconds(2));
            Duration wait = positive(c, "wait_timeout", Duration.ofMinutes(2));
            int polls = (int) Math.max(1, Math.min(10_000, wait.toMillis() / interval.toMillis()));
            return new SsmRestartServiceAction(
                    aws.ssm(),
                    positive(c, "command_timeout", Duration.ofSeconds(60)),
                    interval,
                    polls,
                    Pause.sleeping());
        }
    }

    private static Duration positive(ProviderConfig c, String key, Duration fallback) {
        Duration d = c.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException("setting '" + key + "' must be positive, got " + d);
        }
        return d;
    }
}
