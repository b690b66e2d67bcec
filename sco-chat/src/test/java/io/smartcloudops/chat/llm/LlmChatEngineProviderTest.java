package io.smartcloudops.chat.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.chat.OfflineChatEngineProvider;
import io.smartcloudops.chat.OfflineChatSettings;
import io.smartcloudops.chat.RecordingGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmChatEngineProviderTest {

    @TempDir
    Path dir;

    @Test
    void isDiscoveredUnderTheNameLlmBesideTheOfflineEngine() {
        ProviderRegistry registry =
                ProviderRegistry.builder().discover(getClass().getClassLoader()).build();

        assertThat(registry.provider(ChatEngineProvider.class, "llm")).isInstanceOf(LlmChatEngineProvider.class);
        assertThat(registry.provider(ChatEngineProvider.class, "offline"))
                .isInstanceOf(OfflineChatEngineProvider.class);
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void defaultsToAFiveSecondTimeoutNoRetriesAndTheOfflineSessionFile() {
        LlmSettings s = LlmSettings.from(
                ProviderConfig.of(Map.of("base_url", "http://localhost:11434/v1", "model", "llama3.1")));

        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.maxRetries()).isZero();
        assertThat(s.apiKey()).isEmpty();
        assertThat(s.offline()).isEqualTo(OfflineChatSettings.defaults());
        assertThat(s.offlineConfig().asMap()).containsEntry("session-file", "chat-sessions.db");
    }

    @Test
    void passesTheOfflineKeysToTheFallback() {
        LlmSettings s = LlmSettings.from(ProviderConfig.of(Map.of(
                "base_url",
                "https://api.openai.com/v1",
                "model",
                "gpt-4o-mini",
                "timeout",
                "2s",
                "max_retries",
                1,
                "session-ttl",
                "2h",
                "min-confidence",
                0.5)));

        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.maxRetries()).isEqualTo(1);
        assertThat(OfflineChatSettings.from(s.offlineConfig())).isEqualTo(s.offline());
        assertThat(s.offline().sessionTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(s.offline().minConfidence()).isEqualTo(0.5);
    }

    @Test
    void rejectsMissingOrUnknownSettingsNamingThem() {
        ProviderContext noUrl = ProviderContext.builder()
                .dataDir(dir)
                .config(ProviderConfig.of("chat", Map.of("model", "m")))
                .build();
        assertThatThrownBy(() -> new LlmChatEngineProvider()
                        .create(noUrl, new RecordingOpsView(LlmTestKit.T0), RecordingGateway.dryRun(LlmTestKit.T0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("base_url");
        assertThatThrownBy(() -> LlmSettings.from(ProviderConfig.of(Map.of("base_url", "http://h/v1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model");
        assertThatThrownBy(() -> LlmSettings.from(
                        ProviderConfig.of("chat", Map.of("base_url", "http://h/v1", "model", "m", "temprature", 1))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat.temprature")
                .hasMessageContaining("base_url");
        assertThatThrownBy(() -> LlmSettings.from(ProviderConfig.of(Map.of("base_url", "ftp://h/v1", "model", "m"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http");
        assertThatThrownBy(() -> LlmSettings.from(
                        ProviderConfig.of(Map.of("base_url", "http://h/v1", "model", "m", "timeout", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void keepsCredentialsOutOfTheUrlAndOutOfItsOwnDescription() {
        assertThatThrownBy(
                        () -> LlmSettings.from(ProviderConfig.of(Map.of("base_url", "https://u:p@h/v1", "model", "m"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("api_key");

        LlmSettings s = LlmSettings.from(
                ProviderConfig.of(Map.of("base_url", "http://h/v1", "model", "m", "api_key", "sk-very-secret")));

        assertThat(s.apiKey()).isEqualTo("sk-very-secret");
        assertThat(s.toString()).doesNotContain("sk-very-secret");
    }
}
