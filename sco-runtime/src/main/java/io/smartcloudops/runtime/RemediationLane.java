package io.smartcloudops.runtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the loop's remediation runs: one thread of its own once the loop is started, so that a
 * webhook, {@code /status} and {@code /approvals} answer while an action or its verification hangs;
 * a bounded queue, so a flood of alerts cannot grow memory without end (the router records what it
 * could not queue). A loop that was not started (driven by {@link Ops#runOnce} on a simulated
 * clock) remediates inline, so a backtest sees its actions in the round that caused them.
 */
final class RemediationLane implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemediationLane.class);
    static final int QUEUE = 1_024;

    private volatile ThreadPoolExecutor thread;

    /** From now on tasks run on the lane's own thread. */
    synchronized void start() {
        if (thread == null) {
            thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "sco-remediation");
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public void execute(Runnable task) {
        ThreadPoolExecutor t = thread;
        if (t == null) {
            task.run();
            return;
        }
        t.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("remediation failed: {}", e.toString(), e);
            }
        });
    }

    /** How many remediations wait or run; tests and {@code /status} may read it. */
    int backlog() {
        ThreadPoolExecutor t = thread;
        return t == null ? 0 : t.getQueue().size() + t.getActiveCount();
    }

    /** Lets queued remediations finish for up to {@code seconds}, then interrupts the one that hangs. */
    void close(long seconds) {
        ThreadPoolExecutor t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t == null) {
            return;
        }
        t.shutdown();
        try {
            if (!t.awaitTermination(seconds, TimeUnit.SECONDS)) {
                LOG.warn("remediation still running after {} s at stop; interrupting it", seconds);
                t.shutdownNow();
                t.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            t.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(30);
    }
}
