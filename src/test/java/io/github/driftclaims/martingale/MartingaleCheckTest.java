package io.github.driftclaims.martingale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Beta-Bernoulli intervals have their coverage on samplers that keep the martingale property, and a
 * sampler that breaks it lands outside. Coverage lines: with 100 seeds the count inside a true 95% interval
 * is Binomial(100, 0.95), whose 0.2% and 99.4% quantiles are 88 and 99 (a count of 100 would mean the
 * interval is too wide to ever reject).
 */
@DisplayName("The martingale check's intervals cover a martingale about 95% of the time and reject a drift")
class MartingaleCheckTest {

    static final MartingaleResult.Cell CELL = new MartingaleResult.Cell(16, 24, 0.5);
    static final int SEEDS = 100;
    static final int PATHS = 50;
    static final int REPLICATES = 100;

    /** Fraction of seeds in which each statistic lay inside its interval. */
    static Map<String, Double> coverage(PathSampler sampler) {
        Map<String, Integer> inside = new LinkedHashMap<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            MartingaleResult r = MartingaleCheck.run(sampler, CELL, PATHS, REPLICATES, 1000 + seed);
            for (Statistic s : r.statistics()) {
                inside.merge(s.name(), s.inside() ? 1 : 0, Integer::sum);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        inside.forEach((k, v) -> out.put(k, v / (double) SEEDS));
        return out;
    }

    @Test
    @DisplayName("the Bayesian predictive (a Polya urn) lands inside every interval, T1 to T3, in 88 to 99 of 100 seeds")
    void polyaUrnIsCovered() {
        Map<String, Double> c = coverage(Samplers.polyaUrn());
        assertThat(c.keySet()).containsExactly("T1", "T2,2", "T2,3", "T2,4", "T2,5", "T3");
        assertThat(c).allSatisfy((name, f) -> assertThat(f).as(name).isBetween(0.88, 0.99));
    }

    /**
     * An i.i.d. sampler keeps the martingale property but is not the reference's law (no epistemic spread: its T1
     * varies with p(1 - p) at the fixed p, the reference's with theta(1 - theta) averaged over its posterior), so the
     * intervals have no exact 95% coverage of it. Until the outlier filter applied to both sides (issue 27) this test
     * held it to the Polya urn's 88 to 99 of 100; with both sides filtered T1 and T2,3 land inside in 87 of these 100
     * seeds (90-92% over 400 seeds, against the urn's 93-95%; with neither side filtered 91%), so the exact-coverage
     * line is dropped for it rather than widened. What a martingale must still show: its violations have no direction
     * (as many above their intervals as below, within Binomial(outside, 1/2)'s central 99.8%), and the intervals are not
     * so wide that it is never outside (at most 99 of 100 inside).
     */
    @Test
    @DisplayName("an exactly i.i.d. Bernoulli sampler falls outside T1's and T2's intervals as often above as below, and sometimes")
    void iidHasNoDirection() {
        int above = 0;
        int below = 0;
        Map<String, Integer> inside = new LinkedHashMap<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            for (Statistic s : MartingaleCheck.run(Samplers.iid(0.5), CELL, PATHS, REPLICATES, 1000 + seed).statistics()) {
                if (s.martingale()) {
                    above += s.value() > s.interval().hi() ? 1 : 0;
                    below += s.value() < s.interval().lo() ? 1 : 0;
                    inside.merge(s.name(), s.inside() ? 1 : 0, Integer::sum);
                }
            }
        }
        int outside = above + below;
        org.apache.commons.math3.distribution.BinomialDistribution half =
                new org.apache.commons.math3.distribution.BinomialDistribution(null, outside, 0.5);
        assertThat(above).as("%d above, %d below their intervals", above, below)
                .isBetween(half.inverseCumulativeProbability(0.001), half.inverseCumulativeProbability(0.999));
        assertThat(inside).allSatisfy((name, n) -> assertThat(n).as(name).isLessThanOrEqualTo(99));
    }

    @Test
    @DisplayName("a predictive that drifts from 0.3 to 0.7 over the steps puts T1 outside its interval in every seed")
    void rampViolatesT1() {
        for (long seed = 0; seed < 20; seed++) {
            MartingaleResult r = MartingaleCheck.run(Samplers.ramp(0.3, 0.7), CELL, PATHS, REPLICATES, seed);
            assertThat(r.statistic("T1").inside()).as("seed %d: T1 %s", seed, r.statistic("T1")).isFalse();
            assertThat(r.statistic("T1").value()).isNegative();
        }
    }

    @Test
    @DisplayName("a recency sampler (repeats its last symbol with probability 0.8) puts T2,2 below its interval in every seed")
    void stickyViolatesT2() {
        for (long seed = 0; seed < 20; seed++) {
            MartingaleResult r = MartingaleCheck.run(Samplers.sticky(0.8), CELL, PATHS, REPLICATES, seed);
            Statistic t22 = r.statistic("T2,2");
            assertThat(t22.value()).as("seed %d: %s", seed, t22).isLessThan(t22.interval().lo());
        }
    }

    @Test
    @DisplayName("one seed gives the same numbers twice; another seed gives others")
    void seededEndToEnd() {
        MartingaleResult a = MartingaleCheck.run(Samplers.polyaUrn(), CELL, PATHS, REPLICATES, 7);
        MartingaleResult b = MartingaleCheck.run(Samplers.polyaUrn(), CELL, PATHS, REPLICATES, 7);
        MartingaleResult c = MartingaleCheck.run(Samplers.polyaUrn(), CELL, PATHS, REPLICATES, 8);
        assertThat(a).isEqualTo(b);
        assertThat(a.statistics()).isNotEqualTo(c.statistics());
    }

    @Test
    @DisplayName("the outlier filter treats both sides alike: on the Polya urn (the reference's own law) the sampler's "
            + "paths and the reference sets keep the same share, below all of them")
    void bothSidesFiltered() {
        // theta = 0.3, n = 16, m = 32: the per-path means are right-skewed, so Tukey's upper fence drops a few paths
        // of every set. Filtering one side only leaves that side's share at 1.
        MartingaleResult.Cell skewed = new MartingaleResult.Cell(16, 32, 0.3);
        double model = 0;
        double reference = 0;
        int seeds = 20;
        for (long seed = 0; seed < seeds; seed++) {
            MartingaleResult r = MartingaleCheck.run(Samplers.polyaUrn(), skewed, 200, 40, 3000 + seed);
            model += r.kept() / (double) r.paths();
            reference += r.referenceKept() / r.paths();
        }
        model /= seeds;
        reference /= seeds;
        assertThat(model).as("the sampler's kept share").isLessThan(0.995);
        assertThat(reference).as("the reference sets' kept share").isLessThan(0.995);
        assertThat(model).as("the sampler's kept share vs the reference's %s", reference).isCloseTo(reference,
                org.assertj.core.data.Offset.offset(0.004));
    }
}
