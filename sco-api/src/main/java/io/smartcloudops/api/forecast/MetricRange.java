package io.smartcloudops.api.forecast;

import io.smartcloudops.api.metric.SeriesId;
import java.util.Locale;

/**
 * The values a metric can physically take, so that a forecast never states an impossible one (a
 * disk 312% full). Derived from the series' name and {@code unit} label, Prometheus' naming
 * conventions first:
 * <ul>
 *   <li>a {@code unit} label of {@code percent} or {@code %}, or a name ending in {@code _percent} or
 *       {@code _pct}, or containing {@code utilisation}/{@code utilization}: {@code [0, 100]};</li>
 *   <li>a {@code unit} label of {@code ratio}, or a name ending in {@code _ratio}: {@code [0, 1]};</li>
 *   <li>a name ending in {@code _total}, {@code _count}, {@code _sum}, {@code _bucket}, {@code _bytes},
 *       {@code _seconds} or {@code _info}, or containing {@code bytes}: non-negative;</li>
 *   <li>anything else: unbounded.</li>
 * </ul>
 *
 * <pre>{@code
 * MetricRange r = MetricRange.of(SeriesId.of("node_disk_used_percent")); // [0, 100]
 * double shown = r.clamp(312.5); // 100.0
 * }</pre>
 *
 * @param min the smallest possible value ({@code -Infinity} when unbounded below)
 * @param max the largest possible value ({@code +Infinity} when unbounded above)
 */
public record MetricRange(double min, double max) {
    public static final MetricRange UNBOUNDED = new MetricRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    public static final MetricRange NON_NEGATIVE = new MetricRange(0, Double.POSITIVE_INFINITY);
    public static final MetricRange PERCENT = new MetricRange(0, 100);
    public static final MetricRange RATIO = new MetricRange(0, 1);

    public MetricRange {
        if (Double.isNaN(min) || Double.isNaN(max) || min >= max) {
            throw new IllegalArgumentException("a metric range needs min < max, got [" + min + ", " + max + "]");
        }
    }

    /** The range the naming rule above gives {@code series}. */
    public static MetricRange of(SeriesId series) {
        String unit = series.labels().get("unit");
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        String name = series.name().toLowerCase(Locale.ROOT);
        if (u.equals("percent")
                || u.equals("%")
                || name.endsWith("_percent")
                || name.endsWith("_pct")
                || name.contains("utilisation")
                || name.contains("utilization")) {
            return name.endsWith("_ratio") ? RATIO : PERCENT;
        }
        if (u.equals("ratio") || name.endsWith("_ratio")) {
            return RATIO;
        }
        for (String suffix : new String[] {"_total", "_count", "_sum", "_bucket", "_bytes", "_seconds", "_info"}) {
            if (name.endsWith(suffix)) {
                return NON_NEGATIVE;
            }
        }
        return name.contains("bytes") ? NON_NEGATIVE : UNBOUNDED;
    }

    /** {@code value} moved into the range (NaN stays NaN). */
    public double clamp(double value) {
        return Double.isNaN(value) ? value : Math.max(min, Math.min(max, value));
    }

    public boolean boundedAbove() {
        return max != Double.POSITIVE_INFINITY;
    }
}
