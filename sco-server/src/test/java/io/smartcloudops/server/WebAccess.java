package io.smartcloudops.server;

import static org.awaitility.Awaitility.await;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A running agent fed a CPU spike, as the browser test sees it. */
public final class WebAccess implements AutoCloseable {
    private final Agent agent;

    private WebAccess(Agent agent) {
        this.agent = agent;
    }

    public static WebAccess start(AgentConfig config) {
        return new WebAccess(Agent.builder(config)
                .source(new ReplaySource(ReplaySource.normalThenSpike(), InstantSource.system()))
                .build()
                .start());
    }

    public String url() {
        return "http://127.0.0.1:" + agent.port() + "/";
    }

    public void awaitCpuSpike() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !agent.ops().view().anomalies(10).isEmpty());
    }

    /** A destructive action asked for by alice; returns the pending approval's id. */
    public String proposeDestructiveAction() {
        ActionResult r = agent.ops()
                .gate()
                .request(ActionRequest.builder("run_command", "local")
                        .parameter("command", "say_hi")
                        .requestedBy(new Principal("alice", Role.OPERATOR))
                        .reason("browser test")
                        .build());
        return r.approvalId();
    }

    public String createToken(String name, Role role) {
        return agent.tokens().create(name, role, Instant.now());
    }

    public String approvedBy(String approvalId) {
        return agent
                .ops()
                .audit()
                .query(AuditQuery.builder().outcome("approved").build())
                .stream()
                .filter(e -> approvalId.equals(e.record().details().get("approval_id")))
                .map(e -> e.record().actor())
                .findFirst()
                .orElse("");
    }

    @Override
    public void close() {
        agent.close();
    }
}
