package io.github.driftclaims.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The index of the rules: one rule per claim, each a pure function of measured numbers and the only place a verdict is
 * decided, lives in its family's class beside its description (see package-info); here are the lists each experiment
 * decides, {@link #describe} over every claim, and the few helpers every family shares. A rule whose inputs are
 * missing (a notebook record without weights) returns an undetermined finding that says what is missing, never a
 * guess.
 *
 * <p>Every determined finding also carries a {@link Margin}: of the lines whose crossing alone would change its verdict
 * in the branch taken, the nearest to flipping, with the deciding number's numerical uncertainty ({@link Uncertainty},
 * one helper per formula) and its sampling spread where the measurements carry one (claims 4, 6, 7, 8 over the triples
 * of the 20 orderings, 12 and 13 by bootstrap, 14 by jackknife). A verdict is fragile when its margin is inside both;
 * the label is shown, the verdict is not changed (QUALITY.md, "Margins and fragile verdicts").
 */
public final class Rules {

    private Rules() {}

    /** Claims 4 to 10, in claim order, then suite check 38 (claim 9's bit-identity half). */
    public static List<Finding> all(Measurements m) {
        return List.of(DriftRules.drift(m), PatternRules.attentionCircuit(m), DriftRules.sweepFindsCause(m),
                DriftRules.topTwoCollapse(m), DriftRules.towardCounting(m), PatternRules.patternsUnchanged(m),
                PatternRules.inductionCircuit(m), PatternRules.patternsBitIdentical(m));
    }

    /** Claims 12 to 16 (the notebook's later cells) on one prompt style's numbers, in claim order. */
    public static List<Finding> later(LaterMeasurements l) {
        return LaterRules.all(l);
    }

    /** Every claim: 4 to 10 from the main experiment, 12 to 16 from the later cells. */
    public static List<Finding> all(Measurements m, LaterMeasurements l) {
        List<Finding> out = new ArrayList<>(all(m));
        out.addAll(later(l));
        return List.copyOf(out);
    }

    /** Claims 17 to 22 (ablation kinds, exhaustive pairs, direct logit attribution), in claim order. */
    public static List<Finding> ablation(AblationMeasurements a) {
        return AblationRules.all(a);
    }

    /** Claims 23 to 26 on one model's martingale check, in claim order. */
    public static List<Finding> martingale(MartingaleMeasurements mm) {
        return MartingaleRules.all(mm);
    }

    /** Claim 27 ({@link IdealRules#excessDrift}). */
    public static Finding excessDrift(IdealMeasurements m) {
        return IdealRules.excessDrift(m);
    }

    /** Claim 28 ({@link PatchingRules#orderingsCollapse}). */
    public static Finding orderingsCollapse(OrderingsMeasurements o) {
        return PatchingRules.orderingsCollapse(o);
    }

    /** Claim 29 ({@link PatchingRules#patchingTransfers}). */
    public static Finding patchingTransfers(PatchingMeasurements p) {
        return PatchingRules.patchingTransfers(p);
    }

    /** Each rule in one line of words, for the verdict matrix and the CLI: its family's. */
    public static String describe(Claim c) {
        return switch (c) {
            case DRIFT, SWEEP_FINDS_CAUSE, TOP_TWO_COLLAPSE, TOWARD_COUNTING -> DriftRules.describe(c);
            case ATTENTION_CIRCUIT, PATTERNS_UNCHANGED, INDUCTION_CIRCUIT, PATTERNS_BIT_IDENTICAL ->
                    PatternRules.describe(c);
            case CLOSER_TO_BAYES, ORDER_SENSITIVITY_REMOVED, DRIFT_4X1Y_COLLAPSE, ABLATION_CHANGES_OUTPUT,
                    REAL_TIME_TRACKING -> LaterRules.describe(c);
            case SAME_HEADS_MEAN, SAME_HEADS_RESAMPLE, BEST_PAIR_ZERO, BEST_PAIR_MEAN, BEST_PAIR_RESAMPLE,
                    ATTRIBUTION_DIFFERS -> AblationRules.describe(c);
            case MARTINGALE, MARTINGALE_ABLATED, BAYESIAN_UNCERTAINTY, MARTINGALE_RESTORED -> MartingaleRules.describe(c);
            case EXCESS_DRIFT, TOWARD_IDEAL, CLOSER_TO_IDEAL, EXCESS_SENSITIVITY_REMOVED, EXCESS_4X1Y_COLLAPSE,
                    TRACKING_IDEAL -> IdealRules.describe(c);
            case ORDERINGS_COLLAPSE, PATCHING_TRANSFERS -> PatchingRules.describe(c);
            case PHASE_CHANGE -> PhaseChange.describe();
            case DISCOVERED_CIRCUIT -> CircuitRules.describe();
            case KEY_PATH, DRIFT_HEADS_SUFFICIENT -> CausalRules.describe(c);
        };
    }

    /**
     * A finding with its margin: of the lines that could each change the verdict ({@code candidates}, null where a line
     * cannot change it in this branch), the nearest to flipping ({@link Margin#nearest}).
     */
    static Finding finding(Claim c, Verdict v, String reason, Margin... candidates) {
        return finding(c, v, Arrays.asList(candidates), reason);
    }

    static Finding finding(Claim c, Verdict v, List<Margin> candidates, String reason) {
        return new Finding(c, v, reason, Margin.nearest(candidates.stream().filter(Objects::nonNull).toList()));
    }

    /** One line a number is compared with; see {@link Margin}. */
    static Margin at(String number, double value, double line, double numerical, Double sampling) {
        return new Margin(number, value, line, numerical, sampling);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
