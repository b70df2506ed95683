package io.github.driftclaims.martingale;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One cell of Falck, Wang and Holmes's martingale check, seeded end to end: draw z_{1:n} i.i.d. with P(X) =
 * theta, let the sampler draw J paths of m further symbols (each after its own re-permutation of z_{1:n}),
 * drop outlier paths, compute T1, T2,k and T3, and give each its 95% interval from K replicate sets of the
 * Beta-Bernoulli reference.
 *
 * <p>Which reference each statistic is compared with follows the authors' {@code agg_plot.py}: T1's reference
 * has p_hat matched to the kept paths' overall mean ({@code all_bs_mm_stats}, so that a model whose
 * continuations are biased overall but stable is not counted as drifting); T2's and T3's have p_hat = the
 * observed mean ({@code all_bs_stats}). Each reference set has J paths, as many as the sampler drew.
 *
 * <p>The outlier filter ({@link #filtered}) is applied to every path set the same way: the sampler's paths and each
 * reference set alike (issue 27). The authors filter only the model's dump (their LLM's parsed completions); filtering
 * one side only makes the two sides' statistics differ in law even for a sampler that is exactly the reference, so
 * here both go through the one filter. Differences from the authors' code: that, each T2,k gets its own interval
 * (their plot draws k = 2's for all k, arguing they are identically distributed under the property), and short paths
 * use fewer lags ({@link PathStatistics#lags}).
 */
public final class MartingaleCheck {

    private MartingaleCheck() {}

    /** The observed z_{1:n}: n i.i.d. Bernoulli(theta) symbols from the seed's {@link Rngs#OBSERVED} stream. */
    public static int[] observed(MartingaleResult.Cell cell, long seed) {
        RandomGenerator rng = Rngs.stream(seed, Rngs.OBSERVED);
        int[] z = new int[cell.n()];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextDouble() < cell.theta() ? 1 : 0;
        }
        return z;
    }

    public static MartingaleResult run(PathSampler sampler, MartingaleResult.Cell cell, int paths, int replicates,
            long seed) {
        int[] z = observed(cell, seed);
        int[][] sampled = sampler.sample(z, paths, cell.m(), Rngs.stream(seed, Rngs.PATHS));
        return evaluate(cell, z, sampled, replicates, seed);
    }

    /** The statistics and intervals of paths already sampled after {@code observed}. */
    public static MartingaleResult evaluate(MartingaleResult.Cell cell, int[] observed, int[][] sampled,
            int replicates, long seed) {
        int n = cell.n();
        int m = cell.m();
        int t3Length = n / 2; // the paper's T3 is over the first n/2 samples
        int[][] kept = filtered(sampled);
        int[][] keptT3 = filtered(PathStatistics.truncate(sampled, t3Length));
        double observedMean = mean(observed);
        double pathMean = PathStatistics.mean(kept);

        double t1 = PathStatistics.t1(kept);
        double[] t2 = PathStatistics.t2(kept);
        double t3 = PathStatistics.t3(keptT3, t3Length);

        int paths = sampled.length;
        RandomGenerator rng = Rngs.stream(seed, Rngs.REFERENCE);
        double[] refT1 = new double[replicates];
        double[][] refT2 = new double[t2.length][replicates];
        double[] refT3 = new double[replicates];
        long referenceKept = 0;
        for (int r = 0; r < replicates; r++) {
            int[][] forT1 = filtered(BetaBernoulliReference.paths(rng, n, pathMean, paths, m));
            refT1[r] = PathStatistics.t1(forT1);
            int[][] forT2 = filtered(BetaBernoulliReference.paths(rng, n, observedMean, paths, m));
            double[] t2r = PathStatistics.t2(forT2);
            for (int k = 0; k < t2.length; k++) {
                refT2[k][r] = t2r[k];
            }
            refT3[r] = PathStatistics.t3(filtered(BetaBernoulliReference.paths(rng, n, observedMean, paths, t3Length)),
                    t3Length);
            referenceKept += forT1.length + forT2.length;
        }
        List<Statistic> stats = new ArrayList<>();
        stats.add(statistic("T1", t1, refT1));
        for (int k = 0; k < t2.length; k++) {
            stats.add(statistic("T2," + (k + 2), t2[k], refT2[k]));
        }
        stats.add(statistic("T3", t3, refT3));
        return new MartingaleResult(cell, seed, paths, replicates, kept.length, keptT3.length,
                referenceKept / (2.0 * replicates), observedMean, pathMean, stats);
    }

    /**
     * The outlier filter ({@link PathStatistics#withoutOutliers}), the one every path set passes before its
     * statistics: the sampler's paths and every reference set.
     */
    static int[][] filtered(int[][] paths) {
        return PathStatistics.withoutOutliers(paths);
    }

    private static Statistic statistic(String name, double value, double[] reference) {
        return new Statistic(name, value, Interval.of95(reference), Quantiles.of(reference, 0.5));
    }

    private static double mean(int[] z) {
        double s = 0;
        for (int v : z) {
            s += v;
        }
        return s / z.length;
    }
}
