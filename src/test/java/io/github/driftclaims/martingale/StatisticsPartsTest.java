package io.github.driftclaims.martingale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small parts the martingale check is built from, each against numbers worked out by hand. */
@DisplayName("The martingale check's parts")
class StatisticsPartsTest {

    @Test
    @DisplayName("an interval's excess is 0 inside and at its ends, else the distance to the nearer end")
    void intervalExcess() {
        Interval i = new Interval(-0.5, 1.0);
        assertThat(i.excess(0.2)).isZero();
        assertThat(i.excess(-0.5)).isZero();
        assertThat(i.excess(1.0)).isZero();
        assertThat(i.excess(-0.75)).isEqualTo(0.25);
        assertThat(i.excess(1.5)).isEqualTo(0.5);
        assertThat(i.contains(-0.5)).isTrue();
        assertThat(i.contains(1.0)).isTrue();
        assertThat(i.contains(1.0000001)).isFalse();
    }

    @Test
    @DisplayName("T1 and T2,k test the martingale property; T3 does not")
    void whichStatisticsTestTheProperty() {
        Interval any = new Interval(0, 1);
        assertThat(new Statistic("T1", 0.5, any, 0.5).martingale()).isTrue();
        assertThat(new Statistic("T2,3", 0.5, any, 0.5).martingale()).isTrue();
        assertThat(new Statistic("T3", 0.5, any, 0.5).martingale()).isFalse();
        MartingaleResult r = new MartingaleResult(new MartingaleResult.Cell(4, 5, 0.5), 1, 10, 10, 10, 10, 10, 0.5, 0.5,
                List.of(new Statistic("T1", 0.1, any, 0.5), new Statistic("T3", 0.2, any, 0.5)));
        assertThat(r.t3().value()).isEqualTo(0.2);
        assertThatThrownBy(() -> r.statistic("T2,2")).hasMessageContaining("no statistic T2,2 in n=4, m=5, theta=0.5");
    }

    @Test
    @DisplayName("the 0-quantile is the minimum; the others interpolate linearly between order statistics (numpy's)")
    void quantiles() {
        double[] v = {4, 1, 3, 2};
        assertThat(Quantiles.of(v, 0)).isEqualTo(1);
        assertThat(Quantiles.of(v, 1)).isEqualTo(4);
        // sorted 1 2 3 4: position q (n - 1) = 0.75 -> 1.75, 2.25 -> 3.25
        assertThat(Quantiles.of(v, 0.25)).isEqualTo(1.75);
        assertThat(Quantiles.of(v, 0.75)).isEqualTo(3.25);
        assertThat(Quantiles.iqr(v)).isEqualTo(1.5);
    }

    @ParameterizedTest(name = "n {0}, m {1}, theta {2}")
    @CsvSource({"2, 5, 0.0", "4, 5, 1.0", "10, 5, 0.3", "16, 8, 0.5"})
    @DisplayName("a cell at the edge of what is allowed is accepted")
    void cellEdgesAccepted(int n, int m, double theta) {
        assertThat(new MartingaleResult.Cell(n, m, theta).toString()).isEqualTo("n=" + n + ", m=" + m + ", theta=" + theta);
    }

    @ParameterizedTest(name = "n {0}, m {1}, theta {2}")
    @CsvSource({"1, 5, 0.5", "4, 4, 0.5", "12, 5, 0.5", "4, 5, -0.01", "4, 5, 1.01"})
    @DisplayName("a cell just past an edge (n < 2, m < 5, m < n/2, theta outside [0, 1]) is refused")
    void cellEdgesRefused(int n, int m, double theta) {
        assertThatThrownBy(() -> new MartingaleResult.Cell(n, m, theta)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n >= 2, m >= 5 and m >= n/2");
    }

    @Test
    @DisplayName("the seed's high and low 32 bits and the stream number each change the stream")
    void streams() {
        double base = Rngs.stream(0, Rngs.OBSERVED).nextDouble();
        assertThat(Rngs.stream(1L << 32, Rngs.OBSERVED).nextDouble()).isNotEqualTo(base);
        assertThat(Rngs.stream(1, Rngs.OBSERVED).nextDouble()).isNotEqualTo(base);
        assertThat(Rngs.stream(0, Rngs.PATHS).nextDouble()).isNotEqualTo(base);
        assertThat(Rngs.stream(0, Rngs.OBSERVED).nextDouble()).isEqualTo(base);
    }

    @Test
    @DisplayName("the reference draws each path's theta from Beta(n p_hat + 1, n (1 - p_hat) + 1): "
            + "n 10, p_hat 0.3 gives Beta(4, 8), mean 1/3, variance 32 / 1872")
    void referencePosterior() {
        RandomGenerator rng = Rngs.stream(9, Rngs.REFERENCE);
        int paths = 4000;
        int steps = 4000;
        double[] means = PathStatistics.pathMeans(BetaBernoulliReference.paths(rng, 10, 0.3, paths, steps), steps);
        double mean = 0;
        for (double m : means) {
            mean += m / paths;
        }
        double var = 0;
        for (double m : means) {
            var += (m - mean) * (m - mean) / (paths - 1);
        }
        // Path means add binomial noise theta (1 - theta) / steps, about 5e-5, to Beta(4, 8)'s variance 0.01709.
        // Standard errors over 4000 paths: 0.002 for the mean, about 0.0003 for the variance.
        assertThat(mean).isCloseTo(1.0 / 3, within(0.01));
        assertThat(var).isCloseTo(32.0 / 1872 + 0.2222 / steps, within(0.0015));
    }
}
