package io.github.driftclaims.martingale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** T1, rho_l, T2,k, T3, the outlier filter and the quantiles on paths small enough to compute by hand. */
@DisplayName("The martingale statistics give the hand-computed values")
class PathStatisticsTest {

    @Test
    @DisplayName("T1 = mean of the first floor(m/2) steps minus mean of the rest: 5/8 - 3/8 = 0.25")
    void t1ByHand() {
        int[][] paths = {{1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}};
        // first halves: 2 + 1 + 0 + 2 = 5 of 8; second halves: 0 + 1 + 0 + 2 = 3 of 8
        assertThat(PathStatistics.t1(paths)).isCloseTo(0.25, within(1e-12));
        // m = 5: h = 2, first 2 steps vs last 3
        assertThat(PathStatistics.t1(new int[][] {{1, 1, 0, 0, 0}})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    @DisplayName("the outlier filter keeps per-path means inside [Q1 - 1.5 IQR, Q3 + 1.5 IQR]")
    void outliersByHand() {
        // means 0.5, 0.5, 0.5, 0.5, 1.0: Q1 = Q3 = 0.5, IQR 0, so the all-X path is dropped
        int[][] paths = {{1, 0, 1, 0}, {0, 1, 0, 1}, {1, 1, 0, 0}, {0, 0, 1, 1}, {1, 1, 1, 1}};
        int[][] kept = PathStatistics.withoutOutliers(paths);
        assertThat(kept).hasNumberOfRows(4);
        assertThat(java.util.Arrays.stream(kept).map(java.util.Arrays::toString)).doesNotContain("[1, 1, 1, 1]");
        // means 0, 0.5, 0.5, 1: Q1 0.375, Q3 0.625 (linear interpolation), fences [0, 1]: all kept
        int[][] spread = {{1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}};
        assertThat(PathStatistics.withoutOutliers(spread)).hasNumberOfRows(4);
    }

    @Test
    @DisplayName("rho_l = filtered mean of a_j over (1e-5 + mean z^2 for l < t <= m - l); T2,2 = rho_2 - rho_1")
    void rhoAndT2ByHand() {
        int[][] paths = {{1, 1, 0, 1, 1, 0}, {0, 1, 0, 1, 0, 1}};
        // l = 1: a = (1+0+0+1+0)/5 = 0.4 and 0; both kept; numerator 0.2. z^2 at t = 2..5 (1-based): 3 + 2 of 8.
        double rho1 = 0.2 / (1e-5 + 5.0 / 8);
        // l = 2: a = (0+1+0+0)/4 = 0.25 and (0+1+0+1)/4 = 0.5; numerator 0.375. z^2 at t = 3..4: 1 + 1 of 4.
        double rho2 = 0.375 / (1e-5 + 2.0 / 4);
        assertThat(PathStatistics.lags(6)).isEqualTo(2);
        assertThat(PathStatistics.rho(paths)).containsExactly(new double[] {rho1, rho2}, within(1e-12));
        assertThat(PathStatistics.t2(paths)).containsExactly(new double[] {rho2 - rho1}, within(1e-12));
    }

    @Test
    @DisplayName("the a_j filter drops an outlying path from rho's numerator only")
    void aFilter() {
        // five paths with a_1 = 0 (alternating) and one all-X path with a_1 = 1: Q1 = Q3 = 0, so it is dropped
        int[][] paths = new int[6][];
        for (int j = 0; j < 5; j++) {
            paths[j] = new int[] {1, 0, 1, 0, 1, 0};
        }
        paths[5] = new int[] {1, 1, 1, 1, 1, 1};
        // numerator 0; denominator: t = 2..5, alternating paths give 2 of 4 each, the all-X 4: 14 of 24
        assertThat(PathStatistics.rho(paths)[0]).isCloseTo(0.0, within(1e-12));
        assertThat(PathStatistics.lags(11)).isEqualTo(5);
        assertThat(PathStatistics.lags(8)).isEqualTo(3);
        assertThatThrownBy(() -> PathStatistics.rho(new int[][] {{1, 0, 1, 0}})).hasMessageContaining("at least 5");
    }

    @Test
    @DisplayName("T3 is the IQR of the path means over the first n/2 samples (type-7 quantiles, as numpy)")
    void t3ByHand() {
        int[][] paths = {{1, 1, 0, 0, 1}, {1, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {1, 1, 1, 1, 1}};
        // means over the first 4: 0.5, 0.25, 0, 1; sorted 0, 0.25, 0.5, 1: Q1 = 0.1875, Q3 = 0.625
        assertThat(PathStatistics.t3(paths, 4)).isCloseTo(0.625 - 0.1875, within(1e-12));
        assertThat(Quantiles.of(new double[] {3, 1, 2, 4}, 0.975)).isCloseTo(3.925, within(1e-12));
        assertThat(Quantiles.of(new double[] {3, 1, 2, 4}, 0.025)).isCloseTo(1.075, within(1e-12));
    }
}
