package io.smartcloudops.remediate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.testkit.RemediationActionContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalScaleUpActionTest extends RemediationActionContract {
    @TempDir
    Path dir;

    private LocalScaleUpAction action;

    @Override
    protected RemediationAction action() {
        if (action == null) {
            action = (LocalScaleUpAction) ProviderRegistry.builder()
                    .discover(getClass().getClassLoader())
                    .build()
                    .provider(ActionProvider.class, "local_scale_up")
                    .create(ProviderContext.builder()
                            .dataDir(dir)
                            .config(ProviderConfig.of(Map.of(
                                    "services",
                                    Map.of("worker", Map.of("argv", List.of("sleep", "300"), "max_replicas", 3)))))
                            .build());
        }
        return action;
    }

    @AfterEach
    void stopReplicas() {
        if (action != null) {
            action.close();
        }
    }

    @Override
    protected ActionRequest validRequest() {
        return ActionRequest.builder("scale_up", "worker")
                .parameter("service", "worker")
                .parameter("replicas", "2")
                .build();
    }

    @Override
    protected String observableState() {
        action();
        return "replicas=" + action.replicas("worker");
    }

    @Test
    void startsRealReplicasUpToTheMaximum() {
        action();
        assertThat(action.execute(validRequest(), ActionMode.EXECUTE, Instant.EPOCH)
                        .message())
                .isEqualTo("scaled worker from 0 to 2 replicas");
        assertThat(action.replicas("worker")).isEqualTo(2);
        assertThat(action.execute(validRequest(), ActionMode.EXECUTE, Instant.EPOCH)
                        .message())
                .contains("to 3 replicas (capped");
        var full = action.execute(validRequest(), ActionMode.EXECUTE, Instant.EPOCH);
        assertThat(full.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(full.message()).contains("maximum of 3");
        action.close();
        assertThat(action.replicas("worker")).isZero();
    }

    @Test
    void unknownServiceAndBadConfigAreClearErrors() {
        ActionRequest other = ActionRequest.builder("scale_up", "db")
                .parameter("service", "db")
                .build();
        assertThatThrownBy(() -> action().execute(other, ActionMode.EXECUTE, Instant.EPOCH))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("[worker]");
        assertThatThrownBy(() -> new LocalScaleUpProvider()
                        .create(ProviderContext.builder()
                                .dataDir(dir)
                                .config(ProviderConfig.of(Map.of("services", Map.of("w", Map.of("argv", List.of())))))
                                .build()))
                .isInstanceOf(ConfigException.class);
    }
}
