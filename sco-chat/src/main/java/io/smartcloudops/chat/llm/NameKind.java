package io.smartcloudops.chat.llm;

import java.util.Locale;

/** What an identifying name names; the kind is the word in its placeholder ({@code <host-1>}, {@code <ip-3>}). */
enum NameKind {
    HOST,
    SERVICE,
    IP,
    /** A cloud instance id such as {@code i-0abc12345def67890}. */
    INSTANCE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NameKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
