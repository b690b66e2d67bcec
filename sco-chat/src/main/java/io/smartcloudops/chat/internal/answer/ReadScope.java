package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * What a read question is about, shared by the read answers: its window (from the {@code range} slot, back from
 * now), the watched series its metric, host and service slots match, and the words that name them in a reply.
 */
final class ReadScope {

    private static final int MAX_SERIES = 5;

    private final OpsView view;
    private final InstantSource clock;

    ReadScope(OpsView view, InstantSource clock) {
        this.view = view;
        this.clock = clock;
    }

    List<SeriesId> matchingSeries(Interpretation in) {
        return view.series().stream()
                .filter(s -> SeriesMatcher.matches(s, in.slot(METRIC), in.slot(HOST), in.slot(SERVICE)))
                .limit(MAX_SERIES)
                .toList();
    }

    Instant since(Interpretation in) {
        String range = in.slot(SlotPolicy.RANGE);
        return range == null ? null : clock.instant().minus(Duration.parse(range));
    }

    /** "cpu of nginx on app-1 over 30m": the metric a reply gives values or projections of. */
    static String describe(Interpretation in) {
        return in.slot(METRIC)
                + (in.slot(SERVICE) == null ? "" : " of " + in.slot(SERVICE))
                + (in.slot(HOST) == null ? "" : " on " + in.slot(HOST))
                + (in.slot(SlotPolicy.RANGE) == null
                        ? ""
                        : " over " + Texts.human(Duration.parse(in.slot(SlotPolicy.RANGE))));
    }

    /** " for cpu on app-1 in the last 1h": what a listing was narrowed to ("" when nothing). */
    static String scope(Interpretation in) {
        return (in.slot(METRIC) == null ? "" : " for " + in.slot(METRIC))
                + (in.slot(SERVICE) == null ? "" : " of " + in.slot(SERVICE))
                + (in.slot(HOST) == null ? "" : " on " + in.slot(HOST))
                + (in.slot(SlotPolicy.RANGE) == null
                        ? ""
                        : " in the last " + Texts.human(Duration.parse(in.slot(SlotPolicy.RANGE))));
    }
}
