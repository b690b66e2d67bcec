package io.smartcloudops.chat.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.chat.OfflineChatSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The settings example of {@link LlmSettings}' Javadoc (a region checked by the examples' JavadocExamplesTest) is what it reads. */
class LlmSettingsExampleTest {

    @Test
    @SuppressWarnings("unchecked")
    void theExampleSettingsAreReadAsTheirCommentsSay() throws IOException {
        Map<String, Object> chat;
        try (InputStream in = getClass().getResourceAsStream("/examples/llm-chat.yaml")) {
            chat = (Map<String, Object>)
                    new Yaml().<Map<String, Object>>load(in).get("chat");
        }

        LlmSettings s =
                LlmSettings.from(ProviderConfig.of("chat.settings", (Map<String, Object>) chat.get("settings")));

        assertThat(chat.get("engine")).isEqualTo(new LlmChatEngineProvider().name());
        assertThat(s.baseUrl()).isEqualTo("http://localhost:4000/v1");
        assertThat(s.model()).isEqualTo("gpt-4o-mini");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.maxRetries()).isZero();
        assertThat(s.maxMessages()).isEqualTo(20);
        assertThat(s.maxToolCalls()).isEqualTo(4);
        assertThat(s.offline())
                .isEqualTo(new OfflineChatSettings(
                        OfflineChatSettings.defaults().maxQueryChars(),
                        OfflineChatSettings.defaults().minConfidence(),
                        Duration.ofMinutes(30),
                        "chat-sessions.db",
                        OfflineChatSettings.defaults().confirmWithin()));
    }
}
