package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

    @Test
    void findsTheRosenbrockValleysMinimum() {
        // the classic test of a minimiser: a curved valley with its minimum at (1, 1)
        double[] best = new NelderMead(5_000, 1e-14)
                .minimise(
                        u -> 100 * Math.pow(u[1] - u[0] * u[0], 2) + Math.pow(1 - u[0], 2),
                        new double[] {-1.2, 1.0},
                        0.5);

        assertThat(best[0]).isCloseTo(1.0, within(1e-3));
        assertThat(best[1]).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void stopsAtItsEvaluationBudget() {
        int[] calls = {0};
        new NelderMead(50, 0)
                .minimise(
                        u -> {
                            calls[0]++;
                            return u[0] * u[0] + u[1] * u[1] + u[2] * u[2];
                        },
                        new double[] {3, 3, 3},
                        1);

        // the last step may run past the budget: a reflection, a contraction and a shrink of d = 3 points
        assertThat(calls[0]).isBetween(50, 50 + 2 + 3);
    }
}
