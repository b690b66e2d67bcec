/** How the agent's data files are made: {@link io.smartcloudops.api.storage.PrivateFiles}, readable by their owner only. */
package io.smartcloudops.api.storage;
