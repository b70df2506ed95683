package io.github.driftclaims.martingale;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The design claims 23 to 26 are measured on, fixed with their rules (before any model was measured): the cells,
 * J = 200 paths and K = 300 reference replicates as the issue asks (the authors use K = 300 to 600), and the
 * observed sequences per cell: seeds {@code firstSeed} .. {@code firstSeed + sequences - 1}, each drawing its own
 * z_{1:n}, paths and reference ({@link MartingaleCheck#run}).
 *
 * <p>{@link #VERIFY}: what {@code ./mvnw verify} runs on every model, n = 16 (the most that fits the toy models'
 * n_ctx of 51 with m = 2n: BOS, "Sequence", ":", 16 observed and 31 fed-back samples), m in {n/2, 2n}, theta in
 * {0.3, 0.7}, one observed sequence (seed 14), kept to one so that verify stays within its time budget.
 * {@link #full}: the grid, theta in {0.3, 0.5, 0.7} and every n in {@code ns} whose 2n continuation fits the
 * model's context (m = n/2 only, where 2n does not fit), with {@link #FULL_SEQUENCES} observed sequences per cell
 * (seeds 14 to 23, fixed 2026-12-06 before the first run with them), run by {@code -Pmartingale}.
 *
 * <p>Every statistic of every sequence of every cell counts once toward a claim's tally; chance's allowance for that
 * count comes from running the same design on a simulated null ({@link MartingaleCalibration}).
 */
public record MartingaleGrid(List<MartingaleResult.Cell> cells, int paths, int replicates, long firstSeed,
        int sequences) {

    public static final int PATHS = 200;
    public static final int REPLICATES = 300;
    public static final long SEED = 14;
    /** Observed sequences per cell in the full design (issue 27: at least 10). */
    public static final int FULL_SEQUENCES = 10;

    public static final MartingaleGrid VERIFY = new MartingaleGrid(List.of(
            new MartingaleResult.Cell(16, 8, 0.3), new MartingaleResult.Cell(16, 32, 0.3),
            new MartingaleResult.Cell(16, 8, 0.7), new MartingaleResult.Cell(16, 32, 0.7)), PATHS, REPLICATES, SEED);

    /** n for the toy models (context 51) and for attn-only-2l (the 20, 50, 100). */
    public static final List<Integer> TOY_NS = List.of(10, 12, 16);
    public static final List<Integer> ATTN_ONLY_NS = List.of(20, 50, 100);
    public static final List<Double> THETAS = List.of(0.3, 0.5, 0.7);

    /** The toy models' n_ctx and prompt length (BOS, "Sequence", ":" and n symbols, one token each). */
    static final int TOY_CONTEXT = 51;

    /** The full design on the toy models ({@link #full} at their context): what the full calibration runs. */
    public static final MartingaleGrid TOY_FULL = full(TOY_NS, n -> n + 3, TOY_CONTEXT);

    public MartingaleGrid {
        cells = List.copyOf(cells);
        if (sequences < 1) {
            throw new IllegalArgumentException("a martingale design needs at least one observed sequence per cell, not "
                    + sequences);
        }
    }

    /** One observed sequence per cell, at {@code seed}. */
    public MartingaleGrid(List<MartingaleResult.Cell> cells, int paths, int replicates, long seed) {
        this(cells, paths, replicates, seed, 1);
    }

    /** The observed sequences' seeds, in order. */
    public List<Long> seeds() {
        return LongStream.range(firstSeed, firstSeed + sequences).boxed().toList();
    }

    /** The same design with its sequences starting at {@code first}: a calibration run. */
    public MartingaleGrid startingAt(long first) {
        return new MartingaleGrid(cells, paths, replicates, first, sequences);
    }

    /**
     * The check on every cell at every seed, cell by cell and within a cell seed by seed: the one loop the claims
     * ({@link MartingaleExperiment}) and the calibration ({@link MartingaleCalibration}) both run.
     */
    public List<MartingaleResult> run(PathSampler sampler) {
        List<MartingaleResult> out = new ArrayList<>(cells.size() * sequences);
        for (MartingaleResult.Cell cell : cells) {
            for (long seed : seeds()) {
                out.add(MartingaleCheck.run(sampler, cell, paths, replicates, seed));
            }
        }
        return out;
    }

    /**
     * The full design for a model: every n, m in {n/2, 2n} and theta, keeping the cells whose prompt (its
     * length for n symbols, from {@code promptLength}) plus m - 1 fed-back samples fit {@code nCtx};
     * {@link #FULL_SEQUENCES} observed sequences per cell from seed {@link #SEED}.
     */
    public static MartingaleGrid full(List<Integer> ns, java.util.function.IntUnaryOperator promptLength, int nCtx) {
        List<MartingaleResult.Cell> cells = new ArrayList<>();
        for (int n : ns) {
            for (int m : new int[] {n / 2, 2 * n}) {
                if (m >= 5 && promptLength.applyAsInt(n) + m - 1 <= nCtx) {
                    for (double theta : THETAS) {
                        cells.add(new MartingaleResult.Cell(n, m, theta));
                    }
                }
            }
        }
        return new MartingaleGrid(cells, PATHS, REPLICATES, SEED, FULL_SEQUENCES);
    }
}
