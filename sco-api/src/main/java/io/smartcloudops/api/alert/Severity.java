package io.smartcloudops.api.alert;

import java.util.Locale;

/** How urgent an alert or notification is; ordered from least to most urgent. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** Parses the usual spellings ({@code warning}, {@code WARN}, {@code critical}, {@code page}); unknown text is WARNING. */
    public static Severity parse(String text) {
        if (text == null) {
            return WARNING;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "info", "informational", "none", "low" -> INFO;
            case "critical", "crit", "page", "high", "error" -> CRITICAL;
            default -> WARNING;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
