package io.github.driftclaims.martingale;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of Falck, Wang and Holmes (ICML 2024) on sampled continuations. A path is the m symbols a
 * sampler drew after the observed z_{1:n}, coded 1 for X and 0 for Y; {@code paths[j][t]} is z_{n+t+1} of path
 * j (0-based t). Every method is a pure function of the paths.
 */
public final class PathStatistics {

    /** Lags l = 1..5 of rho_l; T2,k for k = 2..5 (the authors' {@code marginal_acf(paths, Kmax=5)}). */
    public static final int MAX_LAG = 5;

    /**
     * The denominator's guard against an all-zero sample, as in the authors' {@code marginal_acf}:
     * rho_l = E[a] / (1e-5 + E[z^2]).
     */
    static final double EPS = 1e-5;

    private PathStatistics() {}

    /**
     * The paths kept by the outlier filter: those whose mean |z| lies inside [Q1 - 1.5 IQR, Q3 + 1.5 IQR] of
     * the per-path means (the authors' {@code remove_outliers_abs}, applied to a model's paths before every
     * statistic in {@code compute_ag_stats_and_bootstrap}, where the reference's paths are not filtered; here
     * {@link MartingaleCheck} filters both sides alike).
     */
    public static int[][] withoutOutliers(int[][] paths) {
        double[] means = new double[paths.length];
        for (int j = 0; j < paths.length; j++) {
            means[j] = meanAbs(paths[j], 0, paths[j].length);
        }
        boolean[] keep = Quantiles.withinFences(means);
        List<int[]> kept = new ArrayList<>();
        for (int j = 0; j < paths.length; j++) {
            if (keep[j]) {
                kept.add(paths[j]);
            }
        }
        return kept.toArray(new int[0][]);
    }

    /**
     * T1 (the first CID check, g(z) = z): with h = floor(m/2), the mean of z over the first h sampled steps of
     * every path minus the mean over steps h+1..m. Under the martingale property E[z_{n+t} | z_{1:n}] is the
     * same for every t, so T1 is about 0. (The paper's T_{1,g}; the authors' {@code mean_former - mean_latter}
     * in {@code compute_ag_stats}, agg_plot.py.)
     */
    public static double t1(int[][] paths) {
        int m = paths[0].length;
        int h = m / 2;
        double former = 0;
        double latter = 0;
        for (int[] p : paths) {
            former += sum(p, 0, h);
            latter += sum(p, h, m);
        }
        return former / ((double) paths.length * h) - latter / ((double) paths.length * (m - h));
    }

    /**
     * rho_l for l = 1..{@link #MAX_LAG}: [mean over paths j, after the 1.5 IQR filter on a_j, of a_j] /
     * (1e-5 + mean over paths and over l < t <= m - l of z_{n+t}^2), with
     * a_j = (1/(m-l)) sum_{t=1}^{m-l} z_{n+t+l} z_{n+t}. (The authors' {@code marginal_acf}, plotting.py: an
     * ACF-like quantity E[z_{n+t+l} z_{n+t}] / E[z^2] that, when the marginals of the z_{n+t} are all equal,
     * does not depend on l beyond sampling error.)
     *
     * @return rho[l - 1] = rho_l
     */
    public static double[] rho(int[][] paths) {
        int m = paths[0].length;
        int lags = lags(m);
        if (lags < 2) {
            throw new IllegalArgumentException("T2 needs at least 5 sampled steps per path, not " + m);
        }
        double[] rho = new double[lags];
        for (int l = 1; l <= lags; l++) {
            double[] a = new double[paths.length];
            double squares = 0;
            for (int j = 0; j < paths.length; j++) {
                int[] z = paths[j];
                double s = 0;
                for (int t = 0; t < m - l; t++) {
                    s += z[t + l] * z[t];
                }
                a[j] = s / (m - l);
                for (int t = l; t < m - l; t++) { // 1-based l < t <= m - l
                    squares += z[t] * z[t];
                }
            }
            boolean[] keep = Quantiles.withinFences(a);
            double kept = 0;
            int count = 0;
            for (int j = 0; j < a.length; j++) {
                if (keep[j]) {
                    kept += a[j];
                    count++;
                }
            }
            rho[l - 1] = (kept / count) / (EPS + squares / ((double) paths.length * (m - 2 * l)));
        }
        return rho;
    }

    /**
     * T2,k = rho_k - rho_1 for k = 2..5 (the paper's second CID check; the authors' {@code multi_acf_diff}):
     * about 0 under the property.
     *
     * @return t2[k - 2] = T2,k, for k = 2..{@link #lags}(m)
     */
    public static double[] t2(int[][] paths) {
        double[] rho = rho(paths);
        double[] t2 = new double[rho.length - 1];
        for (int k = 2; k <= rho.length; k++) {
            t2[k - 2] = rho[k - 1] - rho[0];
        }
        return t2;
    }

    /**
     * The lags rho is computed for: 1..5, fewer when the paths are short. The denominator averages over
     * l < t <= m - l, which is empty for l >= m/2 (the authors' {@code paths[:, i:-i]} is then empty and
     * its mean NaN), so on m steps only lags l <= (m - 1) / 2 are computed: T2,2 and T2,3 on m = 8.
     * A stated deviation from the paper's fixed k = 2..5, needed for the toy models' m = n/2 = 8.
     */
    public static int lags(int m) {
        return Math.min(MAX_LAG, (m - 1) / 2);
    }

    /** Per-path MLEs of P(X): each path's mean over its first {@code length} samples. */
    public static double[] pathMeans(int[][] paths, int length) {
        double[] means = new double[paths.length];
        for (int j = 0; j < paths.length; j++) {
            means[j] = sum(paths[j], 0, length) / (double) length;
        }
        return means;
    }

    /**
     * T3 (epistemic uncertainty): the interquartile range of the per-path MLEs over the first {@code length}
     * samples (the paper uses length = n/2: the authors' {@code plot_scaling_main} truncates to n // 2 and
     * takes {@code iqr(completion.mean(1))}). A Bayesian learner's shrinks like n^{-1/2}.
     */
    public static double t3(int[][] paths, int length) {
        return Quantiles.iqr(pathMeans(paths, length));
    }

    /** Every path cut to its first {@code length} samples. */
    public static int[][] truncate(int[][] paths, int length) {
        int[][] out = new int[paths.length][];
        for (int j = 0; j < paths.length; j++) {
            out[j] = java.util.Arrays.copyOf(paths[j], length);
        }
        return out;
    }

    /** The mean of every sample of every path. */
    public static double mean(int[][] paths) {
        double s = 0;
        long count = 0;
        for (int[] p : paths) {
            s += sum(p, 0, p.length);
            count += p.length;
        }
        return s / count;
    }

    private static double sum(int[] z, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += z[t];
        }
        return s;
    }

    private static double meanAbs(int[] z, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += Math.abs(z[t]);
        }
        return s / (to - from);
    }
}
