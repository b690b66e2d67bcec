package io.smartcloudops.chat;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.time.Duration;
import java.util.Set;

/**
 * Options of the offline engine, read from its configuration section. The {@code llm} engine
 * accepts the same keys and shares the session file and expiry.
 *
 * <pre>{@code
 * chat:
 *   engine: offline
 *   settings:
 *     max-query-chars: 2000     # longer queries get a "too long" answer
 *     min-confidence: 0.4       # below it the engine asks instead of answering or acting
 *     session-ttl: 30m          # a conversation forgets its context after this much silence
 *     session-file: chat-sessions.db   # under the data directory
 *     confirm-within: 2m        # a proposed action must be confirmed ("yes") within this, or it lapses
 * }</pre>
 */
public record OfflineChatSettings(
        int maxQueryChars, double minConfidence, Duration sessionTtl, String sessionFile, Duration confirmWithin) {

    public static final Set<String> KEYS =
            Set.of("max-query-chars", "min-confidence", "session-ttl", "session-file", "confirm-within");

    /** With the default confirmation limit (2 minutes). */
    public OfflineChatSettings(int maxQueryChars, double minConfidence, Duration sessionTtl, String sessionFile) {
        this(maxQueryChars, minConfidence, sessionTtl, sessionFile, Duration.ofMinutes(2));
    }

    public OfflineChatSettings {
        if (maxQueryChars < 16 || maxQueryChars > 100_000) {
            throw new ConfigException("max-query-chars must be in [16, 100000], got " + maxQueryChars);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new ConfigException("min-confidence must be in [0, 1], got " + minConfidence);
        }
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new ConfigException("session-ttl must be positive, got " + sessionTtl);
        }
        if (sessionFile.isBlank() || sessionFile.contains("..")) {
            throw new ConfigException(
                    "session-file must be a file name under the data directory, got '" + sessionFile + "'");
        }
        if (confirmWithin == null
                || confirmWithin.isNegative()
                || confirmWithin.isZero()
                || confirmWithin.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("confirm-within must be positive and at most 1h, got " + confirmWithin);
        }
    }

    public static OfflineChatSettings defaults() {
        return new OfflineChatSettings(2000, 0.40, Duration.ofMinutes(30), "chat-sessions.db");
    }

    public static OfflineChatSettings from(ProviderConfig config) {
        config.requireOnly(KEYS);
        OfflineChatSettings d = defaults();
        return new OfflineChatSettings(
                config.integer("max-query-chars", d.maxQueryChars()),
                config.number("min-confidence", d.minConfidence()),
                config.duration("session-ttl", d.sessionTtl()),
                config.string("session-file", d.sessionFile()),
                config.duration("confirm-within", d.confirmWithin()));
    }
}
