package io.smartcloudops.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
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

    private static final long DAY = 86_400_000L;

    @Test
    void timesComeBackExactAcrossMonthsOfSparsePointsAndRingsThatSpanMoreThanOffsetsReach() {
        Random random = new Random(42);
        for (int capacity : new int[] {1, 3, 16, 240}) {
            RecentPoints ring = new RecentPoints(capacity);
            Deque<ChartPoint> model = new ArrayDeque<>();
            long t = 1_700_000_000_000L;
            for (int i = 0; i < 2_000; i++) {
                int kind = random.nextInt(10);
                // mostly a scrape interval; now and then a gap of days, or of months
                t += kind < 7 ? 15_000 : kind < 9 ? random.nextInt(20) * DAY : 30 * DAY + random.nextInt(100) * DAY;
                double v = random.nextGaussian() * 1e6;
                ring.add(t, v, v + 1, v - 2, v + 2);
                model.addLast(new ChartPoint(t, v, (float) (v + 1), (float) (v - 2), (float) (v + 2)));
                if (model.size() > capacity) {
                    model.removeFirst();
                }
                if (i % 97 == 0 || i > 1_990) {
                    assertEquals(
                            new ArrayList<>(model), ring.newest(capacity), "capacity " + capacity + ", point " + i);
                }
            }
        }
    }

    @Test
    void aRingOfDailyPointsOverAYearKeepsEveryTimeWhole() {
        RecentPoints ring = new RecentPoints(240);
        for (int d = 0; d < 400; d++) {
            ring.add(d * DAY, d, d, d, d);
        }
        List<ChartPoint> kept = ring.newest(240);
        assertEquals(240, kept.size());
        assertEquals(160 * DAY, kept.get(0).timestampMillis());
        assertEquals(399 * DAY, kept.get(239).timestampMillis());
        assertEquals(399.0, kept.get(239).value());
    }

    @Test
    void aPointBeforeTheFirstIsKeptWithItsOwnTime() {
        RecentPoints ring = new RecentPoints(4);
        ring.add(10 * DAY, 1, 1, 1, 1);
        ring.add(DAY, 2, 2, 2, 2);
        ring.add(100 * DAY, 3, 3, 3, 3);
        assertEquals(
                List.of(10 * DAY, DAY, 100 * DAY),
                ring.newest(4).stream().map(ChartPoint::timestampMillis).toList());
    }
}
