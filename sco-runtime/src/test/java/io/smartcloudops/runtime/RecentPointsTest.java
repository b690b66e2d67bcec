package io.smartcloudops.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentPointsTest {
    @Test
    void keepsTheNewestPointsOldestFirstOnceTheRingWrapsAround() {
        RecentPoints ring = new RecentPoints(4);
        for (int t = 1; t <= 10; t++) {
            ring.add(t * 1000L, t, t, t - 1, t + 1);
        }
        List<ChartPoint> all = ring.newest(100);
        assertEquals(
                List.of(7000L, 8000L, 9000L, 10000L),
                all.stream().map(ChartPoint::timestampMillis).toList());
        assertEquals(
                List.of(9000L, 10000L),
                ring.newest(2).stream().map(ChartPoint::timestampMillis).toList());
        assertEquals(List.of(), ring.newest(0));
        assertEquals(List.of(), ring.newest(-3));
    }

    @Test
    void keepsTheValueExactlyAndTheBandToFloatPrecision() {
        RecentPoints ring = new RecentPoints(3);
        double bytes = 1_234_567_890_123.0; // a counter a float would round by tens of thousands
        ring.add(5L, bytes, bytes + 0.25, Double.NaN, 1e300);
        ChartPoint p = ring.newest(1).get(0);
        assertEquals(bytes, p.value());
        assertEquals(bytes, p.expected(), bytes * 1e-7);
        assertTrue(Double.isNaN(p.lower()), "no band stays no band");
        assertEquals(Double.POSITIVE_INFINITY, p.upper(), "beyond a float's range it reads as unbounded");
    }

    @Test
    void beforeItFillsItReturnsOnlyWhatCame() {
        RecentPoints ring = new RecentPoints(240);
        ring.add(1L, 1, 1, 1, 1);
        ring.add(2L, 2, 2, 2, 2);
        assertEquals(
                List.of(1L, 2L),
                ring.newest(240).stream().map(ChartPoint::timestampMillis).toList());
    }

    @Test
    void refusesARingThatHoldsNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecentPoints(0));
        assertTrue(e.getMessage().contains("at least one point"), e.getMessage());
    }
}
