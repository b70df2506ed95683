package io.github.driftclaims.martingale;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The reference learner: Beta-Bernoulli with a uniform prior, the exact Bayesian (and so martingale)
 * predictive for exchangeable X/Y data. One replicate set of J paths: for each path draw theta from the
 * posterior Beta(n p_hat + 1, n (1 - p_hat) + 1) and then m i.i.d. Bernoulli(theta) symbols (the authors'
 * {@code ref_bernoulli_posterior} and {@code sample_ref_posterior_and_data}, plotting.py). Computing a
 * statistic on K such sets gives its sampling distribution under the reference; the 2.5% and 97.5%
 * quantiles are its 95% interval ({@code compute_ag_stats_and_bootstrap}, agg_plot.py).
 */
public final class BetaBernoulliReference {

    private BetaBernoulliReference() {}

    /** One replicate set: [J][m] symbols, 1 for X. */
    public static int[][] paths(RandomGenerator rng, int n, double pHat, int paths, int steps) {
        // Commons Math's BetaDistribution draws with Cheng's algorithms (BB and BC); inverse-CDF accuracy is not used.
        BetaDistribution posterior = new BetaDistribution(rng, n * pHat + 1, n * (1 - pHat) + 1);
        int[][] out = new int[paths][steps];
        for (int j = 0; j < paths; j++) {
            double theta = posterior.sample();
            for (int t = 0; t < steps; t++) {
                out[j][t] = rng.nextDouble() < theta ? 1 : 0;
            }
        }
        return out;
    }
}
