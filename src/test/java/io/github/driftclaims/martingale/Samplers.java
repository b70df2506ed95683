package io.github.driftclaims.martingale;

import org.apache.commons.math3.random.RandomGenerator;

/** Synthetic samplers with known answers: two that keep the martingale property and two that break it. */
final class Samplers {

    private Samplers() {}

    /** The Beta(1,1)-Bernoulli predictive (a Polya urn): a martingale by construction. */
    static PathSampler polyaUrn() {
        return new PolyaUrnSampler();
    }

    /** Exactly i.i.d. Bernoulli(p): every step has the same predictive, so T1 and T2 are about 0. */
    static PathSampler iid(double p) {
        return (observed, paths, steps, rng) -> {
            int[][] out = new int[paths][steps];
            for (int j = 0; j < paths; j++) {
                for (int t = 0; t < steps; t++) {
                    out[j][t] = rng.nextDouble() < p ? 1 : 0;
                }
            }
            return out;
        };
    }

    /** A drifting predictive: P(X) rises from {@code from} to {@code to} over the m steps (T1 about -(to - from)/2). */
    static PathSampler ramp(double from, double to) {
        return (observed, paths, steps, rng) -> {
            int[][] out = new int[paths][steps];
            for (int j = 0; j < paths; j++) {
                for (int t = 0; t < steps; t++) {
                    double p = from + (to - from) * t / (steps - 1.0);
                    out[j][t] = rng.nextDouble() < p ? 1 : 0;
                }
            }
            return out;
        };
    }

    /**
     * A recency sampler: repeats its previous symbol with probability {@code repeat} (a Markov chain, stationary at
     * 1/2): its lag-1 correlation exceeds the lag-k ones, so T2,k is negative, and its predictive depends on the
     * last symbol rather than on the counts.
     */
    static PathSampler sticky(double repeat) {
        return (observed, paths, steps, rng) -> {
            int[][] out = new int[paths][steps];
            for (int j = 0; j < paths; j++) {
                int prev = rng.nextDouble() < 0.5 ? 1 : 0;
                for (int t = 0; t < steps; t++) {
                    out[j][t] = rng.nextDouble() < repeat ? prev : 1 - prev;
                    prev = out[j][t];
                }
            }
            return out;
        };
    }

    static RandomGenerator rng(long seed) {
        return Rngs.stream(seed, 99);
    }
}
