package io.smartcloudops.api.spi;

import io.smartcloudops.api.checkpoint.CheckpointStore;

/**
 * Plugs in a store for the detectors' checkpoint ({@code checkpoints: {store: NAME, ...}} in a
 * host's configuration). The built-in {@code file} store writes {@code detectors.ckpt} in the data
 * directory; {@code s3} (in sco-aws) writes each checkpoint as a new object.
 *
 * <pre>{@code
 * public final class MyStoreProvider implements CheckpointStoreProvider {
 *     public String name() {
 *         return "mine";
 *     }
 *
 *     public CheckpointStore open(ProviderContext context) {
 *         return new MyStore(context.dataDir().resolve(context.config().string("file", "detectors.ckpt")));
 *     }
 * }
 * }</pre>
 */
public interface CheckpointStoreProvider extends Provider {
    CheckpointStore open(ProviderContext context);
}
