package io.smartcloudops.bench.nab;

import java.time.LocalDateTime;
import java.util.Objects;

/** One labelled anomaly window of a NAB file, both ends inclusive. */
public record LabelWindow(LocalDateTime start, LocalDateTime end) {
    public LabelWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public boolean contains(LocalDateTime t) {
        return !t.isBefore(start) && !t.isAfter(end);
    }
}
