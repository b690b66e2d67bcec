package io.smartcloudops.chat.internal.answer;

import java.time.Duration;
import java.util.Locale;

/** How numbers and spans read in answers. */
final class Texts {

    private Texts() {}

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.2f", v);
    }

    /** "3d 4h", "2h 30m", "45m", "12s". */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        return minutes > 0 ? minutes + "m" : s + "s";
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String endSentence(StringBuilder sb) {
        int last = sb.length() - 1;
        if (last >= 0 && sb.charAt(last) == ';') {
            sb.setCharAt(last, '.');
        }
        return sb.toString();
    }
}
