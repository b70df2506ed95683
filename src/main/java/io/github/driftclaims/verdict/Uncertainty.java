package io.github.driftclaims.verdict;

/**
 * The numerical uncertainty of a deciding number, propagated from a bound on each measured input through the number's
 * formula: one helper per formula, so every rule propagates the same way (QUALITY.md, "Margins and fragile verdicts").
 */
public final class Uncertainty {

    /**
     * How far one measured probability (a P(X | {X,Y}), an attention weight, a head score) can move across libtorch's
     * kernel choices and thread counts: the regression gate's tolerance. The largest move measured over every recorded
     * number of the four shipped models under ATEN_CPU_CAPABILITY default/avx2/avx512 was 5.7e-6 (a logit
     * difference); P(X) moved by about 1e-6 (PLATFORMS.md, "Numbers across CPUs").
     */
    public static final double INPUT = 1e-5;

    private Uncertainty() {}

    /** One input as measured. */
    public static double input() {
        return INPUT;
    }

    /** a - b of two numbers (drift = max - min, a gap, an excess): |da| + |db|. */
    public static double difference(double da, double db) {
        return Math.abs(da) + Math.abs(db);
    }

    /** A difference of two inputs, such as a drift (max - min of P(X)): 2 x {@link #INPUT}. */
    public static double drift() {
        return difference(INPUT, INPUT);
    }

    /**
     * A mean of inputs, or of their distances to fixed numbers (an MAE to Bayes, a stripe, a head score): each term
     * moves by at most {@link #INPUT}, so the mean does.
     */
    public static double mean() {
        return INPUT;
    }

    /** The sample std (ddof = 1) of n inputs each within {@code d}: at most d sqrt(n / (n - 1)). */
    public static double sampleStd(int n, double d) {
        return n < 2 ? 0 : d * Math.sqrt((double) n / (n - 1));
    }

    /** q = u / v with u within du and v within dv: (|du| + |q| |dv|) / |v|; infinite for v = 0. */
    public static double ratio(double u, double v, double du, double dv) {
        if (v == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (Math.abs(du) + Math.abs(u / v) * Math.abs(dv)) / Math.abs(v);
    }

    /** A share 1 - after / before (a share of drift removed, an MAE drop): the ratio's, as the 1 is exact. */
    public static double share(double before, double after, double dBefore, double dAfter) {
        return ratio(after, before, dAfter, dBefore);
    }

    /** A count of statistics outside their intervals: 0 (it moves only when a statistic crosses its interval). */
    public static double count() {
        return 0;
    }
}
