package io.github.driftclaims.martingale;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells claims 23 to 26 are measured on, fixed with their rules (before any model was measured). J = 200
 * paths and K = 300 reference replicates as the issue asks (the authors use K = 300 to 600); one seed.
 *
 * <p>{@link #VERIFY}: what {@code ./mvnw verify} runs on every model, n = 16 (the most that fits the toy models'
 * n_ctx of 51 with m = 2n: BOS, "Sequence", ":", 16 observed and 31 fed-back samples), m in {n/2, 2n}, theta in
 * {0.3, 0.7}. {@link #full}: the grid, theta in {0.3, 0.5, 0.7} and every n in {@code ns} whose 2n
 * continuation fits the model's context (m = n/2 only, where 2n does not fit), run by {@code -Pmartingale}.
 */
public record MartingaleGrid(List<MartingaleResult.Cell> cells, int paths, int replicates, long seed) {

    public static final int PATHS = 200;
    public static final int REPLICATES = 300;
    public static final long SEED = 14;

    public static final MartingaleGrid VERIFY = new MartingaleGrid(List.of(
            new MartingaleResult.Cell(16, 8, 0.3), new MartingaleResult.Cell(16, 32, 0.3),
            new MartingaleResult.Cell(16, 8, 0.7), new MartingaleResult.Cell(16, 32, 0.7)), PATHS, REPLICATES, SEED);

    /** n for the toy models (context 51) and for attn-only-2l (the 20, 50, 100). */
    public static final List<Integer> TOY_NS = List.of(10, 12, 16);
    public static final List<Integer> ATTN_ONLY_NS = List.of(20, 50, 100);
    public static final List<Double> THETAS = List.of(0.3, 0.5, 0.7);

    public MartingaleGrid {
        cells = List.copyOf(cells);
    }

    /**
     * The full grid for a model: every n, m in {n/2, 2n} and theta, keeping the cells whose prompt (its
     * length for n symbols, from {@code promptLength}) plus m - 1 fed-back samples fit {@code nCtx}.
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
        return new MartingaleGrid(cells, PATHS, REPLICATES, SEED);
    }
}
