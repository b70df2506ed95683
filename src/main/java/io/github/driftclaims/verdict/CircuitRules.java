package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.finding;
import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.COLLAPSE_SHARE;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;

import io.github.driftclaims.interp.CircuitDiscovery;
import io.github.driftclaims.interp.Head;
import java.util.List;

/**
 * Claim 39 (issue 28): does an automatic search confirm the notebook's drift heads? ACDC-style pruning of the head graph
 * (interp/CircuitDiscovery) keeps the edges whose removal moves the output; the claim is that the circuit it keeps
 * contains both drift heads, is small (at most {@link #HEAD_SHARE} of the model's heads) and reproduces the drift: its
 * spread of P(X | {X,Y}) over the 20 orderings of 3X/3Y within {@code 1 - COLLAPSE_SHARE} of the full model's (a
 * faithfulness of 0.8 to 1.2). Committed before any circuit was measured; not to be changed to move a verdict.
 *
 * <p>Reproduced: both drift heads in the circuit, small and faithful. Partly: both in it, but the circuit is larger or
 * its spread is not the model's (the drift heads are part of the mechanism, not all of it). Refuted: a drift head is
 * not in it. Not applicable when the full spread over the 20 orderings is not material.
 */
public final class CircuitRules {

    /** The circuit counts as small with at most this share of the model's heads: a pair of 2 x 2, 8 of 2 x 8. */
    public static final double HEAD_SHARE = 0.5;

    private CircuitRules() {}

    public static Finding discoveredCircuit(CircuitMeasurements m) {
        Claim c = Claim.DISCOVERED_CIRCUIT;
        boolean material = Materiality.material(m.spread());
        List<Head> missing = m.driftHeads().stream().filter(h -> !m.circuitHeads().contains(h)).toList();
        boolean contains = missing.isEmpty() && !m.driftHeads().isEmpty();
        double allowed = HEAD_SHARE * m.modelHeads();
        boolean small = m.circuitHeads().size() <= allowed;
        double f = m.faithfulness();
        double off = Math.abs(f - 1);
        boolean faithful = off <= 1 - COLLAPSE_SHARE;
        Verdict v = !material ? Verdict.NOT_APPLICABLE : !contains ? Verdict.REFUTED
                : small && faithful ? Verdict.REPRODUCED : Verdict.PARTLY;
        String reason = "circuit at tau " + m.tau() + ": " + m.circuitHeads().size() + " of " + m.modelHeads()
                + " heads " + m.circuitHeads() + " (small: at most " + (int) Math.floor(allowed) + "), drift heads " + m.driftHeads()
                + (contains ? " both in it" : " missing " + missing) + "; spread over the 20 orderings " + num(m.spread())
                + " full, " + num(m.circuitSpread()) + " circuit alone: faithfulness " + pct(f) + " vs "
                + pct(COLLAPSE_SHARE) + " to " + pct(2 - COLLAPSE_SHARE)
                + (material ? "" : " (spread not material: no drift to find a circuit for, not applicable)");
        // The head sets are exact (a head is in or out); the lines with a distance are the spread's materiality and,
        // where it decides between reproduced and partly, the faithfulness.
        double numerical = Uncertainty.ratio(m.circuitSpread(), m.spread(), Uncertainty.drift(), Uncertainty.drift());
        return finding(c, v, reason,
                Materiality.line("spread over the 20 orderings", m.spread(), null),
                material && contains && small ? new Margin("|faithfulness - 1|", off, 1 - COLLAPSE_SHARE, numerical,
                        null) : null);
    }

    public static String describe() {
        return "spread of P(X|{X,Y}) over the 20 orderings of 3X/3Y >= " + MATERIAL_DRIFT + "; the circuit ACDC-style "
                + "pruning keeps at tau " + CircuitDiscovery.HEADLINE_TAU + " (mean ablation, distance to the full model) contains both drift heads, has "
                + "at most " + pct(HEAD_SHARE) + " of the heads and a faithfulness (its spread / the model's) within "
                + pct(1 - COLLAPSE_SHARE) + " of 1; partly with both drift heads but larger or unfaithful; refuted "
                + "without one" + "; not applicable without material spread";
    }
}
