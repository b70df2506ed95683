package io.github.driftclaims.martingale;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Quantiles as numpy's default {@code np.quantile} (linear interpolation between order statistics, Hyndman and
 * Fan's type 7), which the authors' code uses throughout; Commons Math's {@link Percentile} with estimation
 * type R_7 is that definition.
 */
final class Quantiles {

    private Quantiles() {}

    /** The q-quantile, 0 <= q <= 1. */
    static double of(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        // Percentile takes q in (0, 100]; q = 0 is the minimum.
        if (q == 0) {
            double min = Double.POSITIVE_INFINITY;
            for (double v : values) {
                min = Math.min(min, v);
            }
            return min;
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, 100 * q);
    }

    /** Q3 - Q1. */
    static double iqr(double[] values) {
        return of(values, 0.75) - of(values, 0.25);
    }

    /**
     * Which values lie in [Q1 - 1.5 IQR, Q3 + 1.5 IQR] (Tukey's fences), as the authors' {@code remove_outliers_1d}
     * and {@code remove_outliers_abs} (plotting.py) filter.
     */
    static boolean[] withinFences(double[] values) {
        double q1 = of(values, 0.25);
        double q3 = of(values, 0.75);
        double iqr = q3 - q1;
        boolean[] keep = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            keep[i] = q1 - 1.5 * iqr <= values[i] && values[i] <= q3 + 1.5 * iqr;
        }
        return keep;
    }
}
