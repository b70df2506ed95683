package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.util.List;

/**
 * Claim 10's causal check, K-composition: an induction head finds "the token after the previous
 * occurrence" through a previous-token head's output in its keys. Zero-ablating the previous-token
 * candidate at {@code hook_z} should then take the induction candidate's induction score down.
 *
 * @param previousToken the candidate in the first layer
 * @param induction the candidate in the last layer
 * @param before the induction candidate's induction score
 * @param after the same score with the previous-token candidate zero-ablated
 */
public record Composition(Head previousToken, Head induction, double before, double after) {

    /** Share of the induction score that ablating the previous-token head removes. */
    public double drop() {
        return before == 0 ? 0 : (before - after) / before;
    }

    /**
     * Measured when the heads are one first-layer and one last-layer head, the shape of the circuit;
     * otherwise there is no composition to test and the result is null.
     */
    public static Composition measure(HookedTransformer model, List<Head> heads, ScorePool pool, HeadScores scores) {
        int last = model.config().nLayers() - 1;
        Head first = heads.stream().filter(h -> h.layer() == 0).findFirst().orElse(null);
        Head end = heads.stream().filter(h -> h.layer() == last).findFirst().orElse(null);
        if (first == null || end == null || last == 0) {
            return null;
        }
        HeadScores ablated = HeadScores.measure(model, pool.ids(), scores.length(), scores.batch(), scores.seed(), true,
                Ablation.zeroHeads(model.config(), List.of(first)));
        return new Composition(first, end, scores.induction(end), ablated.induction(end));
    }
}
