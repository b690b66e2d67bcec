package io.smartcloudops.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.smartcloudops.api.chat.LogLine;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the agent's newest log lines in memory for {@code GET /logs}. One instance per agent,
 * attached to logback's root logger while the agent runs and detached when it stops.
 */
final class RecentLogs extends AppenderBase<ILoggingEvent> {
    private final int capacity;
    private final Deque<LogLine> lines = new ArrayDeque<>();

    RecentLogs(int capacity) {
        this.capacity = capacity;
        setName("sco-recent-logs-" + System.identityHashCode(this));
    }

    void attach() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            setContext(ctx);
            start();
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
        }
    }

    void detach() {
        if (getContext() instanceof LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        String message = e.getFormattedMessage();
        if (e.getThrowableProxy() != null) {
            message = message + " (" + e.getThrowableProxy().getClassName() + ": "
                    + e.getThrowableProxy().getMessage() + ")";
        }
        lines.addLast(new LogLine(
                Instant.ofEpochMilli(e.getTimeStamp()), e.getLevel().toString(), e.getLoggerName(), message));
        while (lines.size() > capacity) {
            lines.removeFirst();
        }
    }

    /** @param minLevel TRACE, DEBUG, INFO, WARN or ERROR; anything else is an IllegalArgumentException */
    synchronized List<LogLine> newest(int count, String minLevel) {
        Level min = parseLevel(minLevel);
        List<LogLine> matching = new ArrayList<>();
        for (LogLine l : lines) {
            if (Level.toLevel(l.level()).isGreaterOrEqual(min)) {
                matching.add(l);
            }
        }
        return List.copyOf(matching.subList(Math.max(0, matching.size() - count), matching.size()));
    }

    static Level parseLevel(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR" -> Level.toLevel(t);
            case "WARNING" -> Level.WARN;
            default ->
                throw new IllegalArgumentException(
                        "level must be one of TRACE, DEBUG, INFO, WARN, ERROR; got '" + text + "'");
        };
    }
}
