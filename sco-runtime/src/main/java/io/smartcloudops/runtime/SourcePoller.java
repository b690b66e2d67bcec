package io.smartcloudops.runtime;

import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.source.MetricSource;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Polls one source on a thread of its own with a time bound, so a source that hangs marks itself
 * stale instead of stopping the agent's loop. A poll that overruns keeps going; its samples are
 * taken on a later round if it finishes, and no second poll is started meanwhile.
 */
final class SourcePoller implements AutoCloseable {
    private final MetricSource source;
    private final ExecutorService thread;
    private Future<SampleBatch> inFlight;

    /** What one round got: samples, or why there are none. */
    record Outcome(SampleBatch batch, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    SourcePoller(MetricSource source) {
        this.source = source;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sco-source-" + source.name());
            t.setDaemon(true);
            return t;
        });
    }

    MetricSource source() {
        return source;
    }

    Outcome poll(Duration timeout) {
        return run(MetricSource::poll, timeout);
    }

    Outcome backfill(Duration lookback, Duration timeout) {
        return run(s -> s.backfill(lookback), timeout);
    }

    private synchronized Outcome run(Function<MetricSource, SampleBatch> call, Duration timeout) {
        if (inFlight == null) {
            inFlight = thread.submit(() -> call.apply(source));
        } else if (!inFlight.isDone()) {
            // still hanging from an earlier round: waiting again would slow every other source too
            return new Outcome(null, "an earlier poll has not answered yet");
        }
        try {
            SampleBatch batch = inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            inFlight = null;
            return new Outcome(batch, null);
        } catch (TimeoutException e) {
            return new Outcome(null, "no answer within " + timeout.toMillis() + " ms; still waiting for it");
        } catch (ExecutionException e) {
            inFlight = null;
            Throwable cause = e.getCause();
            return new Outcome(null, cause == null ? e.getMessage() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        source.close();
    }
}
