package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit trail, newest first, about a service, host or action. */
final class AuditAnswers {

    private final OpsView view;
    private final InstantSource clock;
    private final ReadScope readScope;

    AuditAnswers(OpsView view, InstantSource clock, ReadScope readScope) {
        this.view = view;
        this.clock = clock;
        this.readScope = readScope;
    }

    Reply audit(Interpretation in) {
        Instant since = readScope.since(in);
        String subject = in.slot(SERVICE) != null ? in.slot(SERVICE) : in.slot(HOST);
        // Filtered here rather than by AuditQuery.subject: a restart of nginx may be recorded against its host.
        List<AuditEntry> entries =
                view
                        .audit(AuditQuery.builder()
                                .from(since)
                                .limit(subject == null ? 20 : 500)
                                .build())
                        .stream()
                        .filter(e -> subject == null
                                || e.record().subject().contains(subject)
                                || e.record().details().containsValue(subject))
                        .filter(e -> in.slot(SlotPolicy.ACTION_ID) == null
                                || e.record().details().containsValue(in.slot(SlotPolicy.ACTION_ID)))
                        .limit(20)
                        .toList();
        String scope = (subject == null ? "" : " about " + subject)
                + (since == null ? "" : " in the last " + Texts.human(Duration.between(since, clock.instant())));
        if (entries.isEmpty()) {
            return Reply.of("No audit entries" + scope + ".", Map.of("entries", List.of()));
        }
        StringBuilder sb = new StringBuilder(
                entries.size() + " audit entr" + (entries.size() == 1 ? "y" : "ies") + scope + ", newest first:");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditEntry e : entries) {
            var r = e.record();
            sb.append(String.format(
                    Locale.ROOT,
                    "\n#%d %s %s %s on %s by %s: %s%s",
                    e.sequence(),
                    e.recordedAt(),
                    r.kind(),
                    r.action(),
                    r.subject(),
                    r.actor(),
                    r.outcome(),
                    r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
            rows.add(Map.of(
                    "sequence",
                    e.sequence(),
                    "at",
                    e.recordedAt().toString(),
                    "kind",
                    r.kind().name(),
                    "action",
                    r.action(),
                    "subject",
                    r.subject(),
                    "actor",
                    r.actor(),
                    "outcome",
                    r.outcome()));
        }
        return Reply.of(sb.toString(), Map.of("entries", rows));
    }
}
