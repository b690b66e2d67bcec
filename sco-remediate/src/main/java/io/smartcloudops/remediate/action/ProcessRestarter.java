package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.RetriableActionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Restarts units that are plain local processes, for hosts without systemd: each configured unit
 * has a command line and a pid file; a restart stops the recorded process (SIGTERM, then SIGKILL
 * after {@code stopTimeout}) and starts the command again, detached, its output appended to
 * {@code <logDir>/<unit>.log}.
 */
public final class ProcessRestarter implements ServiceRestarter {

    /** A local process unit. */
    public record Unit(List<String> argv, Path pidFile, Duration stopTimeout) {
        public Unit {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a process unit needs a command");
            }
        }
    }

    private final Map<String, Unit> units;
    private final Path logDir;

    public ProcessRestarter(Map<String, Unit> units, Path logDir) {
        this.units = Map.copyOf(units);
        this.logDir = logDir;
    }

    private Unit unit(String name) throws NonRetriableActionException {
        Unit u = units.get(name);
        if (u == null) {
            throw new NonRetriableActionException(
                    "unit '" + name + "' is not configured for the process executor; known: "
                            + units.keySet().stream().sorted().toList());
        }
        return u;
    }

    private static Optional<ProcessHandle> running(Unit u) {
        try {
            if (!Files.isRegularFile(u.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(
                    Files.readString(u.pidFile(), StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String plan(String name) throws ActionException {
        Unit u = unit(name);
        return "would " + running(u).map(p -> "stop pid " + p.pid() + " and ").orElse("") + "start: "
                + String.join(" ", u.argv());
    }

    @Override
    public synchronized String restart(String name) throws ActionException {
        Unit u = unit(name);
        StringBuilder did = new StringBuilder();
        Optional<ProcessHandle> old = running(u);
        if (old.isPresent()) {
            ProcessHandle p = old.get();
            p.destroy();
            try {
                p.onExit().get(u.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableActionException("interrupted while stopping " + name, e);
            } catch (ExecutionException e) {
                throw new RetriableActionException("could not wait for " + name + " to stop: " + e.getMessage(), e);
            }
            did.append("stopped pid ").append(p.pid()).append(", ");
        }
        try {
            Files.createDirectories(logDir);
            Process started = new ProcessBuilder(u.argv())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logDir.resolve(name + ".log").toFile()))
                    .start();
            Path tmp = u.pidFile().resolveSibling(u.pidFile().getFileName() + ".tmp");
            Files.writeString(tmp, String.valueOf(started.pid()), StandardCharsets.UTF_8);
            Files.move(tmp, u.pidFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return did.append("started pid ")
                    .append(started.pid())
                    .append(": ")
                    .append(String.join(" ", u.argv()))
                    .toString();
        } catch (IOException e) {
            throw new NonRetriableActionException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }
}
