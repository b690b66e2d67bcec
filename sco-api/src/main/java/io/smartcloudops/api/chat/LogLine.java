package io.smartcloudops.api.chat;

import java.time.Instant;

/** One line of the agent's own log. */
public record LogLine(Instant at, String level, String logger, String message) {}
