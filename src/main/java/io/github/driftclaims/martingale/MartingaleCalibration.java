package io.github.driftclaims.martingale;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Calibrates claims 23 to 25's count rule by simulation: runs a sampler whose answer is known through the same
 * pipeline as a model ({@link MartingaleCheck#run} on every cell of a grid, with the grid's J and K, every cell at
 * one seed as the claims run them) and counts, per seed, the statistics outside their 95% intervals, as the
 * rules do ({@link Statistic#inside()}, T1 and T2,k apart from T3).
 *
 * <p>Why not Binomial(N, 0.05): the T2,k of a cell share their rho_1, the cells at one theta share their observed
 * z_{1:n} (one seed, the same n), only the sampler's paths are outlier-filtered and T1's reference is matched to
 * the kept paths' mean, so the N statistics are neither independent nor exactly at 95% coverage. Under the
 * {@link PolyaUrnSampler} (exchangeable: the martingale null) the count's 95% quantile is the number of
 * violations chance allows; a {@link SwitchChainSampler} gives the power at that threshold.
 */
public final class MartingaleCalibration {

    /** The share of null runs a threshold must cover: the rule's false-alarm rate is at most 1 - this. */
    public static final double LEVEL = 0.95;

    /** The null's seeds: {@link #NULL_FIRST_SEED} onwards, apart from the claims' seed 14. */
    public static final long NULL_FIRST_SEED = 1000;
    public static final int NULL_SEEDS = 200;
    /**
     * The switch chains' stay probabilities for the power, and their seeds (the same seeds for each). First run
     * with 0.55 and 0.6 alone: both gave power 1 at either threshold, so 0.51 to 0.53 were added to show where it
     * falls off (the power does not set the threshold; the null alone does).
     */
    public static final List<Double> POWER_STAYS = List.of(0.51, 0.52, 0.53, 0.55, 0.6);
    public static final long POWER_FIRST_SEED = 2000;
    public static final int POWER_SEEDS = 50;

    private MartingaleCalibration() {}

    /** The null run: the {@link PolyaUrnSampler} over {@link #NULL_SEEDS} seeds. */
    public static Counts nullCounts(MartingaleGrid grid) {
        return run(new PolyaUrnSampler(), grid, NULL_FIRST_SEED, NULL_SEEDS);
    }

    /** The power run at one stay probability. */
    public static Counts powerCounts(MartingaleGrid grid, double stay) {
        return run(new SwitchChainSampler(stay), grid, POWER_FIRST_SEED, POWER_SEEDS);
    }

    /**
     * Per seed, the statistics outside their intervals over the grid.
     *
     * @param martingale T1 and T2,k, one per seed
     * @param t3 T3, one per seed
     * @param tests how many T1/T2,k statistics (and T3s) one run of the grid has
     */
    public record Counts(long firstSeed, List<Integer> martingale, List<Integer> t3, int tests, int t3Tests) {

        public Counts {
            martingale = List.copyOf(martingale);
            t3 = List.copyOf(t3);
        }

        public int seeds() {
            return martingale.size();
        }
    }

    /** Seeds {@code firstSeed} .. {@code firstSeed + seeds - 1}; each seed's result depends on that seed alone. */
    public static Counts run(PathSampler sampler, MartingaleGrid grid, long firstSeed, int seeds) {
        int[][] perSeed = IntStream.range(0, seeds).parallel()
                .mapToObj(i -> outside(sampler, grid, firstSeed + i)).toArray(int[][]::new);
        return new Counts(firstSeed, IntStream.range(0, seeds).mapToObj(i -> perSeed[i][0]).toList(),
                IntStream.range(0, seeds).mapToObj(i -> perSeed[i][1]).toList(), perSeed[0][2], perSeed[0][3]);
    }

    /** {T1/T2,k outside, T3 outside, T1/T2,k in all, T3 in all} over the grid at one seed. */
    public static int[] outside(PathSampler sampler, MartingaleGrid grid, long seed) {
        int[] out = new int[4];
        for (MartingaleResult.Cell cell : grid.cells()) {
            for (Statistic s : MartingaleCheck.run(sampler, cell, grid.paths(), grid.replicates(), seed).statistics()) {
                int family = s.martingale() ? 0 : 1;
                out[family] += s.inside() ? 0 : 1;
                out[2 + family]++;
            }
        }
        return out;
    }

    /** The smallest c with at least {@link #LEVEL} of the counts <= c: the calibrated "chance allows c". */
    public static int quantile(List<Integer> counts) {
        int[] sorted = counts.stream().mapToInt(Integer::intValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a quantile of no counts");
        }
        for (int c = 0; ; c++) {
            int covered = 0;
            for (int v : sorted) {
                covered += v <= c ? 1 : 0;
            }
            if (covered >= LEVEL * sorted.length) {
                return c;
            }
        }
    }

    /** The share of counts above {@code allowed}: a false-alarm rate under the null, the power otherwise. */
    public static double exceeding(List<Integer> counts, int allowed) {
        return counts.stream().filter(c -> c > allowed).count() / (double) counts.size();
    }

    /** How many counts equal each value 0 .. max. */
    public static int[] histogram(List<Integer> counts) {
        int[] h = new int[counts.stream().mapToInt(Integer::intValue).max().orElse(0) + 1];
        counts.forEach(c -> h[c]++);
        return h;
    }
}
