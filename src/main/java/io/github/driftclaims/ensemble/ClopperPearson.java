package io.github.driftclaims.ensemble;

import java.util.Locale;

/**
 * The exact (Clopper-Pearson) confidence interval on a binomial share: k successes in n trials. Its ends are the
 * shares p at which observing k or more (lower end) or k or fewer (upper end) has probability (1 - confidence) / 2,
 * found by bisection on the binomial CDF (the Beta quantiles of the usual formula, without a Beta function). Exact,
 * hence conservative: with 8 seeds the 95% interval of 8 of 8 still reaches down to 0.63.
 *
 * @param k successes (seeds on which a claim was reproduced)
 * @param n trials (seeds)
 * @param lower 0 when k = 0
 * @param upper 1 when k = n
 */
public record ClopperPearson(int k, int n, double confidence, double lower, double upper) {

    /** The level the ensembles' intervals are reported at. */
    public static final double CONFIDENCE = 0.95;

    /** Bisection steps: the interval [0, 1] halves each step, so 60 steps leave less than 1e-18. */
    private static final int STEPS = 60;

    public ClopperPearson {
        check(k, n, confidence);
    }

    private static void check(int k, int n, double confidence) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("a share needs 0 <= k <= n and n >= 1, not k=" + k + ", n=" + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, not " + confidence);
        }
    }

    /** The 95% interval. */
    public static ClopperPearson of(int k, int n) {
        return of(k, n, CONFIDENCE);
    }

    public static ClopperPearson of(int k, int n, double confidence) {
        check(k, n, confidence); // before the bisection, which would run on an impossible count
        double tail = (1 - confidence) / 2;
        // P(X >= k | p) rises with p: the lower end is where it reaches the tail.
        double lower = k == 0 ? 0 : bisect(p -> 1 - cdf(k - 1, n, p), tail);
        // P(X <= k | p) falls with p: the upper end is where it drops to the tail.
        double upper = k == n ? 1 : bisect(p -> -cdf(k, n, p), -tail);
        return new ClopperPearson(k, n, confidence, lower, upper);
    }

    /** The observed share k / n. */
    public double share() {
        return (double) k / n;
    }

    /** "[0.157, 0.843]". */
    public String text() {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", lower, upper);
    }

    /** P(X <= k) for X ~ Binomial(n, p), summed in log space so that no term underflows before it is added. */
    static double cdf(int k, int n, double p) {
        if (k < 0) {
            return 0;
        }
        if (k >= n || p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return 0;
        }
        double sum = 0;
        double logChoose = 0; // log C(n, 0)
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logChoose += Math.log((double) (n - i + 1) / i);
            }
            sum += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log1p(-p));
        }
        return Math.min(1, sum);
    }

    /** The p in [0, 1] at which the increasing function f reaches target. */
    private static double bisect(java.util.function.DoubleUnaryOperator f, double target) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
