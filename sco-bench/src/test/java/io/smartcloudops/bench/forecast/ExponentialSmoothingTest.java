package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialSmoothingTest {

    @Test
    void holtWintersContinuesAnExactLinePlusSeasonExactly() {
        // a season uncorrelated with its position in the cycle, so the least-squares line through it is the trend
        // exactly
        double[] season = {2, -2, -2, 2};
        double[] x = new double[40];
        for (int t = 0; t < x.length; t++) {
            x[t] = 10 + 0.5 * t + season[t % 4];
        }
        ExponentialSmoothing hw = new ExponentialSmoothing(4, false);

        ExponentialSmoothing.Fit fit = hw.fit(x);
        Prediction p = hw.forecast(fit, 8);

        assertThat(fit.sse()).isLessThan(1e-18);
        for (int h = 1; h <= 8; h++) {
            int t = x.length - 1 + h;
            assertThat(p.mean()[h - 1]).as("h=%d", h).isCloseTo(10 + 0.5 * t + season[t % 4], within(1e-9));
        }
    }

    @Test
    void theDampedTrendAddsPhiPlusPhiSquaredAndSoOn() {
        ExponentialSmoothing ets = new ExponentialSmoothing(1, true);
        ExponentialSmoothing.Fit fit = new ExponentialSmoothing.Fit(
                new ExponentialSmoothing.Parameters(0.5, 0.1, 0, 0.9), 100, 2, new double[] {0}, 10, 10);

        Prediction p = ets.forecast(fit, 3);

        assertThat(p.mean()[0]).isCloseTo(100 + 0.9 * 2, within(1e-12));
        assertThat(p.mean()[1]).isCloseTo(100 + (0.9 + 0.81) * 2, within(1e-12));
        assertThat(p.mean()[2]).isCloseTo(100 + (0.9 + 0.81 + 0.729) * 2, within(1e-12));
    }

    @Test
    void simpleSmoothingsIntervalIsTheTextbooks() {
        // ETS(A,N,N): var(h) = sigma^2 (1 + (h - 1) alpha^2) (Hyndman and Athanasopoulos, table 8.8)
        ExponentialSmoothing ses = new ExponentialSmoothing(1, false);
        ExponentialSmoothing.Fit fit = new ExponentialSmoothing.Fit(
                new ExponentialSmoothing.Parameters(0.4, 0, 0, 1), 5, 0, new double[] {0}, 100, 400);

        Prediction p = ses.forecast(fit, 5);

        for (int h = 1; h <= 5; h++) {
            double sd = Math.sqrt(4 * (1 + (h - 1) * 0.16));
            assertThat(p.upper95()[h - 1] - p.mean()[h - 1]).isCloseTo(Prediction.Z95 * sd, within(1e-12));
            assertThat(p.mean()[h - 1]).isEqualTo(5);
        }
    }

    @Test
    void holtWintersIntervalCountsTheSeasonOncePerSeason() {
        // c_j = alpha + beta j + gamma [j mod m = 0], summed in squares over j < h
        ExponentialSmoothing hw = new ExponentialSmoothing(2, false);
        ExponentialSmoothing.Fit fit = new ExponentialSmoothing.Fit(
                new ExponentialSmoothing.Parameters(0.3, 0.1, 0.2, 1), 0, 0, new double[] {0, 0}, 10, 10);

        Prediction p = hw.forecast(fit, 3);

        double c1 = 0.3 + 0.1;
        double c2 = 0.3 + 0.2 + 0.2;
        assertThat(p.upper80()[0]).isCloseTo(Prediction.Z80, within(1e-12));
        assertThat(p.upper80()[1]).isCloseTo(Prediction.Z80 * Math.sqrt(1 + c1 * c1), within(1e-12));
        assertThat(p.upper80()[2]).isCloseTo(Prediction.Z80 * Math.sqrt(1 + c1 * c1 + c2 * c2), within(1e-12));
    }

    @Test
    void fittingALocalLevelRecoversItsSmoothingParameter() {
        // a local-level process is ETS(A,N,N) with alpha = 0.3; least squares should find about that
        SplittableRandom rnd = new SplittableRandom(9);
        double[] x = new double[3_000];
        double level = 50;
        for (int t = 0; t < x.length; t++) {
            double e = rnd.nextGaussian();
            x[t] = level + e;
            level += 0.3 * e;
        }

        ExponentialSmoothing.Fit fit = new ExponentialSmoothing(1, false).fit(x);

        assertThat(fit.parameters().alpha()).isCloseTo(0.3, within(0.05));
        assertThat(fit.parameters().beta()).isLessThan(0.03);
        assertThat(fit.sigma2()).isCloseTo(1.0, within(0.1));
    }

    @Test
    void parametersStayAdmissibleWhereverTheSimplexGoes() {
        ExponentialSmoothing ets = new ExponentialSmoothing(24, true);
        for (double u : new double[] {-50, -1, 0, 1, 50}) {
            ExponentialSmoothing.Parameters p = ets.parameters(new double[] {u, -u, u, u});
            assertThat(p.alpha()).isBetween(0.0, 1.0);
            assertThat(p.beta()).isBetween(0.0, p.alpha());
            assertThat(p.gamma()).isBetween(0.0, 1 - p.alpha());
            assertThat(p.phi()).isBetween(ExponentialSmoothing.PHI_MIN, ExponentialSmoothing.PHI_MAX);
        }
    }
}
