package io.github.driftclaims.martingale;

import org.apache.commons.math3.random.RandomGenerator;

/** Draws continuations of an observed X/Y sequence: a model over its KV cache, or a synthetic sampler in tests. */
public interface PathSampler {

    /**
     * @param observed z_{1:n}, 1 for X and 0 for Y
     * @param paths J
     * @param steps m
     * @param rng the only source of randomness (re-permutations and draws)
     * @return [J][m] sampled symbols, 1 for X
     */
    int[][] sample(int[] observed, int paths, int steps, RandomGenerator rng);
}
