package io.smartcloudops.bench.forecast;

/**
 * The exponential-smoothing references: additive Holt-Winters, ETS(A,A,A), and its damped form
 * ETS(A,Ad,A), or without a season (a season of 1) Holt's linear trend ETS(A,A,N) and ETS(A,Ad,N),
 * in the error-correction form of Hyndman and Athanasopoulos (<i>Forecasting: Principles and
 * Practice</i>, 3rd ed., 8.3 and 8.7):
 * <pre>
 *   forecast  l + phi b + s[t - m]          e = y - forecast
 *   level     l' = l + phi b + alpha e
 *   trend     b' = phi b + beta e
 *   season    s[t] = s[t - m] + gamma e
 * </pre>
 * Initial states come from the whole training window, in the spirit of classical decomposition
 * (level and trend a least-squares line, the season each phase's mean deviation from it), which
 * makes the seasonal references as strong as the window allows; only the smoothing parameters are
 * then fitted: they minimise the one-step
 * sum of squared errors over the training window by {@link NelderMead}, on a transform that keeps
 * them admissible ({@code 0 < alpha < 1}, {@code 0 < beta < alpha}, {@code 0 < gamma < 1 - alpha},
 * {@code 0.8 <= phi <= 0.98}, the bounds R's {@code forecast::ets} uses). Intervals are the
 * class-1 analytic ones: {@code var(h) = sigma^2 (1 + sum_{j<h} c_j^2)} with
 * {@code c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod m = 0]} and {@code sigma^2} the
 * fitted one-step mean squared error. Without a season, {@code gamma} is 0.
 */
final class ExponentialSmoothing implements ForecastMethod {
    static final double PHI_MIN = 0.8;
    static final double PHI_MAX = 0.98;
    private static final NelderMead SIMPLEX = new NelderMead(400, 1e-8);

    private final int season;
    private final boolean damped;

    /**
     * @param season the season length {@code m} in steps; 1 for none
     * @param damped whether the trend is damped (ETS(A,Ad,·)) or not (Holt-Winters, ETS(A,A,·))
     */
    ExponentialSmoothing(int season, boolean damped) {
        if (season < 1) {
            throw new IllegalArgumentException("a season is at least 1 step (1: none), got " + season);
        }
        this.season = season;
        this.damped = damped;
    }

    @Override
    public String name() {
        if (season == 1) {
            return damped ? "damped ETS(A,Ad,N)" : "Holt (A,A,N)";
        }
        return damped ? "damped ETS(A,Ad,A)" : "Holt-Winters (A,A,A)";
    }

    /** The smoothing parameters; {@code phi} is 1 for the undamped model. */
    record Parameters(double alpha, double beta, double gamma, double phi) {}

    /** The states after a pass over the training window, and its one-step errors. */
    record Fit(Parameters parameters, double level, double trend, double[] seasonByPhase, int n, double sse) {
        double sigma2() {
            return sse / n;
        }
    }

    @Override
    public Prediction predict(double[] train, long stepMillis, int horizon) {
        return forecast(fit(train), horizon);
    }

    /** The parameters minimising the one-step squared error on {@code train}, and the states they end in. */
    Fit fit(double[] train) {
        if (train.length < Math.max(3, 2 * season)) {
            throw new IllegalArgumentException(name() + " needs at least two seasons and three values, "
                    + Math.max(3, 2 * season) + "; got " + train.length);
        }
        // the simplex moves only in the coordinates the model has: gamma's is ignored without a season
        double[] start = damped
                ? new double[] {logit(0.3), logit(0.1), logit(0.1), logit(0.5)}
                : new double[] {logit(0.3), logit(0.1), logit(0.1)};
        if (season == 1) {
            start = damped ? new double[] {start[0], start[1], 0.0, start[3]} : new double[] {start[0], start[1], 0.0};
        }
        double[] best = SIMPLEX.minimise(u -> run(train, parameters(u)).sse(), start, 1.0);
        return run(train, parameters(best));
    }

    /** Maps unconstrained simplex coordinates to admissible parameters. */
    Parameters parameters(double[] u) {
        double alpha = sigmoid(u[0]);
        double beta = alpha * sigmoid(u[1]);
        double gamma = season == 1 ? 0.0 : (1 - alpha) * sigmoid(u[2]);
        double phi = damped ? PHI_MIN + (PHI_MAX - PHI_MIN) * sigmoid(u[3]) : 1.0;
        return new Parameters(alpha, beta, gamma, phi);
    }

    /** One pass of the recursions over {@code x} from the initial states {@link #initial} gives. */
    Fit run(double[] x, Parameters p) {
        int m = season;
        double[] s = new double[m];
        double[] line = initial(x, s);
        double level = line[0];
        double trend = line[1];
        double sse = 0;
        for (int t = 0; t < x.length; t++) {
            int phase = t % m;
            double e = x[t] - (level + p.phi() * trend + s[phase]);
            sse += e * e;
            level = level + p.phi() * trend + p.alpha() * e;
            trend = p.phi() * trend + p.beta() * e;
            s[phase] += p.gamma() * e;
        }
        return new Fit(p, level, trend, s, x.length, Double.isFinite(sse) ? sse : Double.MAX_VALUE);
    }

    /**
     * The initial level (just before {@code x[0]}) and trend of a least-squares line through
     * {@code x}, and into {@code season} each phase's mean deviation from it, centred to sum to 0.
     */
    double[] initial(double[] x, double[] seasonOut) {
        int n = x.length;
        double meanIndex = (n - 1) / 2.0;
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (i - meanIndex) * (i - meanIndex);
            sxy += (i - meanIndex) * (x[i] - mean);
        }
        double slope = sxy / sxx;
        if (season > 1) {
            int[] seen = new int[season];
            for (int i = 0; i < n; i++) {
                seasonOut[i % season] += x[i] - mean - slope * (i - meanIndex);
                seen[i % season]++;
            }
            double centre = 0;
            for (int j = 0; j < season; j++) {
                seasonOut[j] /= seen[j];
                centre += seasonOut[j] / season;
            }
            for (int j = 0; j < season; j++) {
                seasonOut[j] -= centre;
            }
        }
        return new double[] {mean - slope * (meanIndex + 1), slope};
    }

    Prediction forecast(Fit f, int horizon) {
        Parameters p = f.parameters();
        double[] mean = new double[horizon];
        double[] sd = new double[horizon];
        double sigma2 = f.sigma2();
        double dampedSum = 0;
        double phiPower = 1;
        double varianceSum = 0;
        for (int h = 1; h <= horizon; h++) {
            phiPower *= p.phi();
            dampedSum += phiPower;
            mean[h - 1] = f.level() + dampedSum * f.trend() + f.seasonByPhase()[(f.n() + h - 1) % season];
            sd[h - 1] = Math.sqrt(sigma2 * (1 + varianceSum));
            // c_h enters the variance from h + 1 on: c_h = alpha + beta (phi + ... + phi^h) + gamma [h mod m = 0]
            double c = p.alpha() + p.beta() * dampedSum + (h % season == 0 ? p.gamma() : 0.0);
            varianceSum += c * c;
        }
        return Prediction.normal(mean, sd);
    }

    private static double sigmoid(double u) {
        return 1 / (1 + Math.exp(-u));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
