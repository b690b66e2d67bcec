package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyHistoryTest {
    private static final long HOUR = 3_600_000L;
    private static final SeriesId S = SeriesId.of("queue_depth");

    @Test
    void keepsTheMeanOfEachHourAndTheHourBeingFilled() {
        HourlyHistory h = new HourlyHistory();
        for (int hour = 0; hour < 3; hour++) {
            h.add(hour * HOUR + 60_000, 10 * hour);
            h.add(hour * HOUR + 120_000, 10 * hour + 2);
        }

        List<Sample> s = h.samples(S);

        // the completed hours as 16-bit codes centred on the first: within 0.05% of their distance from it
        assertThat(s).extracting(Sample::value).hasSize(3);
        assertThat(s.get(0).value()).isEqualTo(1.0);
        assertThat(s.get(1).value()).isCloseTo(11.0, within(10 * 5e-4));
        assertThat(s.get(2).value()).as("the hour being filled, exactly").isEqualTo(21.0);
        assertThat(s)
                .extracting(Sample::timestampMillis)
                .containsExactly(HOUR / 2, HOUR + HOUR / 2, 2 * HOUR + 120_000);
    }

    @Test
    void aMissingHourEndsTheRunAndLateSamplesAreIgnored() {
        HourlyHistory h = new HourlyHistory();
        h.add(0, 5);
        h.add(HOUR, 6);
        h.add(3 * HOUR, 8); // hour 2 is missing
        h.add(4 * HOUR, 9);
        h.add(HOUR + 1, 100); // late: its hour is closed

        List<Sample> s = h.samples(S);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).value()).isCloseTo(8.0, within(3 * 5e-4));
        assertThat(s.get(1).value()).isEqualTo(9.0);
    }

    @Test
    void keepsOnlyTheHoursItIsToldTo() {
        HourlyHistory h = new HourlyHistory(30);
        for (int hour = 0; hour < 100; hour++) {
            h.add(hour * HOUR, hour);
        }

        List<Sample> s = h.samples(S);

        assertThat(s).as("30 completed hours, and the one being filled").hasSize(31);
        assertThat(s.get(0).value()).isCloseTo(69.0, org.assertj.core.api.Assertions.within(69 * 5e-4));
        assertThatThrownBy(() -> new HourlyHistory(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsThreeWeeksAtMost() {
        HourlyHistory h = new HourlyHistory();
        for (int hour = 0; hour < 2 * HourlyHistory.HOURS; hour++) {
            h.add(hour * HOUR, hour);
        }

        List<Sample> s = h.samples(S);

        assertThat(s).as("the completed hours kept, and the one being filled").hasSize(HourlyHistory.HOURS + 1);
        assertThat(s.get(s.size() - 1).value()).isEqualTo(2.0 * HourlyHistory.HOURS - 1);
    }

    @Test
    void afterAGapTheNewRunGrowsToThreeWeeksAcrossTheSlotsOfTheOldOne() {
        HourlyHistory h = new HourlyHistory();
        for (int hour = 0; hour < 10; hour++) {
            h.add(hour * HOUR, hour);
        }
        int start = 12; // hours 10 and 11 are missing
        for (int hour = start; hour <= start + HourlyHistory.HOURS + 5; hour++) {
            h.add(hour * HOUR, hour);
        }

        List<Sample> s = h.samples(S);

        assertThat(s).hasSize(HourlyHistory.HOURS + 1);
        assertThat(s.get(0).value()).isCloseTo(start + 5.0, within((start + 5.0) * 5e-4));
        assertThat(s.get(s.size() - 2).value())
                .isCloseTo(start + HourlyHistory.HOURS + 4.0, within((start + HourlyHistory.HOURS + 4.0) * 5e-4));
    }

    @Test
    void keepsASeriesThatGrowsAMillionfoldToWithinAFractionOfAPercent() {
        HourlyHistory h = new HourlyHistory();
        // a byte counter from 1 to past 10^9: the code widens on the way, the older hours re-coded (a
        // second rounding of up to 0.05% each)
        double[] mean = new double[200];
        for (int hour = 0; hour < mean.length; hour++) {
            mean[hour] = Math.pow(1.11, hour);
            h.add(hour * HOUR, mean[hour]);
        }
        h.add(mean.length * HOUR, 0);

        List<Sample> s = h.samples(S);

        assertThat(s).hasSize(mean.length + 1);
        for (int hour = 0; hour < mean.length; hour++) {
            assertThat(s.get(hour).value()).as("hour %d", hour).isCloseTo(mean[hour], within(mean[hour] * 1.5e-3));
        }
    }
}
