package io.smartcloudops.bench.forecast;

import io.smartcloudops.bench.nab.NabSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of NAB's real series the forecast benchmark uses, and on what grid. Two groups, each with a
 * rule rather than a list of files:
 * <ul>
 *   <li>{@link #HOURLY}: every real series resampled to hourly means that gives at least four weeks of
 *       hours with at most 5% of them empty; daily and weekly patterns show at this grain, so its
 *       season is a day (24) and MASE is scaled by the in-sample seasonal-naive MAE;</li>
 *   <li>{@link #FIVE_MINUTE}: every real series sampled every 5 minutes at source, on its own grid,
 *       with at least a week of points and at most 5% empty; at 5 minutes and horizons up to four
 *       hours the day barely shows, so MASE is scaled by the in-sample naive MAE, the smoothing
 *       references are the non-seasonal ETS(A,A,N) and ETS(A,Ad,N), and seasonal-naive repeats the
 *       value a day (288 steps) earlier.</li>
 * </ul>
 *
 * @param name the group's name in the table
 * @param stepMillis the grid
 * @param season seasonal-naive's season, in steps
 * @param smoothingSeason the exponential-smoothing references' season, in steps (1: none)
 * @param scaleLag the lag of the (seasonal-)naive forecast whose in-sample MAE scales MASE
 * @param window training values at each origin, the same for every method
 * @param minLength the fewest grid points a series needs
 */
record ForecastCorpus(
        String name, long stepMillis, int season, int smoothingSeason, int scaleLag, int window, int minLength) {
    static final long HOUR = 3_600_000L;
    static final long FIVE_MINUTES = 300_000L;
    static final double MAX_FILLED = 0.05;

    /** Three weeks of hours, as the agent keeps ({@code HourlyHistory}): three weekly cycles, the fewest a weekly season needs. */
    static final ForecastCorpus HOURLY = new ForecastCorpus("hourly (seasonal)", HOUR, 24, 24, 24, 21 * 24, 28 * 24);

    /** Three days of 5-minute points: two whole days to initialise the daily references, and a third to fit on. */
    static final ForecastCorpus FIVE_MINUTE =
            new ForecastCorpus("5-minute (non-seasonal)", FIVE_MINUTES, 288, 1, 1, 3 * 288, 7 * 288);

    /** The series of this group among {@code all}, and why others were left out. */
    Selection select(List<NabSeries> all) {
        List<RegularSeries> chosen = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (NabSeries s : all) {
            if (!s.category().startsWith("real")) {
                continue;
            }
            if (stepMillis == FIVE_MINUTES && RegularSeries.nativeStepMillis(s) != FIVE_MINUTES) {
                continue;
            }
            RegularSeries r = RegularSeries.resample(s, stepMillis);
            if (r.length() < minLength) {
                left.add(s.relativePath() + " (" + r.length() + " points)");
            } else if (r.filledShare() > MAX_FILLED) {
                left.add(s.relativePath() + " (" + Math.round(100 * r.filledShare()) + "% empty)");
            } else {
                chosen.add(r);
            }
        }
        return new Selection(List.copyOf(chosen), List.copyOf(left));
    }

    /** The series a group uses and those it left out, each with its reason. */
    record Selection(List<RegularSeries> series, List<String> leftOut) {}
}
