package io.smartcloudops.aws.sns;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.spi.NotifierProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.AwsClientFactory;
import io.smartcloudops.aws.AwsSettings;
import java.util.HashSet;
import java.util.Set;

/** {@code sns}: an {@link SnsNotifier}. Settings: {@code topic_arn} and the {@link AwsSettings#KEYS}. */
public final class SnsNotifierProvider implements NotifierProvider {
    @Override
    public String name() {
        return "sns";
    }

    @Override
    public Notifier create(ProviderContext context) {
        ProviderConfig c = context.config();
        Set<String> known = new HashSet<>(AwsSettings.KEYS);
        known.add("topic_arn");
        c.requireOnly(known);
        String arn = c.requireString("topic_arn");
        if (!SnsNotifier.TOPIC_ARN.matcher(arn).matches()) {
            throw new ConfigException(
                    "sns: topic_arn '" + arn + "' is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
        }
        return new SnsNotifier(new AwsClientFactory(AwsSettings.from(c)).sns(), arn);
    }
}
