package io.smartcloudops.detect.seasonal;

/** The next samples' means and standard deviations, index 1 the next sample. */
record ForecastPath(double[] means, double[] sds) {
    double mean(int steps) {
        return means[steps - 1];
    }

    double sd(int steps) {
        return sds[steps - 1];
    }

    int horizon() {
        return means.length;
    }
}
