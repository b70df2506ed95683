package io.github.driftclaims.martingale;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * The martingale null with a known answer: the Beta(1,1)-Bernoulli posterior predictive continuing the observed
 * sequence, sampled one symbol at a time (a Polya urn): P(X) = (x + 1) / (N + 2) over the observed and the
 * already sampled symbols. Exchangeable, so a martingale by construction, and by de Finetti exactly the
 * reference's Beta-then-i.i.d. draw ({@link BetaBernoulliReference}): every check on it should pass up to chance.
 * The observed order is irrelevant to it, so it draws no permutation.
 */
public record PolyaUrnSampler() implements PathSampler {

    @Override
    public int[][] sample(int[] observed, int paths, int steps, RandomGenerator rng) {
        int x0 = 0;
        for (int v : observed) {
            x0 += v;
        }
        int[][] out = new int[paths][steps];
        for (int j = 0; j < paths; j++) {
            int x = x0;
            for (int t = 0; t < steps; t++) {
                double p = (x + 1.0) / (observed.length + t + 2.0);
                out[j][t] = rng.nextDouble() < p ? 1 : 0;
                x += out[j][t];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Polya urn (Beta(1,1)-Bernoulli predictive)";
    }
}
