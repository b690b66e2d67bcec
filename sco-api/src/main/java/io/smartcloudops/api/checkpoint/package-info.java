/** Where detector checkpoints are kept: the {@link io.smartcloudops.api.checkpoint.CheckpointStore} a provider opens. */
package io.smartcloudops.api.checkpoint;
