package io.smartcloudops.chat.llm;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.chat.OfflineChatSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Options of the {@code llm} engine. The host passes them in (it reads the API key from the
 * environment variable it was told to use; this library reads no environment).
 *
 * <pre>{@code
 * chat:
 *   engine: llm
 *   settings:
 *     base_url: http://localhost:4000/v1   # any OpenAI-compatible server: OpenAI, a LiteLLM proxy, Ollama's /v1
 *     model: gpt-4o-mini
 *     api_key: ...              # may be empty for local servers
 *     timeout: 5s               # per request to the model; past it the offline engine answers
 *     max_retries: 0
 *     max_messages: 20          # conversation window kept per session
 *     max_tool_calls: 4         # model responses with tool calls in one turn
 *     session-ttl: 30m          # shared with the offline engine, as are the other offline keys
 * }</pre>
 *
 * @param apiKey empty when the server needs none; never printed by {@link #toString()}
 * @param offline the offline engine's settings: the fallback, the input guard and the shared session file
 */
record LlmSettings(
        String baseUrl,
        String model,
        String apiKey,
        Duration timeout,
        int maxRetries,
        int maxMessages,
        int maxToolCalls,
        OfflineChatSettings offline) {

    static final Set<String> OWN_KEYS =
            Set.of("base_url", "model", "api_key", "timeout", "max_retries", "max_messages", "max_tool_calls");

    LlmSettings {
        baseUrl = checkedUrl(baseUrl);
        if (model == null || model.isBlank()) {
            throw new ConfigException(
                    "missing required setting 'model' (the model name the server knows, e.g. gpt-4o-mini or llama3.1)");
        }
        apiKey = apiKey == null ? "" : apiKey.strip();
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException("timeout must be in (0, 5m], got " + timeout);
        }
        if (maxRetries < 0 || maxRetries > 5) {
            throw new ConfigException("max_retries must be in [0, 5], got " + maxRetries);
        }
        if (maxMessages < 2 || maxMessages > 500) {
            throw new ConfigException("max_messages must be in [2, 500], got " + maxMessages);
        }
        if (maxToolCalls < 1 || maxToolCalls > 20) {
            throw new ConfigException("max_tool_calls must be in [1, 20], got " + maxToolCalls);
        }
    }

    static LlmSettings from(ProviderConfig config) {
        Set<String> known = new HashSet<>(OWN_KEYS);
        known.addAll(OfflineChatSettings.KEYS);
        config.requireOnly(known);
        Map<String, Object> offline = new LinkedHashMap<>();
        config.asMap().forEach((k, v) -> {
            if (OfflineChatSettings.KEYS.contains(k)) {
                offline.put(k, v);
            }
        });
        return new LlmSettings(
                config.requireString("base_url"),
                config.requireString("model"),
                config.string("api_key", ""),
                config.duration("timeout", Duration.ofSeconds(5)),
                config.integer("max_retries", 0),
                config.integer("max_messages", 20),
                config.integer("max_tool_calls", 4),
                OfflineChatSettings.from(ProviderConfig.of(offline)));
    }

    /** The configuration the fallback offline engine gets: only its own keys, so it shares the session file and expiry. */
    ProviderConfig offlineConfig() {
        return ProviderConfig.of(Map.of(
                "max-query-chars",
                offline.maxQueryChars(),
                "min-confidence",
                offline.minConfidence(),
                "session-ttl",
                offline.sessionTtl().toString(),
                "session-file",
                offline.sessionFile()));
    }

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***")
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", maxMessages=" + maxMessages
                + ", maxToolCalls=" + maxToolCalls + ", offline=" + offline + "]";
    }

    private static String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(
                    "missing required setting 'base_url' (e.g. https://api.openai.com/v1 or http://localhost:11434/v1)");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException("base_url must be an http(s) URL with a host, got '" + url + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new ConfigException("base_url must not carry credentials; pass the key as api_key");
            }
            return url.strip();
        } catch (URISyntaxException e) {
            throw new ConfigException("base_url is not a URL: '" + url + "' (" + e.getMessage() + ")", e);
        }
    }
}
