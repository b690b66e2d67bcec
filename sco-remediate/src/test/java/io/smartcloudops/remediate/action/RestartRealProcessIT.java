package io.smartcloudops.remediate.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.policy.PolicyGate;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process goes down; {@code restart_service} (through a stand-in systemctl that really
 * restarts it) brings it back, and {@code health_check} verifies it, all through the policy gate.
 */
class RestartRealProcessIT {
    @TempDir
    Path dir;

    private Path pidFile;

    @AfterEach
    void killService() throws Exception {
        if (pidFile != null && Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void crashedServiceIsRestartedAndVerifiedHealthy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        pidFile = dir.resolve("tiny.pid");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path systemctl = dir.resolve("systemctl");
        Files.writeString(
                systemctl,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "# stand-in for systemctl: 'restart UNIT' stops the unit's process if any and starts it again",
                        "[ \"$1\" = restart ] || exit 2",
                        "[ -f '" + pidFile + "' ] && kill \"$(cat '" + pidFile + "')\" 2>/dev/null",
                        "rm -f '" + pidFile + "'",
                        "nohup '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                                + TinyService.class.getName() + " " + port + " '" + pidFile + "' > '"
                                + dir.resolve("tiny.log") + "' 2>&1 &",
                        "exit 0",
                        ""));
        assertThat(systemctl.toFile().setExecutable(true)).isTrue();

        HealthCheckAction health = new HealthCheckAction(Duration.ofSeconds(2));
        ActionRequest probe = ActionRequest.builder("health_check", "tiny")
                .parameter("url", "http://127.0.0.1:" + port + "/healthz")
                .parameter("body_contains", "ok")
                .build();
        assertThat(health.execute(probe, ActionMode.EXECUTE, Instant.now()).outcome())
                .as("the service is down")
                .isEqualTo(ActionOutcome.FAILED);

        try (SqliteAuditLog audit = SqliteAuditLog.open(dir.resolve("audit.db"), InstantSource.system())) {
            PolicyGate gate = PolicyGate.builder(audit, InstantSource.system())
                    .mode(ActionMode.EXECUTE)
                    .action(new RestartServiceAction(
                            new ProcessCommandRunner(), List.of(systemctl.toString()), Duration.ofSeconds(10)))
                    .action(health)
                    .build();
            ActionRequest restart = ActionRequest.builder("restart_service", "tiny")
                    .parameter("unit", "tiny")
                    .requestedBy(new Principal("ops", Role.OPERATOR))
                    .reason("TinyDown")
                    .build();
            ActionResult r = gate.request(restart, Optional.of(new Verification(probe, 60, Duration.ofMillis(250))));
            assertThat(r.outcome()).as(r.message()).isEqualTo(ActionOutcome.SUCCEEDED);
            assertThat(r.message()).contains("verified").contains("healthy");
        }
        assertThat(health.execute(probe, ActionMode.EXECUTE, Instant.now()).outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
    }
}
