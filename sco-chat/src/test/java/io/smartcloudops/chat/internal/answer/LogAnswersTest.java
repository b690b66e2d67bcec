package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.CLOCK;
import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static io.smartcloudops.chat.internal.answer.Questions.ask;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LEVEL;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LINES;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogAnswersTest {

    private static final String STARTED = "\n2026-11-27T09:30:00Z INFO  io.smartcloudops.detect pipeline started";
    private static final String FAILED =
            "\n2026-11-27T09:55:00Z ERROR io.smartcloudops.remediate restart of nginx failed: unit not found";

    /** The fake's two log lines, remembering how many lines each read asked the view for. */
    private final List<Integer> asked = new ArrayList<>();

    private final FakeOpsView view = new FakeOpsView(T0) {
        @Override
        public List<LogLine> logs(int lines, String minLevel) {
            asked.add(lines);
            return super.logs(lines, minLevel);
        }
    };

    private LogAnswers answers(OpsView v) {
        return new LogAnswers(v, new ReadScope(v, CLOCK));
    }

    @Test
    void showsTheLastInfoLinesByDefault() {
        Reply r = answers(view).logs(ask(Intent.LOGS));

        assertThat(r.answer()).isEqualTo("Last 2 INFO+ line(s) of the agent's log:" + STARTED + FAILED);
        assertThat(r.data())
                .containsEntry(
                        "lines",
                        List.of(
                                Map.of(
                                        "at",
                                        "2026-11-27T09:30:00Z",
                                        "level",
                                        "INFO",
                                        "logger",
                                        "io.smartcloudops.detect",
                                        "message",
                                        "pipeline started"),
                                Map.of(
                                        "at",
                                        "2026-11-27T09:55:00Z",
                                        "level",
                                        "ERROR",
                                        "logger",
                                        "io.smartcloudops.remediate",
                                        "message",
                                        "restart of nginx failed: unit not found")));
        assertThat(asked).containsExactly(20);
    }

    @Test
    void keepsTheAskedLevelWindowAndNumberOfLines() {
        assertThat(answers(view).logs(ask(Intent.LOGS, LEVEL, "error")).answer())
                .isEqualTo("Last 1 ERROR+ line(s) of the agent's log:" + FAILED);
        assertThat(answers(view)
                        .logs(ask(Intent.LOGS, SlotPolicy.RANGE, "PT10M"))
                        .answer())
                .isEqualTo("Last 1 INFO+ line(s) of the agent's log:" + FAILED);
        assertThat(answers(view).logs(ask(Intent.LOGS, LINES, 1)).answer())
                .isEqualTo("Last 1 INFO+ line(s) of the agent's log:" + FAILED);
        assertThat(answers(view).logs(ask(Intent.LOGS, LINES, 0)).answer())
                .as("at least one line")
                .isEqualTo("Last 1 INFO+ line(s) of the agent's log:" + FAILED);
    }

    @Test
    void keepsLinesMentioningTheServiceOrHost() {
        assertThat(answers(view).logs(ask(Intent.LOGS, SERVICE, "nginx")).answer())
                .isEqualTo("Last 1 INFO+ line(s) of the agent's log mentioning nginx:" + FAILED);
        assertThat(answers(view).logs(ask(Intent.LOGS, SERVICE, "not_found")).answer())
                .as("an underscore also matches a space")
                .endsWith(FAILED);
        assertThat(answers(view).logs(ask(Intent.LOGS, SERVICE, "redis", HOST, "app-1")))
                .isEqualTo(Reply.of(
                        "No INFO+ lines in the agent's log mentioning redis on app-1.", Map.of("lines", List.of())));
    }

    @Test
    void readsAWiderStretchOfTheLogWhenFiltering() {
        answers(view).logs(ask(Intent.LOGS, LINES, 3));
        answers(view).logs(ask(Intent.LOGS, LINES, 3, SERVICE, "nginx"));
        answers(view).logs(ask(Intent.LOGS, LINES, 500, SlotPolicy.RANGE, "PT1H"));
        answers(view).logs(ask(Intent.LOGS, LINES, 9999));

        assertThat(asked).containsExactly(3, 60, 5000, 500);
    }
}
