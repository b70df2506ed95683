package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.COLLAPSE_SHARE;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_LOGIT_GAP;
import static io.github.driftclaims.verdict.Thresholds.SINGLE_HEAD_SHARE;



/**
 * Claims 28 and 29: the drift heads over all 20 orderings of 3X/3Y (zero-ablated) and under activation patching
 * (patterned into clumped). Each rule with its description ({@link #describe}).
 */
public final class PatchingRules {

    private PatchingRules() {}

    /**
     * Claim 28: the spread (max - min of P(X | {X,Y})) over all 20 orderings of 3X/3Y is material (>= {@link
     * Thresholds#MATERIAL_DRIFT}) and zero-ablating the drift heads removes at least {@link Thresholds#COLLAPSE_SHARE}
     * of it: reproduced; at least {@link Thresholds#SINGLE_HEAD_SHARE}: partly; less (or a larger spread): refuted.
     * Without material spread: not applicable. Claim 7's rule over every ordering instead of the notebook's three.
     */
    public static Finding orderingsCollapse(OrderingsMeasurements o) {
        boolean material = Materiality.material(o.spread());
        double share = Shares.removed(o.spread(), o.ablatedSpread());
        Verdict v = !material ? Verdict.NOT_APPLICABLE : Shares.collapseTier(share);
        return new Finding(Claim.ORDERINGS_COLLAPSE, v, "spread over the 20 orderings " + num(o.spread()) + " -> "
                + num(o.ablatedSpread()) + ", " + Shares.text(share, material) + " removed vs " + pct(COLLAPSE_SHARE)
                + " (partly " + pct(SINGLE_HEAD_SHARE) + ")" + Materiality.note(material));
    }

    /**
     * Claim 29: denoising the clumped run with both drift heads' hook_z from the patterned run moves its logit
     * difference by at least {@link Thresholds#COLLAPSE_SHARE} of the gap to the patterned run's: reproduced; at least
     * {@link Thresholds#SINGLE_HEAD_SHARE}: partly; else refuted. Not applicable when the gap is under {@link
     * Thresholds#MATERIAL_LOGIT_GAP} (the two orderings do not drift apart materially).
     */
    public static Finding patchingTransfers(PatchingMeasurements p) {
        boolean material = Math.abs(p.gap()) >= MATERIAL_LOGIT_GAP;
        double moved = p.normalised();
        Verdict v = !material ? Verdict.NOT_APPLICABLE : Shares.collapseTier(moved);
        return new Finding(Claim.PATCHING_TRANSFERS, v, "logit diff clumped " + num(p.ldCorrupt()) + ", patterned "
                + num(p.ldClean()) + ", clumped with the drift heads patched " + num(p.ldPatched()) + ": "
                + (material ? pct(moved) : "n/a (gap not material)") + " of the gap moved vs " + pct(COLLAPSE_SHARE)
                + " (partly " + pct(SINGLE_HEAD_SHARE) + ")" + (material ? "" : " (gap " + num(p.gap()) + " under "
                + MATERIAL_LOGIT_GAP + ": no material drift to move, not applicable)"));
    }

    /** Each rule of this family in one line of words, for the verdict matrix and the CLI ({@link Rules#describe}). */
    static String describe(Claim c) {
        return switch (c) {
            case ORDERINGS_COLLAPSE -> "spread (max - min of P(X|{X,Y})) over all 20 orderings of 3X/3Y >= "
                    + MATERIAL_DRIFT + " and zeroing the drift heads removes >= " + pct(COLLAPSE_SHARE) + " of it; partly >= "
                    + pct(SINGLE_HEAD_SHARE) + Materiality.NA;
            case PATCHING_TRANSFERS -> "clumped run, both drift heads' hook_z from the patterned run: (LD_patched - "
                    + "LD_clumped) / (LD_patterned - LD_clumped) >= " + pct(COLLAPSE_SHARE) + ", partly >= "
                    + pct(SINGLE_HEAD_SHARE) + " (LD = logit_X - logit_Y); not applicable when |gap| < "
                    + MATERIAL_LOGIT_GAP;
            default -> throw new IllegalArgumentException("claim " + c.number() + " is not in this family");
        };
    }
}
