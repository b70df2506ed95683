package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.at;
import static io.github.driftclaims.verdict.Rules.finding;
import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.COLLAPSE_SHARE;
import static io.github.driftclaims.verdict.Thresholds.MAE_DROP;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_SPREAD;
import static io.github.driftclaims.verdict.Thresholds.ORDER_INVARIANT;
import static io.github.driftclaims.verdict.Thresholds.SINGLE_HEAD_SHARE;
import static io.github.driftclaims.verdict.Thresholds.SPREAD_FACTOR;

import io.github.driftclaims.verdict.IdealBaselines.Readings;
import java.util.ArrayList;
import java.util.List;

/**
 * Claim 27, excess drift over the ideal observer, and claims 31 to 35 (issue 26): the notebook's claims that compare the model with a baseline, 8, 12, 13, 14 and 16, again
 * with the ideal observer of the model's training mixture as the baseline. Pre-registered: these rules were committed
 * before any of them was applied to a model, and they are not to be changed to move a verdict.
 *
 * <p><b>One principle.</b> Each is its original rule, word for word, with the original's baseline replaced by the ideal
 * observer, prompt by prompt. Where the original measures order sensitivity from zero (the exchangeable counter's, on
 * which every ordering of a count gets the same P(X)), it is measured from the ideal's: on the residual P(X) - ideal
 * P(X) of each prompt. Where the ideal is exchangeable (a coin-flip mixture; Beta(1,1) on claim 8's prompts) each rule is
 * its original exactly, which the rule tests check. Claim 4's counterpart is claim 27 (excess drift); claim 15 ("every
 * ablation changes the output") compares the ablated model with the unablated one, not with a baseline, so it has none.
 *
 * <p><b>The lines</b> are the originals' ({@link Thresholds}), not new ones: the ideal's P(X) is exact (log-space
 * arithmetic, no dtype or kernel error), so a residual carries exactly the error of the model's number that the line
 * was set above, and the sampling arguments (a std over 10 orderings, a mean over counts) are unchanged. A model that
 * records no training mixture (TransformerLens's attn-only-2l) has no ideal: not applicable (the claims' precondition,
 * a baseline to compare with, is absent). An ideal undefined on the prompts (the mixture never scores them): not
 * determined.
 */
public final class IdealRules {

    private IdealRules() {}

    /** Claims 31 to 35, in claim order (claim 27 is the main experiment's: {@link Rules#excessDrift}). */
    public static List<Finding> all(IdealBaselines b) {
        return List.of(towardIdeal(b), closerToIdeal(b), excessSensitivityRemoved(b), excess4x1Collapse(b),
                trackingIdeal(b));
    }

    /**
     * Claim 27: excess drift = the model's drift minus the ideal observer's, both over the notebook's three orderings.
     * Reproduced when the excess is material (>= {@link Thresholds#MATERIAL_DRIFT}), else refuted; not determined
     * without a recorded training mixture, or where the ideal is undefined on these prompts.
     *
     * <p>The line is claim 4's, reused rather than invented: the excess is a drift on the same scale (a difference of
     * P(X | {X,Y}) ranges over the same three prompts), the ideal's drift is exact (no sampling or dtype error of its
     * own), so the error the line was set above (fp16 vs fp32 moves a drift by 0.002) is the only error the excess
     * carries. "Drifts more than warranted" then means what "drifts" means in claim 4, measured from the ideal instead
     * of from zero, which is where an exchangeable counter puts it.
     */
    public static Finding excessDrift(IdealMeasurements m) {
        if (m.idealDrift() == null) {
            return Finding.undetermined(Claim.EXCESS_DRIFT, "no training mixture recorded (the model has no "
                    + "training.json): no ideal observer to compare with; model drift " + num(m.drift()));
        }
        if (Double.isNaN(m.idealDrift())) {
            return Finding.undetermined(Claim.EXCESS_DRIFT, "the ideal observer is undefined on the notebook's prompts "
                    + "(the recorded mixture never trains that position or never writes them); model drift "
                    + num(m.drift()));
        }
        double excess = m.excess();
        // The ideal's drift is exact: the excess carries the model drift's uncertainty alone.
        return finding(Claim.EXCESS_DRIFT, Materiality.material(excess) ? Verdict.REPRODUCED : Verdict.REFUTED,
                "excess drift " + num(excess) + " = model drift " + num(m.drift()) + " - ideal drift "
                        + num(m.idealDrift()) + " vs material " + MATERIAL_DRIFT, at("excess drift", excess,
                        MATERIAL_DRIFT, Uncertainty.difference(Uncertainty.drift(), 0), null));
    }

    /**
     * Claim 31, claim 8 against the ideal: on the notebook's three orderings, the residual drift (max - min of P(X) -
     * ideal P(X)) is material (>= {@link Thresholds#MATERIAL_DRIFT}, else not applicable). Repaired with claim 8 (issue
     * 27, committed before any model was measured under it; it had the same flaw, an absolute MAE line blind to
     * direction): the top-two ablation lowers the MAE to the ideal by at least {@link Thresholds#MAE_DROP} and leaves the
     * residual drift below {@link Thresholds#ORDER_INVARIANT}: reproduced; the MAE falls less, or the drift stays:
     * partly; the MAE does not fall: refuted. The residual drift is at least |claim 27's excess drift| (a range is a
     * seminorm), so claim 27 reproduced makes this one applicable.
     */
    public static Finding towardIdeal(IdealBaselines b) {
        Finding gate = gate(Claim.TOWARD_IDEAL, b, b.notebook());
        if (gate != null) {
            return gate;
        }
        Readings r = b.notebook();
        double before = range(r.residuals(r.model()));
        double after = range(r.residuals(r.ablated()));
        double maeBefore = mae(r.residuals(r.model()));
        double mae = mae(r.residuals(r.ablated()));
        double fall = Shares.removed(maeBefore, mae);
        boolean material = Materiality.material(before);
        boolean invariant = after < ORDER_INVARIANT;
        boolean enough = fall >= MAE_DROP;
        Verdict v = !material ? Verdict.NOT_APPLICABLE : !(fall > 0) ? Verdict.REFUTED
                : invariant && enough ? Verdict.REPRODUCED : Verdict.PARTLY;
        double dFall = Uncertainty.share(maeBefore, mae, Uncertainty.mean(), Uncertainty.mean());
        // As claim 8: each line only where crossing it alone changes the verdict.
        return finding(Claim.TOWARD_IDEAL, v, "three orderings, drift of P(X) - ideal P(X) " + num(before) + " vs material "
                + MATERIAL_DRIFT + "; after the top two " + num(after) + " vs " + ORDER_INVARIANT + ", MAE to the ideal "
                + num(maeBefore) + " -> " + num(mae) + " (" + (fall >= 0 ? pct(fall) + " lower" : pct(-fall) + " higher")
                + ", reproduced from " + pct(MAE_DROP) + " lower)" + (material ? "" : " (no material drift beyond the "
                + "ideal's: nothing to remove, not applicable)"),
                Materiality.line("drift beyond the ideal", before, null),
                material && enough ? new Margin("ablated drift beyond the ideal", after, ORDER_INVARIANT,
                        Uncertainty.drift(), null) : null,
                material && invariant ? new Margin("MAE fall to the ideal", fall, MAE_DROP, dFall, null) : null,
                material && !(invariant && enough) ? new Margin("MAE fall to the ideal", fall, 0, dFall, null) : null);
    }

    /**
     * Claim 32, claim 12 against the ideal: the evidence sweep's MAE of the per-count means of P(X) to the per-count
     * means of the ideal's P(X) falls by at least {@link Thresholds#MAE_DROP} under ablation: reproduced; falls less:
     * partly; does not fall: refuted. (The per-count mean, as claim 12 takes it; the orderings are claim 33's.)
     */
    public static Finding closerToIdeal(IdealBaselines b) {
        List<Readings> counts = b.sweep().stream().map(IdealBaselines.Count::readings).toList();
        Finding gate = gate(Claim.CLOSER_TO_IDEAL, b, counts.toArray(Readings[]::new));
        if (gate != null) {
            return gate;
        }
        double before = 0;
        double after = 0;
        for (Readings r : counts) {
            before += Math.abs(mean(r.residuals(r.model())));
            after += Math.abs(mean(r.residuals(r.ablated())));
        }
        return LaterRules.closer(Claim.CLOSER_TO_IDEAL, before / counts.size(), after / counts.size(),
                "evidence sweep: MAE of the per-count means to the ideal's", null);
    }

    /**
     * Claim 33, claim 13 against the ideal: at every count with more than one ordering (0 < n_X < n) whose baseline std
     * reaches {@link Thresholds#MATERIAL_SPREAD} (as claim 13, a count below it is not asked), ablation divides
     * the sample std (ddof = 1) over the orderings of P(X) - ideal P(X) by at least {@link Thresholds#SPREAD_FACTOR}:
     * reproduced; at half the counts or more: partly; else refuted. Not applicable when no count's baseline std
     * reaches {@link Thresholds#MATERIAL_SPREAD} (no order sensitivity beyond the ideal's to remove).
     */
    public static Finding excessSensitivityRemoved(IdealBaselines b) {
        List<IdealBaselines.Count> counts = b.sweep().stream().filter(c -> c.nX() > 0 && c.nX() < c.n()).toList();
        Finding gate = gate(Claim.EXCESS_SENSITIVITY_REMOVED, b, counts.stream().map(IdealBaselines.Count::readings)
                .toArray(Readings[]::new));
        if (gate != null) {
            return gate;
        }
        if (counts.isEmpty()) {
            return Finding.undetermined(Claim.EXCESS_SENSITIVITY_REMOVED, "no count with more than one ordering");
        }
        List<Sensitivity.Count> stds = new ArrayList<>();
        for (IdealBaselines.Count c : counts) {
            Readings r = c.readings();
            stds.add(new Sensitivity.Count(stds.size(), c.nX(), r.model().size(), sampleStd(r.residuals(r.model())),
                    sampleStd(r.residuals(r.ablated()))));
        }
        Sensitivity.Tally t = new Sensitivity.Tally(stds);
        // Unlike claim 13, only the largest baseline std's line (as this rule was committed).
        return finding(Claim.EXCESS_SENSITIVITY_REMOVED, t.verdict(), "evidence sweep: std of P(X) - ideal P(X) over "
                + "the orderings " + t.summary(false)
                + (t.material() ? "" : " (no material order sensitivity beyond the ideal's to remove)"),
                t.largestLine("largest baseline std beyond the ideal", counts.get(0).readings().model().size()));
    }

    /**
     * Claim 34, claim 14 against the ideal: over the 5 orderings of X X X X Y the drift of P(X) - ideal P(X) is
     * material (>= {@link Thresholds#MATERIAL_DRIFT}, else not applicable) and ablation removes at least {@link
     * Thresholds#COLLAPSE_SHARE} of it: reproduced; at least {@link Thresholds#SINGLE_HEAD_SHARE}: partly; else refuted.
     */
    public static Finding excess4x1Collapse(IdealBaselines b) {
        Finding gate = gate(Claim.EXCESS_4X1Y_COLLAPSE, b, b.fourXOneY());
        if (gate != null) {
            return gate;
        }
        Readings r = b.fourXOneY();
        double before = range(r.residuals(r.model()));
        double after = range(r.residuals(r.ablated()));
        boolean material = Materiality.material(before);
        double share = Shares.removed(before, after);
        Verdict v = !material ? Verdict.NOT_APPLICABLE : Shares.collapseTier(share);
        double numerical = Uncertainty.share(before, after, Uncertainty.drift(), Uncertainty.drift());
        return finding(Claim.EXCESS_4X1Y_COLLAPSE, v, "4X/1Y drift of P(X) - ideal P(X) " + num(before) + " -> "
                + num(after) + ", " + Shares.text(share, material) + " removed vs " + pct(COLLAPSE_SHARE) + " (partly "
                + pct(SINGLE_HEAD_SHARE) + ")" + (material ? "" : " (no material drift beyond the ideal's: nothing to "
                + "collapse, not applicable)"),
                Materiality.line("4X/1Y drift beyond the ideal", before, null),
                material ? new Margin("share removed", share, COLLAPSE_SHARE, numerical, null) : null,
                material ? new Margin("share removed", share, SINGLE_HEAD_SHARE, numerical, null) : null);
    }

    /**
     * Claim 35, claim 16 against the ideal: on the seeded tracking streams, the MAE over every step of P(X) to the
     * ideal's falls by at least {@link Thresholds#MAE_DROP} under ablation: reproduced; less: partly; not: refuted.
     */
    public static Finding trackingIdeal(IdealBaselines b) {
        Finding gate = gate(Claim.TRACKING_IDEAL, b, b.tracking());
        if (gate != null) {
            return gate;
        }
        Readings r = b.tracking();
        return LaterRules.closer(Claim.TRACKING_IDEAL, mae(r.residuals(r.model())), mae(r.residuals(r.ablated())),
                "tracking (" + r.model().size() + " steps): MAE to the ideal", null);
    }

    /** Each rule in one line of words, for the verdict matrix and the CLI ({@link Rules#describe}). */
    public static String describe(Claim c) {
        String ideal = "P(X) - the ideal observer's P(X) (the Bayes-optimal predictor of the model's recorded training "
                + "mixture)";
        String na = "; not applicable without a recorded training mixture";
        return switch (c) {
            case EXCESS_DRIFT -> "reproduced when excess drift = model drift - the drift of the ideal observer of the "
                    + "model's recorded training mixture (both over the three orderings) >= " + MATERIAL_DRIFT
                    + "; not determined without a recorded mixture";
            case TOWARD_IDEAL -> "claim 8 against the ideal: on the three orderings the drift of " + ideal + " >= "
                    + MATERIAL_DRIFT + " (else not applicable); the top two's ablation lowers the MAE to the ideal by >= "
                    + pct(MAE_DROP) + " and leaves that drift < " + ORDER_INVARIANT + "; partly when the MAE falls less or "
                    + "the drift stays; refuted when it does not fall" + na;
            case CLOSER_TO_IDEAL -> "claim 12 against the ideal: the evidence sweep's MAE of the per-count means of P(X) "
                    + "to the ideal's falls by >= " + pct(MAE_DROP) + " under ablation; partly when it falls less" + na;
            case EXCESS_SENSITIVITY_REMOVED -> "claim 13 against the ideal: at every count with more than one ordering "
                    + "whose baseline std reaches " + MATERIAL_SPREAD + " (the others are not asked), the sample std over "
                    + "the orderings of " + ideal + " falls by >= " + SPREAD_FACTOR + "x; partly at half of them; not "
                    + "applicable when no baseline std reaches " + MATERIAL_SPREAD + na;
            case EXCESS_4X1Y_COLLAPSE -> "claim 14 against the ideal: drift over the 5 orderings of X X X X Y of "
                    + "P(X) - ideal P(X) >= " + MATERIAL_DRIFT + " and ablation removes >= " + pct(COLLAPSE_SHARE)
                    + " of it; partly >= " + pct(SINGLE_HEAD_SHARE) + "; not applicable when it is not material" + na;
            case TRACKING_IDEAL -> "claim 16 against the ideal: on the seeded tracking streams the MAE of every step's "
                    + "P(X) to the ideal's falls by >= " + pct(MAE_DROP) + " under ablation; partly when it falls less" + na;
            default -> throw new IllegalArgumentException("claim " + c.number() + " is not one of the ideal observer's");
        };
    }

    /**
     * The shared preconditions: no recorded mixture, not applicable; an ideal undefined on a prompt, not determined.
     * Null when the rule can go on.
     */
    private static Finding gate(Claim c, IdealBaselines b, Readings... sets) {
        if (!b.hasIdeal()) {
            return new Finding(c, Verdict.NOT_APPLICABLE, "no training mixture recorded (the model has no "
                    + "training.json): no ideal observer to compare with, not applicable");
        }
        for (Readings r : sets) {
            if (!r.defined()) {
                return Finding.undetermined(c, "the ideal observer is undefined on some of these prompts (the "
                        + "recorded mixture never scores that position or never writes them)");
            }
        }
        return null;
    }

    static double range(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return x.length == 0 ? 0 : max - min;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    static double mae(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    static double sampleStd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
