package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.chat.internal.nlu.InputGuard;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Interpretations written out by hand, so the read answers are checked on the slots they get
 * without going through the interpreter (the engine tests cover the two together).
 */
final class Questions {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final InstantSource CLOCK = InstantSource.fixed(T0);

    private Questions() {}

    /** {@code intent} with the slots given as name, value, name, value, ... */
    static Interpretation ask(Intent intent, Object... slots) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (int i = 0; i < slots.length; i += 2) {
            s.put((String) slots[i], slots[i + 1]);
        }
        InputGuard.Verdict ok = new InputGuard.Verdict("", InputGuard.Rejection.NONE, "");
        return new Interpretation(intent, s, s, 1.0, false, false, null, ok);
    }
}
