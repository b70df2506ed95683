package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.at;
import static io.github.driftclaims.verdict.Rules.finding;
import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.COLLAPSE_SHARE;
import static io.github.driftclaims.verdict.Thresholds.MAE_DROP;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_SPREAD;
import static io.github.driftclaims.verdict.Thresholds.OUTPUT_CHANGE;
import static io.github.driftclaims.verdict.Thresholds.SINGLE_HEAD_SHARE;
import static io.github.driftclaims.verdict.Thresholds.SPREAD_FACTOR;

import io.github.driftclaims.interp.AblationEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Claims 12 to 16, the notebook's later cells, on one prompt style's numbers ({@link LaterMeasurements}), claim 15
 * (a suite check: every ablation changes the output) among them. Each rule with its description ({@link #describe});
 * claim 12's tiers ({@link #closer}) also serve claims 16, 32 and 35.
 */
public final class LaterRules {

    private LaterRules() {}

    /** Claims 12 to 16 (the notebook's later cells) on one prompt style's numbers, in claim order. */
    public static List<Finding> all(LaterMeasurements l) {
        return List.of(closerToBayes(l), orderSensitivityRemoved(l), drift4x1Collapse(l), everyAblationChanges(l),
                tracking(l));
    }

    /**
     * Claim 12: the MAE of the evidence sweep's per-count means to the two-generator Bayes predictive falls by
     * at least 25% under ablation: reproduced; falls less: partly; does not fall: refuted.
     */
    public static Finding closerToBayes(LaterMeasurements l) {
        return closer(Claim.CLOSER_TO_BAYES, l.maeBaseline(), l.maeAblated(),
                "evidence sweep (" + l.prompt() + " prompt): MAE of the per-count means to two-generator Bayes",
                l.sampling() == null ? null : l.sampling().maeDrop());
    }

    /**
     * Claim 13: at every count with more than one ordering (0 < n_X < n), ablation divides the sample std of
     * P(X) over the orderings by at least 3: reproduced; at half the counts or more: partly; else refuted.
     * When no count's baseline std reaches 0.025 there is no order sensitivity to remove: not applicable.
     */
    public static Finding orderSensitivityRemoved(LaterMeasurements l) {
        List<Sensitivity.Count> counts = new ArrayList<>();
        for (int k = 0; k < l.spreads().size(); k++) {
            LaterMeasurements.Spread s = l.spreads().get(k);
            if (s.nX() == 0 || s.nX() == s.n()) {
                continue; // one ordering only: its std is 0 up to rounding
            }
            counts.add(new Sensitivity.Count(k, s.nX(), LaterMeasurements.orderings(s), s.baselineStd(),
                    s.ablatedStd()));
        }
        if (counts.isEmpty()) {
            return Finding.undetermined(Claim.ORDER_SENSITIVITY_REMOVED, "no count with more than one ordering");
        }
        Sensitivity.Tally t = new Sensitivity.Tally(counts);
        String reason = l.prompt() + " prompt: std " + t.summary(true)
                + (t.material() ? "" : " (no material order sensitivity to remove)");
        List<Margin> lines = new ArrayList<>();
        lines.add(t.largestLine("largest baseline std", counts.stream().mapToInt(Sensitivity.Count::orderings)
                .reduce(0, Math::max)));
        lines.addAll(t.flipLines(k -> l.sampling() == null ? null : finiteOrNull(l.sampling().factor().get(k))));
        return finding(Claim.ORDER_SENSITIVITY_REMOVED, t.verdict(), reason, lines.toArray(Margin[]::new));
    }

    /**
     * Claim 14: drift over the 5 orderings of X X X X Y is material (>= 0.10) and ablation removes at least 80%
     * of it: reproduced; at least 50%: partly; else refuted. Without material drift: not applicable.
     */
    public static Finding drift4x1Collapse(LaterMeasurements l) {
        double b = l.drift4x1Baseline();
        double a = l.drift4x1Ablated();
        boolean material = Materiality.material(b);
        double share = Shares.removed(b, a);
        Verdict v = !material ? Verdict.NOT_APPLICABLE : Shares.collapseTier(share);
        Double spread = l.sampling() == null ? null : l.sampling().share4x1();
        return finding(Claim.DRIFT_4X1Y_COLLAPSE, v, l.prompt() + " prompt: 4X/1Y drift " + num(b) + " -> " + num(a)
                + ", " + Shares.text(share, material) + " removed vs " + pct(COLLAPSE_SHARE) + " (partly " + pct(SINGLE_HEAD_SHARE) + ")"
                + Materiality.note(material), Materiality.line("4X/1Y drift", b, null),
                material ? Shares.line("4X/1Y share", b, a, COLLAPSE_SHARE, spread) : null,
                material ? Shares.line("4X/1Y share", b, a, SINGLE_HEAD_SHARE, spread) : null);
    }

    /**
     * Claim 15: every ablation run moves some P(X | {X,Y}) by at least 1e-6: reproduced; any that does not is a
     * hook that did not apply: refuted, naming it.
     */
    public static Finding everyAblationChanges(LaterMeasurements l) {
        if (l.effects().isEmpty()) {
            return Finding.undetermined(Claim.ABLATION_CHANGES_OUTPUT, "no ablation recorded");
        }
        AblationEffect least = l.effects().get(0);
        List<String> unchanged = new ArrayList<>();
        for (AblationEffect e : l.effects()) {
            if (e.change() < least.change()) {
                least = e;
            }
            if (!(e.change() >= OUTPUT_CHANGE)) {
                unchanged.add(e.experiment() + " " + e.setting());
            }
        }
        String reason = l.effects().size() + " ablations; smallest largest-change of P(X|{X,Y}) "
                + String.format(Locale.ROOT, "%.3g", least.change()) + " (" + least.experiment() + " " + least.setting()
                + ") vs " + OUTPUT_CHANGE + (unchanged.isEmpty() ? "" : "; changed nothing: " + unchanged);
        // A change is |P ablated - P baseline|, a difference of two measured probabilities.
        return finding(Claim.ABLATION_CHANGES_OUTPUT, unchanged.isEmpty() ? Verdict.REPRODUCED : Verdict.REFUTED,
                reason, at("smallest change", least.change(), OUTPUT_CHANGE, Uncertainty.difference(Uncertainty.input(),
                        Uncertainty.input()), null));
    }

    /**
     * Claim 16: on seeded streams from the hidden generator, claim 12's rule on the MAE of every step's
     * prediction to the two-generator Bayes predictive. The notebook's own run cannot decide it: its tokens
     * were unseeded and only the tail was printed.
     */
    public static Finding tracking(LaterMeasurements l) {
        LaterMeasurements.Tracking t = l.tracking();
        if (t == null) {
            return Finding.undetermined(Claim.REAL_TIME_TRACKING, l.prompt() + " prompt: no tracking table recorded");
        }
        String what = "tracking (" + l.prompt() + " prompt, " + t.source() + "): MAE to two-generator Bayes";
        if (!t.seeded()) {
            return Finding.undetermined(Claim.REAL_TIME_TRACKING, "not reproducible from the notebook (tokens drawn "
                    + "unseeded, only the tail printed); on " + t.source() + " the MAE goes " + num(t.maeBaseline())
                    + " -> " + num(t.maeAblated()));
        }
        return closer(Claim.REAL_TIME_TRACKING, t.maeBaseline(), t.maeAblated(), what, null);
    }

    /** @param sampling the drop's sampling spread; null where not measured */
    static Finding closer(Claim c, double before, double after, String what, Double sampling) {
        double drop = Shares.removed(before, after);
        Verdict v = drop >= MAE_DROP ? Verdict.REPRODUCED : drop > 0 ? Verdict.PARTLY : Verdict.REFUTED;
        double numerical = Uncertainty.share(before, after, Uncertainty.mean(), Uncertainty.mean());
        return finding(c, v, what + " " + num(before) + " -> " + num(after) + ", " + pct(drop) + " lower vs "
                + pct(MAE_DROP), at("MAE drop", drop, MAE_DROP, numerical, sampling),
                at("MAE drop", drop, 0, numerical, sampling));
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Each rule of this family in one line of words, for the verdict matrix and the CLI ({@link Rules#describe}). */
    static String describe(Claim c) {
        return switch (c) {
            case CLOSER_TO_BAYES -> "evidence sweep (n_X = 0..10 of 10, 10 orderings each): the MAE of the per-count means "
                    + "to the two-generator Bayes predictive (A 0.5, B 0.75) falls by >= " + pct(MAE_DROP)
                    + " under ablation; partly when it falls less";
            case ORDER_SENSITIVITY_REMOVED -> "at every count with more than one ordering whose baseline std reaches "
                    + MATERIAL_SPREAD + " (a count below it has no order sensitivity to remove and is not asked), the "
                    + "sample std (ddof=1) of P(X|{X,Y}) falls by >= " + SPREAD_FACTOR + "x; partly at half of them; "
                    + "not applicable when no baseline std reaches " + MATERIAL_SPREAD;
            case DRIFT_4X1Y_COLLAPSE -> "drift over the 5 orderings of X X X X Y >= " + MATERIAL_DRIFT + " and ablation "
                    + "removes >= " + pct(COLLAPSE_SHARE) + " of it; partly >= " + pct(SINGLE_HEAD_SHARE)
                    + "; not applicable when that drift is not material";
            case ABLATION_CHANGES_OUTPUT -> "every ablation the suite runs moves some P(X|{X,Y}) by >= " + OUTPUT_CHANGE
                    + " (else a hook did not apply: refuted)";
            case REAL_TIME_TRACKING -> "on seeded streams of " + "draws from the hidden generator, claim 12's rule on the "
                    + "MAE of each step's prediction to two-generator Bayes; not determined from the notebook's unseeded run";
            default -> throw new IllegalArgumentException("claim " + c.number() + " is not in this family");
        };
    }
}
