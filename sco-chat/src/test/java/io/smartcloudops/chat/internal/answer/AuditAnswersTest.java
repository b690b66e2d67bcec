package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.CLOCK;
import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static io.smartcloudops.chat.internal.answer.Questions.ask;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditAnswersTest {

    private static final String RESTART =
            "\n#7 2026-11-27T08:00:00Z ACTION restart_service on nginx by bob: succeeded (alert NginxDown)";

    /** The fake's one audit entry (bob restarted nginx two hours ago), remembering each query. */
    private final List<AuditQuery> queries = new ArrayList<>();

    private final FakeOpsView view = new FakeOpsView(T0) {
        @Override
        public List<AuditEntry> audit(AuditQuery query) {
            queries.add(query);
            return super.audit(query);
        }
    };

    private static AuditAnswers over(OpsView v) {
        return new AuditAnswers(v, CLOCK, new ReadScope(v, CLOCK));
    }

    @Test
    void listsTheLatestEntriesNewestFirst() {
        Reply r = over(view).audit(ask(Intent.AUDIT));

        assertThat(r.answer()).isEqualTo("1 audit entry, newest first:" + RESTART);
        assertThat(r.data())
                .containsEntry(
                        "entries",
                        List.of(Map.of(
                                "sequence",
                                7L,
                                "at",
                                "2026-11-27T08:00:00Z",
                                "kind",
                                "ACTION",
                                "action",
                                "restart_service",
                                "subject",
                                "nginx",
                                "actor",
                                "bob",
                                "outcome",
                                "succeeded")));
        assertThat(queries).singleElement().satisfies(q -> {
            assertThat(q.from()).isNull();
            assertThat(q.limit()).isEqualTo(20);
        });
    }

    @Test
    void readsFromTheStartOfTheAskedWindowAndNamesIt() {
        Reply r = over(view).audit(ask(Intent.AUDIT, SlotPolicy.RANGE, "P3D"));

        assertThat(r.answer()).isEqualTo("1 audit entry in the last 3d, newest first:" + RESTART);
        assertThat(queries.get(0).from()).isEqualTo(T0.minus(Duration.ofDays(3)));
    }

    @Test
    void keepsEntriesAboutTheAskedSubjectFromAWiderRead() {
        assertThat(over(view).audit(ask(Intent.AUDIT, SERVICE, "nginx")).answer())
                .isEqualTo("1 audit entry about nginx, newest first:" + RESTART);
        assertThat(over(view).audit(ask(Intent.AUDIT, HOST, "mon-1")))
                .isEqualTo(Reply.of("No audit entries about mon-1.", Map.of("entries", List.of())));
        assertThat(queries).extracting(AuditQuery::limit).containsExactly(500, 500);
    }

    @Test
    void findsAServiceRestartRecordedAgainstItsHost() {
        FakeOpsView byHost = new FakeOpsView(T0) {
            @Override
            public List<AuditEntry> audit(AuditQuery query) {
                AuditRecord r = new AuditRecord(
                        AuditKind.ACTION, "bob", "app-1", "restart_service", "succeeded", "", Map.of("unit", "nginx"));
                return List.of(new AuditEntry(8, T0, r, "0".repeat(64), "a".repeat(64)));
            }
        };

        assertThat(over(byHost).audit(ask(Intent.AUDIT, SERVICE, "nginx")).answer())
                .isEqualTo("1 audit entry about nginx, newest first:"
                        + "\n#8 2026-11-27T10:00:00Z ACTION restart_service on app-1 by bob: succeeded");
    }

    @Test
    void keepsOnlyEntriesOfTheAskedAction() {
        assertThat(over(view)
                        .audit(ask(Intent.AUDIT, SlotPolicy.ACTION_ID, "act-9"))
                        .answer())
                .isEqualTo("No audit entries.");
        assertThat(over(view)
                        .audit(ask(Intent.AUDIT, SlotPolicy.ACTION_ID, "nginx"))
                        .answer())
                .as("an action is found by any of its details")
                .isEqualTo("1 audit entry, newest first:" + RESTART);
    }
}
