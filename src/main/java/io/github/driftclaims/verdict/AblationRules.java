package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.at;
import static io.github.driftclaims.verdict.Rules.finding;
import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.ATTRIBUTION_RANK;
import static io.github.driftclaims.verdict.Thresholds.COLLAPSE_SHARE;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;
import static io.github.driftclaims.verdict.Thresholds.PAIR_TOLERANCE;

import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.interp.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Claims 17 to 22 (issue 15): do the drift heads depend on the ablation kind, is the greedy pair the best pair under
 * each kind, and do the drift heads differ most in direct logit attribution ({@link AblationMeasurements}). Each rule
 * with its description ({@link #describe}).
 */
public final class AblationRules {

    private AblationRules() {}

    /** Claims 17 to 22 (ablation kinds, exhaustive pairs, direct logit attribution), in claim order. */
    public static List<Finding> all(AblationMeasurements a) {
        return List.of(sameHeads(a, AblationKind.Id.MEAN), sameHeads(a, AblationKind.Id.RESAMPLE),
                bestPair(a, AblationKind.Id.ZERO), bestPair(a, AblationKind.Id.MEAN), bestPair(a, AblationKind.Id.RESAMPLE), attributionDiffers(a));
    }

    /**
     * Claims 17 (mean) and 18 (resample): with material drift, the kind's own sweep top two are the zero-ablation
     * top two (as a set) and ablating them that way removes >= 80% of the drift: reproduced. Partly when the set is
     * the same but does not collapse the drift that way, or when the sets share one head and the kind's top two
     * collapse it. Refuted otherwise; without material drift there are no drift heads to find: not applicable.
     */
    public static Finding sameHeads(AblationMeasurements a, AblationKind.Id kind) {
        Claim c = Claim.sameHeads(kind);
        AblationMeasurements.Sweep s = a.sweeps().get(kind);
        if (s == null) {
            return Finding.undetermined(c, "needs the sweep under " + kind.text() + " ablation, which needs the weights");
        }
        boolean material = Materiality.material(a.drift());
        Set<Head> zero = Set.copyOf(a.zeroTop2());
        long shared = s.top2().stream().filter(zero::contains).count();
        boolean same = shared == zero.size() && s.top2().size() == zero.size();
        double share = Shares.removed(a.drift(), s.top2Drift());
        boolean collapses = share >= COLLAPSE_SHARE;
        Verdict v = !material ? Verdict.NOT_APPLICABLE : same && collapses ? Verdict.REPRODUCED
                : same || (shared > 0 && collapses) ? Verdict.PARTLY : Verdict.REFUTED;
        // The share's line changes the verdict unless the sets are disjoint (then refuted whatever the share).
        return finding(c, v, kind.text() + " ablation (" + s.reference() + "): top two " + s.top2() + " vs zero's "
                + a.zeroTop2() + " (" + (same ? "the same set" : shared > 0 ? shared + " shared" : "disjoint")
                + "); ablating them " + kind.text() + " leaves drift " + num(s.top2Drift()) + " of " + num(a.drift()) + ", "
                + Shares.text(share, material) + " removed vs " + pct(COLLAPSE_SHARE) + Materiality.note(material),
                Materiality.line(a.drift(), null), material && shared > 0 ? Shares.line(kind.text() + " top two's share", a.drift(),
                        s.top2Drift(), COLLAPSE_SHARE, null) : null);
    }

    /**
     * Claims 19 (zero), 20 (mean), 21 (resample): with material drift, the kind's greedy top two (its sweep's first
     * two) leave a drift within 0.005 of the lowest any pair leaves (exhaustive search): reproduced; a better pair
     * exists beyond that but the greedy pair still removes >= 80% of the drift: partly; else refuted. Without
     * material drift: not applicable.
     */
    public static Finding bestPair(AblationMeasurements a, AblationKind.Id kind) {
        Claim c = Claim.bestPair(kind);
        AblationMeasurements.Pairs p = a.pairs().get(kind);
        if (p == null) {
            return Finding.undetermined(c, "needs every pair ablated " + kind.text() + ", which needs the weights");
        }
        boolean material = Materiality.material(a.drift());
        double gap = p.greedyDrift() - p.bestDrift();
        double share = Shares.removed(a.drift(), p.greedyDrift());
        Verdict v = !material ? Verdict.NOT_APPLICABLE : gap <= PAIR_TOLERANCE ? Verdict.REPRODUCED
                : share >= COLLAPSE_SHARE ? Verdict.PARTLY : Verdict.REFUTED;
        return finding(c, v, kind.text() + " ablation: greedy pair " + p.greedy() + " leaves drift " + num(p.greedyDrift())
                + " (rank " + p.greedyRank() + " of " + p.count() + " pairs, " + Shares.text(share, material) + " removed), best pair "
                + p.best() + " leaves " + num(p.bestDrift()) + "; gap " + num(gap) + " vs tolerance " + PAIR_TOLERANCE
                + Materiality.note(material), Materiality.line(a.drift(), null),
                material ? at("pair gap", gap, PAIR_TOLERANCE, Uncertainty.difference(Uncertainty.drift(),
                        Uncertainty.drift()), null) : null,
                material && gap > PAIR_TOLERANCE ? Shares.line("greedy pair's share", a.drift(), p.greedyDrift(),
                        COLLAPSE_SHARE, null) : null);
    }

    /**
     * Claim 22: with material drift, both drift heads (the zero sweep's top two) are ranked 1 and 2 by the spread
     * across the notebook's orderings of their direct logit attribution to logit_X - logit_Y: reproduced; one of
     * them: partly; neither: refuted; no material drift: not applicable.
     */
    public static Finding attributionDiffers(AblationMeasurements a) {
        AblationMeasurements.Attribution t = a.attribution();
        if (t == null) {
            return Finding.undetermined(Claim.ATTRIBUTION_DIFFERS, "needs the per-head attribution, which needs the "
                    + "weights");
        }
        boolean material = Materiality.material(a.drift());
        List<String> ranks = new ArrayList<>();
        int within = 0;
        for (Head h : a.zeroTop2()) {
            int r = t.rank(h);
            within += r >= 1 && r <= ATTRIBUTION_RANK ? 1 : 0;
            ranks.add(h + " #" + r + (r >= 1 ? " (" + num(t.spreads().get(r - 1)) + ")" : ""));
        }
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(ATTRIBUTION_RANK, t.bySpread().size()); i++) {
            top.add(t.bySpread().get(i) + " " + num(t.spreads().get(i)));
        }
        Verdict v = !material ? Verdict.NOT_APPLICABLE : within == a.zeroTop2().size() && within > 0 ? Verdict.REPRODUCED
                : within > 0 ? Verdict.PARTLY : Verdict.REFUTED;
        // Ranks are exact comparisons: the drift gate is the only line with a distance.
        return finding(Claim.ATTRIBUTION_DIFFERS, v, "spread over orderings of the direct attribution to "
                + "logit_X - logit_Y: drift heads " + ranks + "; ranked first: " + top + " vs rank <= "
                + ATTRIBUTION_RANK + Materiality.note(material), Materiality.line(a.drift(), null));
    }

    /** Each rule of this family in one line of words, for the verdict matrix and the CLI ({@link Rules#describe}). */
    static String describe(Claim c) {
        return switch (c) {
            case SAME_HEADS_MEAN, SAME_HEADS_RESAMPLE -> "drift >= " + MATERIAL_DRIFT + ", the " + (c == Claim.SAME_HEADS_MEAN
                    ? "mean" : "resample") + "-ablation sweep's top two are the zero sweep's (as a set) and ablating them "
                    + "that way removes >= " + pct(COLLAPSE_SHARE) + " of the drift; partly with the same set only, or "
                    + "one head shared and the collapse" + Materiality.NA;
            case BEST_PAIR_ZERO, BEST_PAIR_MEAN, BEST_PAIR_RESAMPLE -> "drift >= " + MATERIAL_DRIFT + " and the greedy "
                    + "top two leave a drift within " + PAIR_TOLERANCE + " of the best of all n(n-1)/2 pairs; partly "
                    + "when a better pair exists but the greedy pair still removes >= " + pct(COLLAPSE_SHARE) + Materiality.NA;
            case ATTRIBUTION_DIFFERS -> "drift >= " + MATERIAL_DRIFT + " and both drift heads rank <= " + ATTRIBUTION_RANK
                    + " by the spread (max - min over the three orderings) of their direct logit attribution to "
                    + "logit_X - logit_Y at the last position through the final LayerNorm scale; partly with one" + Materiality.NA;
            default -> throw new IllegalArgumentException("claim " + c.number() + " is not in this family");
        };
    }
}
