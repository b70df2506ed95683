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
    public static final PowerPlan MANY_SEQUENCES_POWER = new PowerPlan(List.of(0.505, 0.51), 20);

    public static PowerPlan powerPlan(MartingaleGrid grid) {
        return grid.sequences() == 1 ? ONE_SEQUENCE_POWER : MANY_SEQUENCES_POWER;
    }

    private MartingaleCalibration() {}

    /** The null run: the {@link PolyaUrnSampler} over {@link #NULL_RUNS} runs of the design. */
    public static Counts nullCounts(MartingaleGrid grid) {
        return run(new PolyaUrnSampler(), grid, NULL_FIRST_SEED, NULL_RUNS);
    }

    /** The power run at one stay probability. */
    public static Counts powerCounts(MartingaleGrid grid, double stay) {
        return run(new SwitchChainSampler(stay), grid, POWER_FIRST_SEED, powerPlan(grid).runs());
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
