package io.smartcloudops.chat.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.Turn;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnCodecTest {

    private final TurnCodec codec = new TurnCodec();

    @Test
    void roundTripsATurnWithNumbersAndAPendingApproval() {
        Turn turn = new Turn(
                Intent.SCALE_UP,
                Map.of("service", "api", "replicas", 3),
                Map.of("service", "api", "replicas", 3, "host", "app"),
                "act-9");

        assertThat(codec.read(codec.write(turn))).contains(turn);
    }

    @Test
    void refusesNewerOrCorruptFormatsInsteadOfGuessing() {
        assertThat(codec.read("{\"v\":2,\"intent\":\"status\",\"slots\":{},\"mentions\":{}}"))
                .isEmpty();
        assertThat(codec.read("{\"v\":1,\"intent\":\"reboot_everything\"}")).isEmpty();
        assertThat(codec.read("not json")).isEmpty();
    }

    @Test
    void readsTheVersionOneLayout() {
        String v1 = "{\"v\":1,\"intent\":\"logs\",\"slots\":{\"service\":\"nginx\",\"lines\":50},"
                + "\"mentions\":{\"service\":\"nginx\",\"lines\":50},\"pendingApprovalId\":null}";

        assertThat(codec.read(v1))
                .contains(new Turn(
                        Intent.LOGS,
                        Map.of("service", "nginx", "lines", 50),
                        Map.of("service", "nginx", "lines", 50),
                        null));
    }
}
