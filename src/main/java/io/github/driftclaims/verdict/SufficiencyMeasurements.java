package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.Sufficiency;
import java.util.List;

/**
 * What claim 37 reads: spreads (max - min of P(X | {X,Y})) over the 20 orderings of 3X/3Y, every ablation a mean
 * ablation at hook_z ({@link Sufficiency}).
 *
 * @param full the model as it is
 * @param floor every head mean-ablated (what no head carries)
 * @param alone every head but the drift heads mean-ablated
 */
public record SufficiencyMeasurements(List<Head> driftHeads, double full, double floor, double alone) {

    public SufficiencyMeasurements {
        driftHeads = List.copyOf(driftHeads);
    }

    /** The drift heads' candidate of a sufficiency table (it must have been measured among the candidates). */
    public static SufficiencyMeasurements of(Sufficiency s, List<Head> driftHeads) {
        Sufficiency.Candidate c = s.candidates().stream().filter(x -> x.heads().equals(driftHeads)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the sufficiency table has no candidate " + driftHeads));
        return new SufficiencyMeasurements(driftHeads, s.full().drift(), s.floor().drift(), c.alone().drift());
    }

    /** The circuit-alone spread as a share of the full model's. */
    public double faithfulness() {
        return alone / full;
    }

    /** How much more spread the drift heads carry than no head at all. */
    public double aboveFloor() {
        return alone - floor;
    }
}
