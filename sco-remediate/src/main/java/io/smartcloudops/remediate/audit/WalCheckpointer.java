package io.smartcloudops.remediate.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The log's background thread: copies committed WAL frames into the database file every second
 * (the log turns SQLite's own checkpoints off, so a durable append costs one WAL fsync and no
 * checkpoint spike), and runs the log's other periodic work (publishing its head).
 */
final class WalCheckpointer {
    private final Path file;
    private final ScheduledExecutorService thread;
    /** The checkpointer's own connection, opened on its first round and used only on its thread. */
    private Connection checkpointConnection;

    WalCheckpointer(Path file) {
        this.file = file;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sco-audit-checkpoint");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
    }

    /** Runs {@code task} on the checkpoint thread every {@code interval}, the first time one interval from now. */
    void every(Duration interval, Runnable task) {
        long every = interval.toMillis();
        thread.scheduleWithFixedDelay(task, every, every, TimeUnit.MILLISECONDS);
    }

    /** Copies committed WAL frames into the database file from a connection of its own; never blocks appends. */
    private void checkpoint() {
        try {
            if (checkpointConnection == null) {
                checkpointConnection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                try (Statement s = checkpointConnection.createStatement()) {
                    s.execute("PRAGMA busy_timeout=1000");
                }
            }
            try (Statement s = checkpointConnection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (SQLException e) {
            // the next round tries again; the WAL keeps every committed entry meanwhile
        }
    }

    /** Starts no more rounds and interrupts one under way; {@link #awaitAndClose} then waits for it. */
    void shutdown() {
        thread.shutdownNow();
    }

    /** Waits for a round under way, then closes the checkpoint connection. */
    void awaitAndClose() {
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeCheckpointConnection();
    }

    private void closeCheckpointConnection() {
        try {
            if (checkpointConnection != null) {
                checkpointConnection.close();
            }
        } catch (SQLException e) {
            // it only ever read; nothing is lost
        }
    }
}
