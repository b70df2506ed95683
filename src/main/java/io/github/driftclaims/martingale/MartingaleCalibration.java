package io.github.driftclaims.martingale;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Calibrates claims 23 to 25's count rule by simulation: runs a sampler whose answer is known through the same
 * pipeline as a model ({@link MartingaleGrid#run}: {@link MartingaleCheck#run} on every cell at every one of the
 * design's observed sequences, with its J and K, as the claims run them) and counts, per run of the design, the
 * statistics outside their 95% intervals, as the rules do ({@link Statistic#inside()}, T1 and T2,k apart from T3,
 * pooled over cells and sequences).
 *
 * <p>Why not Binomial(N, 0.05): the T2,k of a cell share their rho_1, the cells at one (n, theta) share their
 * observed z_{1:n} (the same seed, the same n) and T1's reference is matched to the kept paths' mean, so the N
 * statistics are neither independent nor exactly at 95% coverage. Under the {@link PolyaUrnSampler} (exchangeable:
 * the martingale null) the count's 95% quantile is the number of violations chance allows; a
 * {@link SwitchChainSampler} gives the power at that threshold.
 *
 * <p>Run r of a design with s sequences per cell uses the seeds {@code first + r s} .. {@code first + r s + s - 1}
 * ({@link MartingaleGrid#startingAt}), so runs share no seed; the claims' seeds (14 onwards) are not among them.
 * A run's count is the sum of its sequences' counts, and sequences at different seeds are independent, so the
 * calibration simulates sequences one at a time ({@link #perSequence}): consecutive groups of s are exactly the
 * design's runs ({@link Counts#grouped}). Where fewer than {@link #NULL_RUNS} whole runs were simulated (the full
 * design: 200 runs are 2000 sequences of 18 cells, hours on the shared 2-core machine) the run count's distribution
 * is the s-fold convolution of the simulated sequences' ({@link #convolved}: resampling whole sequences, which
 * uses the independence and nothing else), and the threshold is its 95% quantile ({@link #threshold}).
 */
public final class MartingaleCalibration {

    /** The share of null runs a threshold must cover: the rule's false-alarm rate is at most 1 - this. */
    public static final double LEVEL = 0.95;

    /** The null's first seed and its runs of the design (issue 27: at least 200). */
    public static final long NULL_FIRST_SEED = 1000;
    public static final int NULL_RUNS = 200;
    /**
     * The power runs' first seed: above every null seed of every design (200 runs of 10 sequences end at 2999).
     */
    public static final long POWER_FIRST_SEED = 100_000;

    /**
     * Which switch chains a design's power is measured on, and how many runs each (the same seeds for each stay).
     * The power does not set the threshold; the null alone does.
     */
    public record PowerPlan(List<Double> stays, int runs) {

        public PowerPlan {
            stays = List.copyOf(stays);
        }
    }

    /**
     * One observed sequence per cell (the verify design): stays 0.51 to 0.6, 50 runs each. The first calibration ran
     * 0.55 and 0.6 alone: both gave power 1, so 0.51 to 0.53 were added to show where it falls off.
     */
    public static final PowerPlan ONE_SEQUENCE_POWER = new PowerPlan(List.of(0.51, 0.52, 0.53, 0.55, 0.6), 50);

    /**
     * Several sequences per cell (the full design, 10 sequences of 18 cells: about 15 s a run on one core here): only
     * the weak chains, 0.505 and 0.51, 20 runs each, where the one-sequence design's power was below 1 (42% at 0.51).
     */
    public static final PowerPlan MANY_SEQUENCES_POWER = new PowerPlan(List.of(0.505, 0.51), 5);

    /**
     * Sequences the null simulates for a design with several per cell: 200 (the "at least 200 seeds per
     * cell"), 20 whole runs of the full design, so its threshold comes from the convolution. Set to 200 times the
     * design's sequences to have it from 200 whole runs instead (about an hour of a quiet core for the toy full design).
     */
    public static final int MANY_SEQUENCES_NULL_SEQUENCES = 200;

    public static PowerPlan powerPlan(MartingaleGrid grid) {
        return grid.sequences() == 1 ? ONE_SEQUENCE_POWER : MANY_SEQUENCES_POWER;
    }

    private MartingaleCalibration() {}

    /**
     * The null: the {@link PolyaUrnSampler}, sequence by sequence, over {@link #NULL_RUNS} runs of a one-sequence
     * design and {@link #MANY_SEQUENCES_NULL_SEQUENCES} sequences of a design with several.
     */
    public static Counts nullCounts(MartingaleGrid grid) {
        return perSequence(new PolyaUrnSampler(), grid, NULL_FIRST_SEED,
                grid.sequences() == 1 ? NULL_RUNS : MANY_SEQUENCES_NULL_SEQUENCES);
    }

    /** The power run at one stay probability: {@link PowerPlan#runs} whole runs of the design, sequence by sequence. */
    public static Counts powerCounts(MartingaleGrid grid, double stay) {
        return perSequence(new SwitchChainSampler(stay), grid, POWER_FIRST_SEED, powerPlan(grid).runs() * grid.sequences());
    }

    /**
     * {@code count} sequences from {@code firstSeed}, each a one-sequence run of the design's cells: the same
     * {@link MartingaleGrid#run} at one seed.
     */
    public static Counts perSequence(PathSampler sampler, MartingaleGrid grid, long firstSeed, int count) {
        MartingaleGrid one = new MartingaleGrid(grid.cells(), grid.paths(), grid.replicates(), firstSeed, 1);
        return run(sampler, one, firstSeed, count);
    }

    /**
     * Per run of the design, the statistics outside their intervals.
     *
     * @param martingale T1 and T2,k, one per run
     * @param t3 T3, one per run
     * @param tests how many T1/T2,k statistics (and T3s) one run of the design has
     * @param sequences observed sequences per cell in each run
     */
    public record Counts(long firstSeed, int sequences, List<Integer> martingale, List<Integer> t3, int tests,
            int t3Tests) {

        public Counts {
            martingale = List.copyOf(martingale);
            t3 = List.copyOf(t3);
        }

        public int runs() {
            return martingale.size();
        }

        /**
         * Consecutive groups of {@code sequences} of these one-sequence counts summed: the runs of the design with
         * that many sequences per cell from the same first seed (whole groups only).
         */
        public Counts grouped(int sequences) {
            if (this.sequences != 1) {
                throw new IllegalArgumentException("only one-sequence counts can be grouped, not " + this.sequences);
            }
            return new Counts(firstSeed, sequences, sums(martingale, sequences), sums(t3, sequences),
                    tests * sequences, t3Tests * sequences);
        }

        private static List<Integer> sums(List<Integer> counts, int group) {
            return IntStream.range(0, counts.size() / group)
                    .mapToObj(r -> counts.subList(r * group, r * group + group).stream().mapToInt(Integer::intValue).sum())
                    .toList();
        }
    }

    /**
     * How a design's threshold was set: from whole runs (at least {@link #NULL_RUNS}) or from the convolution of
     * single sequences.
     *
     * @param falseAlarm the share of null runs above {@code allowed} (whole runs) or its probability under the
     *     convolution
     */
    public record Threshold(int allowed, double falseAlarm, boolean fromWholeRuns) {}

    /** The threshold for a design with {@code sequences} per cell from one-sequence null counts (the rule above). */
    public static Threshold threshold(List<Integer> perSequence, int sequences) {
        if (perSequence.size() / sequences >= NULL_RUNS) {
            List<Integer> runs = new Counts(0, 1, perSequence, perSequence, 0, 0).grouped(sequences).martingale();
            int c = quantile(runs);
            return new Threshold(c, exceeding(runs, c), true);
        }
        double[] pmf = convolved(perSequence, sequences);
        int c = quantile(pmf);
        return new Threshold(c, exceeding(pmf, c), false);
    }

    /** The probabilities of 0, 1, ... for the sum of {@code sequences} independent draws from the counts' histogram. */
    public static double[] convolved(List<Integer> perSequence, int sequences) {
        int[] h = histogram(perSequence);
        double[] one = new double[h.length];
        for (int c = 0; c < h.length; c++) {
            one[c] = h[c] / (double) perSequence.size();
        }
        double[] sum = {1};
        for (int i = 0; i < sequences; i++) {
            double[] next = new double[sum.length + one.length - 1];
            for (int a = 0; a < sum.length; a++) {
                for (int b = 0; b < one.length; b++) {
                    next[a + b] += sum[a] * one[b];
                }
            }
            sum = next;
        }
        return sum;
    }

    /** The smallest c with P(count <= c) >= {@link #LEVEL} under {@code pmf} (1e-12 absorbs rounding in the sums). */
    public static int quantile(double[] pmf) {
        double cdf = 0;
        for (int c = 0; c < pmf.length; c++) {
            cdf += pmf[c];
            if (cdf >= LEVEL - 1e-12) {
                return c;
            }
        }
        return pmf.length - 1;
    }

    /** P(count > c) under {@code pmf}. */
    public static double exceeding(double[] pmf, int c) {
        double above = 0;
        for (int v = c + 1; v < pmf.length; v++) {
            above += pmf[v];
        }
        return above;
    }

    /** Runs 0 .. runs - 1 from {@code firstSeed}; each run's result depends on its own seeds alone. */
    public static Counts run(PathSampler sampler, MartingaleGrid grid, long firstSeed, int runs) {
        int[][] perRun = IntStream.range(0, runs).parallel()
                .mapToObj(r -> outside(sampler, grid.startingAt(firstSeed + (long) r * grid.sequences())))
                .toArray(int[][]::new);
        return new Counts(firstSeed, grid.sequences(), IntStream.range(0, runs).mapToObj(i -> perRun[i][0]).toList(),
                IntStream.range(0, runs).mapToObj(i -> perRun[i][1]).toList(), perRun[0][2], perRun[0][3]);
    }

    /** {T1/T2,k outside, T3 outside, T1/T2,k in all, T3 in all} over one run of the design, at its own seeds. */
    public static int[] outside(PathSampler sampler, MartingaleGrid design) {
        int[] out = new int[4];
        for (MartingaleResult r : design.run(sampler)) {
            for (Statistic s : r.statistics()) {
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
