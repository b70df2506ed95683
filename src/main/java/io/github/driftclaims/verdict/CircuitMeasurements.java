package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.CircuitDiscovery;
import io.github.driftclaims.interp.Head;
import java.util.List;

/**
 * What claim 39 reads: the circuit discovered on the head graph at one tau (interp/CircuitDiscovery) beside the
 * notebook's drift heads.
 *
 * @param tau the pruning threshold the circuit was found at
 * @param spread the full model's spread (max - min) of P(X | {X,Y}) over the 20 orderings of 3X/3Y
 * @param circuitSpread the same spread with only the circuit's edges left (every other edge mean-ablated)
 * @param circuitHeads the heads with an edge left in the circuit
 * @param driftHeads the zero sweep's top two on the notebook's three orderings
 * @param modelHeads how many heads the model has
 */
public record CircuitMeasurements(double tau, double spread, double circuitSpread, List<Head> circuitHeads,
        List<Head> driftHeads, int modelHeads) {

    public CircuitMeasurements {
        circuitHeads = List.copyOf(circuitHeads);
        driftHeads = List.copyOf(driftHeads);
    }

    /** The circuit at {@link CircuitDiscovery#HEADLINE_TAU}, beside the drift heads. */
    public static CircuitMeasurements of(CircuitDiscovery d, List<Head> driftHeads, int modelHeads) {
        CircuitDiscovery.Pruning p = d.at(CircuitDiscovery.HEADLINE_TAU);
        return new CircuitMeasurements(p.tau(), d.full().drift(), p.circuit().drift(), p.heads(), driftHeads, modelHeads);
    }

    /** The circuit's spread over the full model's. */
    public double faithfulness() {
        return spread == 0 ? Double.NaN : circuitSpread / spread;
    }
}
