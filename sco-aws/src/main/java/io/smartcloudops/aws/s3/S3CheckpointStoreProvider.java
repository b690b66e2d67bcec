package io.smartcloudops.aws.s3;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.spi.CheckpointStoreProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.AwsClientFactory;
import io.smartcloudops.aws.AwsSettings;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code s3}: detector checkpoints in S3. Settings: {@code bucket}, {@code prefix}, {@code sse},
 * {@code kms_key_id} ({@link S3Settings}), {@code model} (the host's name, default {@code agent}:
 * two hosts sharing a bucket need two names) and the {@link AwsSettings#KEYS}.
 */
public final class S3CheckpointStoreProvider implements CheckpointStoreProvider {
    @Override
    public String name() {
        return "s3";
    }

    @Override
    public CheckpointStore open(ProviderContext context) {
        ProviderConfig c = context.config();
        Set<String> known = new HashSet<>(AwsSettings.KEYS);
        known.addAll(S3Settings.KEYS);
        known.add("model");
        known.add("store"); // the host's choice of this provider, passed through
        c.requireOnly(known);
        S3Settings where = S3Settings.from(c);
        String model = c.string("model", "agent");
        S3ModelStore store = new S3ModelStore(new AwsClientFactory(AwsSettings.from(c)).s3(), where, context.clock());
        store.checkModelName(model);
        return new S3CheckpointStore(store, model, where.uri(where.prefix() + "models/" + model + "/"));
    }
}
