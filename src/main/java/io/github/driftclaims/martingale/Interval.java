package io.github.driftclaims.martingale;

/** A two-sided interval [lo, hi]; a statistic outside it is a violation. */
public record Interval(double lo, double hi) {

    public boolean contains(double v) {
        return lo <= v && v <= hi;
    }

    /** How far outside v lies: 0 inside, else the distance to the nearer end. */
    public double excess(double v) {
        return v < lo ? lo - v : v > hi ? v - hi : 0;
    }

    /** The 2.5% and 97.5% quantiles of a statistic's reference replicates: its two-sided 95% interval. */
    public static Interval of95(double[] replicates) {
        return new Interval(Quantiles.of(replicates, 0.025), Quantiles.of(replicates, 0.975));
    }
}
