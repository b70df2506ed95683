package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.finding;
import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.KEY_LEAD;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_LOGIT_GAP;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_PATH_SHARE;
import static io.github.driftclaims.verdict.Thresholds.PARTLY_SUFFICIENT_SHARE;
import static io.github.driftclaims.verdict.Thresholds.SUFFICIENT_SHARE;

import io.github.driftclaims.interp.PathPatching.Input;
import io.github.driftclaims.verdict.PathMeasurements.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Claims 36 and 37 (issue 28): which composition carries the drift (path patching) and whether the drift heads alone
 * carry most of it (sufficiency). Pre-registered: committed before either rule was applied to any model, and not to be
 * changed to move a verdict. The shipped models' tables had been seen before (FINDINGS.md), so on them the verdicts are
 * post hoc; the ensemble members test the rules on models never measured with them.
 */
public final class CausalRules {

    private CausalRules() {}

    /** The inputs a receiver path goes through, in the order the reasons list them. */
    private static final List<Input> INPUTS = Input.RECEIVER;

    /**
     * Claim 36, on the paths from every earlier-layer head into the drift heads' query, key and value (path patching
     * from the patterned into the clumped run; share = the share of the gap in logit_X - logit_Y that one path moves):
     *
     * <ul>
     *   <li>not applicable when the gap is under {@link Thresholds#MATERIAL_LOGIT_GAP} (no material drift between the
     *       two orderings), when no drift head reads an earlier layer (both in layer 0: there is no layer-0 -> layer-1
     *       path into them), or when no path into them carries {@link Thresholds#MATERIAL_PATH_SHARE} of the gap;</li>
     *   <li>reproduced when the largest key path's share exceeds every other path's |share| (the path that carries
     *       the most is a key path, in the gap's direction) and the key paths' summed share exceeds the query paths'
     *       and the value paths' by at least {@link Thresholds#KEY_LEAD};</li>
     *   <li>partly when the key paths' sum exceeds both others' at all, without both of the above;</li>
     *   <li>refuted when the query or the value paths' sum is at least the key paths'.</li>
     * </ul>
     *
     * Summed shares are signed: a path that pushes the clumped run away from the patterned one offsets one that pulls
     * it closer. Single paths interact, so a sum is a summary, not a decomposition.
     */
    public static Finding keyPath(PathMeasurements p) {
        double gap = p.gap();
        Margin gapLine = new Margin("|logit-diff gap|", Math.abs(gap), MATERIAL_LOGIT_GAP,
                Uncertainty.difference(Uncertainty.input(), Uncertainty.input()), null);
        if (Math.abs(gap) < MATERIAL_LOGIT_GAP) {
            return finding(Claim.KEY_PATH, Verdict.NOT_APPLICABLE, "logit diff patterned " + num(p.ldClean())
                    + ", clumped " + num(p.ldCorrupt()) + ": gap " + num(gap) + " under " + MATERIAL_LOGIT_GAP
                    + " (no material drift to carry, not applicable)", gapLine);
        }
        if (p.routes().isEmpty()) {
            return new Finding(Claim.KEY_PATH, Verdict.NOT_APPLICABLE, "no drift head " + p.driftHeads() + " reads an "
                    + "earlier layer: no layer-0 -> layer-1 path into them (not applicable)");
        }
        Route top = p.routes().stream().max(Comparator.comparingDouble(r -> Math.abs(r.share()))).orElseThrow();
        Margin topLine = new Margin("largest path's |share|", Math.abs(top.share()), MATERIAL_PATH_SHARE,
                shareUncertainty(gap, top.share()), null);
        String largest = "largest path " + top.label() + " " + signed(top.share()) + " of the gap";
        if (Math.abs(top.share()) < MATERIAL_PATH_SHARE) {
            return finding(Claim.KEY_PATH, Verdict.NOT_APPLICABLE, "into the drift heads " + p.receivers() + ": "
                    + largest + ", under " + MATERIAL_PATH_SHARE + " (no path carries a material share, not applicable)",
                    topLine);
        }
        double[] sum = new double[INPUTS.size()];
        double[] sumUncertainty = new double[INPUTS.size()];
        for (Route r : p.routes()) {
            int i = INPUTS.indexOf(r.input());
            sum[i] += r.share();
            sumUncertainty[i] += shareUncertainty(gap, r.share());
        }
        int q = INPUTS.indexOf(Input.Q);
        int k = INPUTS.indexOf(Input.K);
        int v = INPUTS.indexOf(Input.V);
        int rival = sum[q] >= sum[v] ? q : v;
        double lead = sum[k] - sum[rival];
        double leadUncertainty = sumUncertainty[k] + sumUncertainty[rival];
        // The key path's edge: its largest share over every other path's |share| (> 0: the top path is a key path).
        Route bestKey = p.routes().stream().filter(r -> r.input() == Input.K)
                .max(Comparator.comparingDouble(Route::share)).orElseThrow();
        Route bestOther = p.routes().stream().filter(r -> r != bestKey)
                .max(Comparator.comparingDouble(r -> Math.abs(r.share()))).orElse(null);
        double edge = bestKey.share() - (bestOther == null ? 0 : Math.abs(bestOther.share()));
        Margin edgeLine = new Margin("largest key path's lead over every other |share|", edge, 0,
                shareUncertainty(gap, bestKey.share()) + (bestOther == null ? 0 : shareUncertainty(gap,
                        bestOther.share())), null);
        Margin leadLine = new Margin("key sum's lead", lead, KEY_LEAD, leadUncertainty, null);
        Margin anyLead = new Margin("key sum's lead", lead, 0, leadUncertainty, null);
        boolean keyOnTop = edge > 0;
        Verdict verdict = keyOnTop && lead >= KEY_LEAD ? Verdict.REPRODUCED : lead > 0 ? Verdict.PARTLY
                : Verdict.REFUTED;
        String reason = "into the drift heads " + p.receivers() + " (gap " + num(gap) + "): " + largest + "; summed q "
                + signed(sum[q]) + ", k " + signed(sum[k]) + ", v " + signed(sum[v]) + ": k leads by " + signed(lead)
                + " vs " + KEY_LEAD + (keyOnTop ? "" : "; the largest path is not a key path in the gap's direction");
        return switch (verdict) {
            case REPRODUCED -> finding(Claim.KEY_PATH, verdict, reason, gapLine, topLine, edgeLine, leadLine);
            case PARTLY -> finding(Claim.KEY_PATH, verdict, reason, gapLine, topLine, anyLead,
                    keyOnTop ? leadLine : null, lead >= KEY_LEAD ? edgeLine : null);
            default -> finding(Claim.KEY_PATH, verdict, reason, gapLine, topLine, anyLead);
        };
    }

    /**
     * Claim 37, on the spreads of P(X | {X,Y}) over the 20 orderings of 3X/3Y (every ablation a mean ablation at
     * hook_z): not applicable when the full model's spread is under {@link Thresholds#MATERIAL_DRIFT}; reproduced when
     * the drift heads alone keep at least {@link Thresholds#SUFFICIENT_SHARE} of it (faithfulness) and their spread
     * exceeds the floor's (every head ablated) by at least {@link Thresholds#MATERIAL_DRIFT}; partly when they keep at
     * least {@link Thresholds#PARTLY_SUFFICIENT_SHARE}, above the floor by as much; else refuted.
     */
    public static Finding driftHeadsSufficient(SufficiencyMeasurements s) {
        Margin materialLine = Materiality.line("spread over the 20 orderings", s.full(), null);
        String spreads = "spread over the 20 orderings " + num(s.full()) + "; drift heads " + s.driftHeads()
                + " alone " + num(s.alone()) + ", every head ablated (floor) " + num(s.floor());
        if (s.full() < MATERIAL_DRIFT) {
            return finding(Claim.DRIFT_HEADS_SUFFICIENT, Verdict.NOT_APPLICABLE, spreads + ": the full spread is under "
                    + MATERIAL_DRIFT + " (no material drift to carry, not applicable)", materialLine);
        }
        double f = s.faithfulness();
        double above = s.aboveFloor();
        Margin mostLine = new Margin("faithfulness", f, SUFFICIENT_SHARE, Uncertainty.ratio(s.alone(), s.full(),
                Uncertainty.drift(), Uncertainty.drift()), null);
        Margin partLine = new Margin("faithfulness", f, PARTLY_SUFFICIENT_SHARE, mostLine.numerical(), null);
        Margin floorLine = new Margin("spread above the floor", above, MATERIAL_DRIFT,
                Uncertainty.difference(Uncertainty.drift(), Uncertainty.drift()), null);
        boolean clear = Materiality.material(above);
        Verdict verdict = clear && f >= SUFFICIENT_SHARE ? Verdict.REPRODUCED
                : clear && f >= PARTLY_SUFFICIENT_SHARE ? Verdict.PARTLY : Verdict.REFUTED;
        String reason = spreads + ": faithfulness " + pct(f) + " vs " + pct(SUFFICIENT_SHARE) + " (partly "
                + pct(PARTLY_SUFFICIENT_SHARE) + "), " + num(above) + " above the floor vs " + MATERIAL_DRIFT;
        return switch (verdict) {
            case REPRODUCED -> finding(Claim.DRIFT_HEADS_SUFFICIENT, verdict, reason, materialLine, mostLine, floorLine);
            case PARTLY -> finding(Claim.DRIFT_HEADS_SUFFICIENT, verdict, reason, materialLine, mostLine, partLine,
                    floorLine);
            // Refuted: crossing the floor line changes it only where the faithfulness clears the partly line, and the
            // reverse.
            default -> finding(Claim.DRIFT_HEADS_SUFFICIENT, verdict, reason, materialLine,
                    clear ? partLine : null, f >= PARTLY_SUFFICIENT_SHARE ? floorLine : null);
        };
    }

    /** Each rule in one line of words, for the verdict matrix and the CLI ({@link Rules#describe}). */
    public static String describe(Claim c) {
        return switch (c) {
            case KEY_PATH -> "path patching patterned -> clumped into the drift heads' q, k and v from every earlier-layer "
                    + "head (share = that path's share of the gap in logit_X - logit_Y): the largest key path's share "
                    + "exceeds every other path's |share| and the key paths' summed share leads the q and the v paths' "
                    + "by >= " + KEY_LEAD + "; partly when the key sum leads at all; not applicable when |gap| < "
                    + MATERIAL_LOGIT_GAP + ", no drift head reads an earlier layer, or no path reaches |share| "
                    + MATERIAL_PATH_SHARE;
            case DRIFT_HEADS_SUFFICIENT -> "every head but the drift heads mean-ablated at hook_z (the 20 orderings' "
                    + "per-position mean): spread over the 20 orderings of 3X/3Y >= " + pct(SUFFICIENT_SHARE)
                    + " of the full model's (partly >= " + pct(PARTLY_SUFFICIENT_SHARE) + ") and >= " + MATERIAL_DRIFT
                    + " above every head ablated; not applicable when the full spread is under " + MATERIAL_DRIFT;
            default -> throw new IllegalArgumentException("claim " + c.number() + " is not a circuit claim");
        };
    }

    /** One path's share, (LD_patched - LD_clumped) / gap, each logit difference within {@link Uncertainty#INPUT}. */
    private static double shareUncertainty(double gap, double share) {
        double d = Uncertainty.difference(Uncertainty.input(), Uncertainty.input());
        return Uncertainty.ratio(share * gap, gap, d, d);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.4f", v);
    }
}
