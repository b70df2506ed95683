package io.github.driftclaims.interp;

/**
 * The order-invariant predictors the notebook compares the model with. All depend on the counts
 * alone, so any two orderings with the same counts get the same prediction: zero drift by design.
 */
public final class Baselines {

    /** The later cells' two generators: A emits X with probability 0.5, B with 0.75, prior 1/2 each. */
    public static final double GENERATOR_A = 0.5;
    public static final double GENERATOR_B = 0.75;

    private Baselines() {}

    /** p_hat = n_X / (n_X + n_Y), 0.5 with no observations. */
    public static double frequentist(int nX, int nY) {
        int n = nX + nY;
        return n > 0 ? (double) nX / n : 0.5;
    }

    /** Beta(alpha, beta) posterior predictive: (alpha + n_X) / (alpha + beta + n). Beta(1,1) is Laplace's rule. */
    public static double bayes(int nX, int nY, double alpha, double beta) {
        return (alpha + nX) / (alpha + beta + nX + nY);
    }

    /** The notebook's prior, alpha = beta = 1. */
    public static double bayes(int nX, int nY) {
        return bayes(nX, nY, 1, 1);
    }

    /** The later cells' predictor: generators A (0.5) and B (0.75) with prior 1/2 each. */
    public static double twoGenerator(int nX, int nY) {
        return mixture(nX, nY, new double[] {GENERATOR_A, GENERATOR_B}, new double[] {0.5, 0.5});
    }

    /**
     * Posterior predictive P(next = X | n_X, n_Y) of a finite mixture of Bernoulli generators:
     * sum_k w_k p_k, with w_k proportional to prior_k p_k^n_X (1 - p_k)^n_Y. The weights are formed in
     * log space and normalised by log-sum-exp, so long sequences (whose likelihoods underflow a double
     * past about 1000 draws) keep their posterior instead of dividing 0 by 0.
     */
    public static double mixture(int nX, int nY, double[] p, double[] prior) {
        if (p.length != prior.length || p.length == 0) {
            throw new IllegalArgumentException("one prior per generator, at least one generator");
        }
        double[] logPost = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
            logPost[k] = Math.log(prior[k]) + xlogy(nX, p[k]) + xlogy(nY, 1 - p[k]);
            max = Math.max(max, logPost[k]);
        }
        double norm = 0;
        for (double lp : logPost) {
            norm += Math.exp(lp - max);
        }
        double logNorm = max + Math.log(norm);
        double out = 0;
        for (int k = 0; k < p.length; k++) {
            out += Math.exp(logPost[k] - logNorm) * p[k];
        }
        return out;
    }

    /** n log(q), with 0 log(0) = 0 (a generator that never emits Y is not ruled out by zero Ys). */
    private static double xlogy(int n, double q) {
        return n == 0 ? 0 : n * Math.log(q);
    }
}
