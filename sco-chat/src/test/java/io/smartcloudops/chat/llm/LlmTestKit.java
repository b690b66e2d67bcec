package io.smartcloudops.chat.llm;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared pieces of the llm engine's tests: principals, a hand-moved clock, a context, a canned fallback. */
final class LlmTestKit {

    static final Principal ALICE = new Principal("alice", Role.OPERATOR);
    static final Principal VIC = new Principal("vic", Role.VIEWER);
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private LlmTestKit() {}

    static ProviderContext context(Path dir, InstantSource clock, String baseUrl, Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>(
                Map.of("base_url", baseUrl, "model", "test-model", "api_key", "sk-test-key", "timeout", "2s"));
        config.putAll(extra);
        return ProviderContext.builder()
                .clock(clock)
                .dataDir(dir)
                .config(ProviderConfig.of("chat", config))
                .build();
    }

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** A stand-in for the offline engine that records what it was asked. */
    static final class CannedFallback implements ChatEngine {
        private final List<ChatQuery> asked = new ArrayList<>();
        private boolean closed;

        @Override
        public String name() {
            return "offline";
        }

        @Override
        public synchronized ChatReply answer(ChatQuery query) {
            asked.add(query);
            return new ChatReply(
                    "alerts",
                    Map.of(),
                    "1 open alerts (offline)",
                    Map.of("alerts", List.of("HighCpuUsage")),
                    null,
                    0.8,
                    "offline");
        }

        synchronized List<ChatQuery> asked() {
            return List.copyOf(asked);
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        synchronized boolean closed() {
            return closed;
        }
    }
}
