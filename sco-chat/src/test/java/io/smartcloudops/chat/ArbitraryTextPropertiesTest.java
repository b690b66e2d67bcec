package io.smartcloudops.chat;

import static io.smartcloudops.chat.Fixtures.ALICE;
import static io.smartcloudops.chat.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The ChatEngine contract, "never throws for odd text", checked on generated text and session ids. */
class ArbitraryTextPropertiesTest {

    private static Path dir;
    private static OfflineChatEngine engine;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("sco-chat-props");
        ProviderContext ctx = ProviderContext.builder()
                .clock(new Fixtures.ManualClock(T0))
                .dataDir(dir)
                .build();
        engine = new OfflineChatEngine(
                ctx,
                new FakeOpsView(T0),
                new RecordingGateway(T0),
                OfflineChatSettings.defaults(),
                Fixtures.interpreter());
    }

    @AfterContainer
    static void stop() throws IOException {
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 150)
    void answersAnyTextInAnySessionWithoutThrowing(
            @ForAll @StringLength(max = 300) String text, @ForAll @StringLength(max = 200) String session) {
        ChatReply reply = engine.answer(new ChatQuery(text, session, ALICE));

        assertThat(reply.answer()).isNotBlank();
        assertThat(reply.intent()).isNotBlank();
        assertThat(reply.data()).doesNotContainKey("error");
    }
}
