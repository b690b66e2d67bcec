package io.smartcloudops.runtime;

import io.smartcloudops.api.chat.LogLine;
import java.util.List;

/**
 * Where the view's {@code logs(...)} come from: the host's log capture when it has one (the
 * server captures its logging backend's lines); none for a library that only embeds the loop.
 */
@FunctionalInterface
public interface LogLines {
    /** No log capture: {@code logs(...)} answers with nothing. */
    LogLines NONE = (lines, minLevel) -> List.of();

    /** The newest lines at or above {@code minLevel} (TRACE, DEBUG, INFO, WARN, ERROR), oldest first. */
    List<LogLine> newest(int lines, String minLevel);
}
