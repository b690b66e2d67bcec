package io.smartcloudops.detect.baseline;

import java.util.Locale;

/**
 * "2.5 standard deviations above the mean", made once for every tenth up to 20 and looked up per
 * point: formatting a number on every sample cost the baseline detector ten times its arithmetic.
 */
final class DeviationPhrases {
    private static final int TENTHS = 200;
    private static final String[] ABOVE = table("above");
    private static final String[] BELOW = table("below");

    private DeviationPhrases() {}

    private static String[] table(String side) {
        String[] t = new String[TENTHS + 1];
        for (int i = 0; i <= TENTHS; i++) {
            t[i] = format(i / 10.0, side);
        }
        return t;
    }

    private static String format(double sigmas, String side) {
        return String.format(Locale.ROOT, "%.1f standard deviations %s the mean", sigmas, side);
    }

    static String of(double absZ, boolean above) {
        long tenths = Math.round(absZ * 10);
        if (tenths >= 0 && tenths <= TENTHS) {
            return (above ? ABOVE : BELOW)[(int) tenths];
        }
        return format(absZ, above ? "above" : "below"); // rare: far outside anything usual
    }
}
