package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.OrderingsDrift;

/**
 * What claim 28 reads: the spread (max - min) of P(X | {X,Y}) over all 20 orderings of 3 X and 3 Y, as the model is
 * and with the drift heads (the zero-ablation sweep's top two) zero-ablated at hook_z.
 *
 * @param spread baseline spread
 * @param ablatedSpread spread with the drift heads ablated
 */
public record OrderingsMeasurements(double spread, double ablatedSpread) {

    public static OrderingsMeasurements of(OrderingsDrift d) {
        return new OrderingsMeasurements(d.baseline().drift(), d.ablated().drift());
    }
}
