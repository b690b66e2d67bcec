package io.smartcloudops.chat;

import static io.smartcloudops.chat.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineChatEngineProviderTest {

    @TempDir
    Path dir;

    @Test
    void isDiscoveredUnderTheNameOffline() {
        ProviderRegistry registry =
                ProviderRegistry.builder().discover(getClass().getClassLoader()).build();

        assertThat(registry.provider(ChatEngineProvider.class, "offline"))
                .isInstanceOf(OfflineChatEngineProvider.class);
    }

    @Test
    void readsItsSettingsFromConfiguration() {
        OfflineChatSettings s = OfflineChatSettings.from(ProviderConfig.of(
                Map.of("max-query-chars", 500, "min-confidence", 0.5, "session-ttl", "2h", "session-file", "talk.db")));

        assertThat(s).isEqualTo(new OfflineChatSettings(500, 0.5, Duration.ofHours(2), "talk.db"));
    }

    @Test
    void rejectsUnknownOrInvalidSettingsNamingThem() {
        ProviderContext ctx = ProviderContext.builder()
                .clock(new Fixtures.ManualClock(T0))
                .dataDir(dir)
                .config(ProviderConfig.of("chat.offline", Map.of("min-confidense", 0.5)))
                .build();

        assertThatThrownBy(() ->
                        new OfflineChatEngineProvider().create(ctx, new FakeOpsView(T0), new RecordingGateway(T0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat.offline.min-confidense")
                .hasMessageContaining("min-confidence");
        assertThatThrownBy(() -> OfflineChatSettings.from(ProviderConfig.of(Map.of("session-file", "../../etc/x.db"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("session-file");
    }
}
