package io.github.driftclaims.interp;

/**
 * The order-invariant predictors the notebook compares the model with. Both depend on the counts
 * alone, so any two orderings with the same counts get the same prediction: zero drift by design.
 */
public final class Baselines {

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
}
