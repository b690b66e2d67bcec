package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputGuardTest {

    private final InputGuard guard = new InputGuard(2000);

    @Test
    void measuresLengthBeforeCleaningSoInvisiblePaddingCannotSneakThrough() {
        assertThat(guard.inspect("status" + "\u200B".repeat(5000)).rejection())
                .isEqualTo(InputGuard.Rejection.TOO_LONG);
        assertThat(guard.inspect("x".repeat(2000)).rejection()).isNotEqualTo(InputGuard.Rejection.TOO_LONG);
    }

    @Test
    void stripsControlAndFormatCharactersAndCollapsesSpace() {
        assertThat(guard.inspect("  show\u0000\u0007 alerts\u200B\u202E \n\n now ")
                        .cleaned())
                .isEqualTo("show alerts now");
        assertThat(guard.inspect("ｒｅｓｔａｒｔ").cleaned()).isEqualTo("restart");
    }

    @Test
    void ordinaryOperatorTextIsNotMistakenForInjection() {
        for (String ok : new String[] {
            "forget it",
            "ignore the HighCpuUsage alert for an hour",
            "run a health check on grafana",
            "show the system status",
            "don't restart anything, just tell me if grafana responds",
            "curl the api health endpoint",
            "what commands do you support?"
        }) {
            assertThat(guard.inspect(ok).accepted()).as(ok).isTrue();
        }
    }

    @Test
    void nullTextIsEmptyNotAnError() {
        assertThat(guard.inspect(null).rejection()).isEqualTo(InputGuard.Rejection.EMPTY);
    }
}
