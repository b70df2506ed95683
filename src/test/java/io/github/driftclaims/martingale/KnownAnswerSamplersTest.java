package io.github.driftclaims.martingale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The calibration's samplers do what their answers rest on: the urn is a martingale, the chain is sticky. */
@DisplayName("The known-answer samplers (Polya urn, switch chain) behave as stated")
class KnownAnswerSamplersTest {

    static final int[] OBSERVED = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0}; // 3 X of 10: urn predictive (3 + 1) / 12 = 1/3

    static double stepMean(int[][] paths, int t) {
        double s = 0;
        for (int[] p : paths) {
            s += p[t];
        }
        return s / paths.length;
    }

    @Test
    @DisplayName("the Polya urn's every step has the posterior predictive 1/3 as its mean (a martingale), within 0.01")
    void urnIsAMartingale() {
        int[][] paths = new PolyaUrnSampler().sample(OBSERVED, 40_000, 12, Samplers.rng(1));
        assertThat(paths).hasNumberOfRows(40_000);
        for (int[] p : paths) {
            assertThat(p).hasSize(12);
            assertThat(java.util.Arrays.stream(p).allMatch(v -> v == 0 || v == 1)).as("symbols are 0 or 1").isTrue();
        }
        for (int t : new int[] {0, 5, 11}) {
            assertThat(stepMean(paths, t)).as("step %d", t).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    @DisplayName("the Polya urn's second draw follows its first: P(X | first X) = 5/13, P(X | first Y) = 4/13")
    void urnUpdates() {
        int[][] paths = new PolyaUrnSampler().sample(OBSERVED, 40_000, 2, Samplers.rng(2));
        double afterX = 0;
        double nX = 0;
        double afterY = 0;
        for (int[] p : paths) {
            if (p[0] == 1) {
                nX++;
                afterX += p[1];
            } else {
                afterY += p[1];
            }
        }
        assertThat(afterX / nX).isCloseTo(5 / 13.0, org.assertj.core.data.Offset.offset(0.015));
        assertThat(afterY / (paths.length - nX)).isCloseTo(4 / 13.0, org.assertj.core.data.Offset.offset(0.015));
    }

    @Test
    @DisplayName("the switch chain repeats its previous symbol with its stay probability, within 0.01")
    void chainStays() {
        int[][] paths = new SwitchChainSampler(0.6).sample(OBSERVED, 2000, 20, Samplers.rng(3));
        double stays = 0;
        for (int[] p : paths) {
            for (int t = 1; t < p.length; t++) {
                stays += p[t] == p[t - 1] ? 1 : 0;
            }
        }
        assertThat(stays / (2000 * 19)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    @DisplayName("the switch chain starts from its permutation's last symbol: stay 1 copies it, stay 0 alternates from it")
    void chainContinuesThePermutation() {
        int[][] allX = new SwitchChainSampler(1).sample(new int[] {1, 1, 1, 1}, 10, 6, Samplers.rng(4));
        for (int[] p : allX) {
            assertThat(p).containsOnly(1);
        }
        int[][] alternating = new SwitchChainSampler(0).sample(new int[] {0, 0, 0}, 10, 4, Samplers.rng(5));
        for (int[] p : alternating) {
            assertThat(p).containsExactly(1, 0, 1, 0);
        }
        // with a mixed z_1:n the first symbol follows each path's own permutation: both symbols start some path
        int[][] mixed = new SwitchChainSampler(1).sample(OBSERVED, 200, 3, Samplers.rng(6));
        assertThat(stepMean(mixed, 0)).isBetween(0.15, 0.5);
    }

    @Test
    @DisplayName("a stay probability outside [0, 1] is refused")
    void stayIsAProbability() {
        assertThatThrownBy(() -> new SwitchChainSampler(1.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.01");
        assertThatThrownBy(() -> new SwitchChainSampler(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
