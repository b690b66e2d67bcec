package io.smartcloudops.remediate.action;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scale_up} on one machine, for the demo: each configured service is a command the action
 * runs as child processes, one per replica; scaling up starts more of them, up to a maximum. The
 * AWS plugins implement the same action name for Auto Scaling groups and instance types.
 */
public final class LocalScaleUpAction implements RemediationAction, AutoCloseable {
    public static final String NAME = "scale_up";

    /** A service the action may scale: its command line and the most replicas allowed. */
    public record Service(List<String> argv, int maxReplicas, Path logDir) {
        public Service {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || maxReplicas < 1) {
                throw new IllegalArgumentException("a scalable service needs a command and max_replicas >= 1");
            }
        }
    }

    private final Map<String, Service> services;
    private final Map<String, List<Process>> running = new HashMap<>();

    public LocalScaleUpAction(Map<String, Service> services) {
        this.services = Map.copyOf(services);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "start more replicas of a local service: "
                + services.keySet().stream().sorted().toList();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.required("service", "[a-z][a-z0-9_-]{0,63}", "service to scale"),
                ParameterSpec.optional("replicas", "[1-9][0-9]?", "how many more replicas (default 1)"));
    }

    /** Live replicas of a service. */
    public synchronized int replicas(String service) {
        List<Process> ps = running.get(service);
        if (ps == null) {
            return 0;
        }
        ps.removeIf(p -> !p.isAlive());
        return ps.size();
    }

    @Override
    public synchronized ActionResult execute(ActionRequest request, ActionMode mode, Instant now)
            throws NonRetriableActionException {
        String name = request.parameters().get("service");
        Service service = services.get(name);
        if (service == null) {
            throw new NonRetriableActionException("service '" + name + "' is not scalable here; known: "
                    + services.keySet().stream().sorted().toList());
        }
        int more = Integer.parseInt(request.parameters().getOrDefault("replicas", "1"));
        int current = replicas(name);
        int target = Math.min(service.maxReplicas(), current + more);
        if (target == current) {
            return ActionResult.of(
                    request,
                    ActionOutcome.FAILED,
                    name + " is already at its maximum of " + service.maxReplicas() + " replicas",
                    now,
                    Duration.ZERO);
        }
        String plan = name + " from " + current + " to " + target + " replicas"
                + (target < current + more ? " (capped at max_replicas)" : "");
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(request, ActionOutcome.DRY_RUN, "would scale " + plan, now, Duration.ZERO);
        }
        List<Process> ps = running.computeIfAbsent(name, k -> new ArrayList<>());
        for (int i = current; i < target; i++) {
            try {
                ProcessBuilder pb = new ProcessBuilder(service.argv()).redirectErrorStream(true);
                pb.redirectOutput(
                        service.logDir().resolve(name + "-" + i + ".log").toFile());
                ps.add(pb.start());
            } catch (IOException e) {
                throw new NonRetriableActionException(
                        "cannot start replica " + i + " of " + name + ": " + e.getMessage(), e);
            }
        }
        return ActionResult.of(request, ActionOutcome.SUCCEEDED, "scaled " + plan, now, Duration.ZERO);
    }

    /** Stops every replica this action started. */
    @Override
    public synchronized void close() {
        running.values().forEach(ps -> ps.forEach(Process::destroy));
        running.clear();
    }
}
