package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.util.List;

/**
 * Drift over every ordering of 3 X and 3 Y ({@link Stimulus#allOrderingsOf3X3Y}, the mean and resample ablations'
 * reference set) instead of the notebook's three, or of another count ({@link #LATER_COUNTS}): per ordering P(X | {X,Y}) and logit_X - logit_Y, as the model is
 * and with the drift heads zero-ablated at hook_z. Both settings are one batched forward ({@link
 * DriftProbe#evaluateAll}).
 *
 * @param heads the heads ablated (the zero-ablation sweep's top two)
 * @param baseline the 20 orderings as the model is; its drift is the spread, max - min of P(X | {X,Y})
 * @param ablated the same orderings with {@code heads} zeroed
 */
public record OrderingsDrift(List<Head> heads, DriftResult baseline, DriftResult ablated) {

    public OrderingsDrift {
        heads = List.copyOf(heads);
    }

    public static OrderingsDrift measure(HookedTransformer model, List<Head> heads) {
        return measure(model, heads, Stimulus.allOrderingsOf3X3Y());
    }

    private static OrderingsDrift measure(HookedTransformer model, List<Head> heads, List<Stimulus> orderings) {
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("the drift over every ordering is measured with heads to ablate; none given");
        }
        List<DriftResult> r = new DriftProbe(model, orderings).evaluateAll(List.of(List.of(), heads));
        return new OrderingsDrift(heads, r.get(0), r.get(1));
    }

    /** A count of X and Y, "4X/1Y". */
    public record Count(int nX, int nY) {

        @Override
        public String toString() {
            return nX + "X/" + nY + "Y";
        }
    }

    /**
     * The counts of the notebook's later cells with more than one ordering ({@link LaterCells}): 4X/1Y (claim 14's 5
     * orderings) and the evidence sweep's n_X = 1 to 9 of 10 draws (LaterCells samples 10 orderings of each; here
     * every one, 10 to 252).
     */
    public static final List<Count> LATER_COUNTS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(new Count(4, 1)), java.util.stream.IntStream.range(1, LaterCells.SWEEP_DRAWS)
                    .mapToObj(nX -> new Count(nX, LaterCells.SWEEP_DRAWS - nX))).toList();

    /** Every ordering of one count ({@link Stimulus#allOrderings}), as the model is and with {@code heads} zeroed. */
    public static OrderingsDrift measure(HookedTransformer model, List<Head> heads, Count count) {
        return measure(model, heads, Stimulus.allOrderings(count.nX(), count.nY()));
    }

    /** The count of the orderings measured, from the first row. */
    public Count count() {
        Readout first = baseline.rows().get(0);
        return new Count(first.nX(), first.nY());
    }
}
