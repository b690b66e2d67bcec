package io.smartcloudops.bench.nab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** NAB's timestamps: {@code 2014-04-10 07:15:00} in data, with {@code .000000} in the labels; no zone. */
final class NabTime {
    private NabTime() {}

    static LocalDateTime parse(String text) {
        try {
            return LocalDateTime.parse(text.trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a NAB timestamp (expected yyyy-MM-dd HH:mm:ss)", e);
        }
    }

    /** NAB's timestamps carry no zone; they are read as UTC so that spacing is preserved. */
    static long epochMillis(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
