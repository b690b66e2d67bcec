package io.smartcloudops.chat;

import static io.smartcloudops.chat.Fixtures.ALICE;
import static io.smartcloudops.chat.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.KnownTargets;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.spi.ProviderContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help is true: every example it shows is answered as shown, and it names the deployment that runs. */
class HelpExamplesTest {

    @TempDir
    Path dir;

    private OfflineChatEngine engine(OpsView view, RecordingGateway gateway) {
        ProviderContext ctx = ProviderContext.builder()
                .clock(new Fixtures.ManualClock(T0))
                .dataDir(dir)
                .build();
        return new OfflineChatEngine(ctx, view, gateway, OfflineChatSettings.defaults(), Fixtures.interpreter());
    }

    @Test
    void everyExampleInTheHelpAnswerWorksAsShown() {
        RecordingGateway gateway = new RecordingGateway(T0);
        try (OfflineChatEngine engine = engine(new ChatSafetyTest.Deployment(), gateway)) {
            ChatReply help = engine.answer(new ChatQuery("help", "h", ALICE));
            @SuppressWarnings("unchecked")
            Map<String, String> examples = (Map<String, String>) help.data().get("examples");

            Matcher quoted = Pattern.compile("\\(\"([^\"]+)\"\\)").matcher(help.answer());
            int shown = 0;
            while (quoted.find()) {
                shown++;
                assertThat(examples)
                        .as("every quoted example is listed with its intent")
                        .containsKey(quoted.group(1));
            }
            assertThat(shown).isEqualTo(examples.size()).isGreaterThanOrEqualTo(12);
            int session = 0;
            for (Map.Entry<String, String> e : examples.entrySet()) {
                String s = "ex-" + session++;
                ChatReply r = engine.answer(new ChatQuery(e.getKey(), s, ALICE));
                assertThat(r.intent()).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(r.data())
                        .as(e.getKey() + ": " + r.answer())
                        .doesNotContainKeys("clarify", "refused", "error");
                if (Boolean.TRUE.equals(r.data().get("confirm"))) {
                    ChatReply sent = engine.answer(new ChatQuery("yes", s, ALICE));
                    assertThat(sent.data())
                            .as(e.getKey() + " confirmed: " + sent.answer())
                            .containsKey("outcome")
                            .doesNotContainKey("error");
                    assertThat(sent.data().get("outcome")).as(e.getKey()).isNotEqualTo("rejected");
                }
            }
            assertThat(examples.values())
                    .contains("restart_service", "scale_up", "health_check", "silence", "pending_approvals");
        }
    }

    @Test
    void helpSpeaksOfTheRunningDeploymentOnly() {
        OpsView elsewhere = new FakeOpsView(T0) {
            @Override
            public KnownTargets knownTargets() {
                return KnownTargets.builder()
                        .host("web-9", "nginx")
                        .action("restart_service")
                        .build();
            }
        };
        try (OfflineChatEngine engine = engine(elsewhere, new RecordingGateway(T0))) {
            ChatReply help = engine.answer(new ChatQuery("help", "h", ALICE));

            assertThat(help.answer())
                    .contains("web-9 (nginx)")
                    .contains("restart nginx on web-9")
                    .doesNotContain("monitor", "app-1", "grafana");
            @SuppressWarnings("unchecked")
            Set<String> intents = Set.copyOf((List<String>) help.data().get("intents"));
            assertThat(intents)
                    .as("the gate here has no scale_up, silence or health_check")
                    .doesNotContain("scale_up", "silence", "health_check");
        }
    }
}
