package io.github.driftclaims.martingale;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Independent, reproducible random streams from one seed: the observed data, the paths' permutations and
 * draws, and the reference's replicates each get their own, so that changing J or K in one place does not
 * move the numbers of another. Well19937c (Commons Math) seeded with (seed, stream).
 */
public final class Rngs {

    public static final int OBSERVED = 1;
    public static final int PATHS = 2;
    public static final int REFERENCE = 3;

    private Rngs() {}

    public static RandomGenerator stream(long seed, int stream) {
        return new Well19937c(new int[] {(int) (seed >>> 32), (int) seed, stream});
    }
}
