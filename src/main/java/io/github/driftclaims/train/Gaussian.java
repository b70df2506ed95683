package io.github.driftclaims.train;

import java.util.SplittableRandom;

/**
 * Normal samples by Box-Muller from {@link SplittableRandom}, with StrictMath, so a seed gives the same
 * initial weights on every JVM (the JDK's own nextGaussian algorithm is not specified).
 */
final class Gaussian {

    private final SplittableRandom rng;
    private double spare = Double.NaN;

    Gaussian(SplittableRandom rng) {
        this.rng = rng;
    }

    double next() {
        if (!Double.isNaN(spare)) {
            double s = spare;
            spare = Double.NaN;
            return s;
        }
        double u1 = 1.0 - rng.nextDouble(); // in (0, 1], so log is finite
        double u2 = rng.nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        spare = r * StrictMath.sin(2 * Math.PI * u2);
        return r * StrictMath.cos(2 * Math.PI * u2);
    }

    float[] fill(int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (next() * std);
        }
        return out;
    }
}
