package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.AblationEffect;
import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.LaterCellsRecord;
import io.github.driftclaims.interp.OrderingResamples;
import io.github.driftclaims.interp.PromptStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers claims 12 to 16 read, for one model in one prompt style, and nothing else. Built from a
 * measurement ({@link #of(LaterCells, List)}) or from what the notebook printed ({@link #of(LaterCellsRecord)}).
 *
 * @param prompt the prompt style, for the reasons
 * @param spreads per count, the sample std of P(X) over its orderings, baseline and ablated
 * @param maeBaseline evidence sweep: MAE of the per-count means to the two-generator Bayes predictive
 * @param effects every ablation and what it changed (claim 15)
 * @param tracking null when the run has no tracking table
 * @param sampling sampling spreads of claims 12 to 14's deciding numbers; null for a recorded run (only means and
 *     stds were printed) or hand-made numbers
 */
public record LaterMeasurements(String prompt, List<Spread> spreads, double maeBaseline, double maeAblated,
        double drift4x1Baseline, double drift4x1Ablated, List<AblationEffect> effects, Tracking tracking,
        Sampling sampling) {

    /** Without sampling spreads. */
    public LaterMeasurements(String prompt, List<Spread> spreads, double maeBaseline, double maeAblated,
            double drift4x1Baseline, double drift4x1Ablated, List<AblationEffect> effects, Tracking tracking) {
        this(prompt, spreads, maeBaseline, maeAblated, drift4x1Baseline, drift4x1Ablated, effects, tracking, null);
    }

    /**
     * Measured in interp ({@link OrderingResamples}; QUALITY.md, "Margins and fragile verdicts").
     *
     * @param maeDrop claim 12: std of the MAE drop over a bootstrap of the evidence sweep's orderings
     * @param factor claim 13: per count, in {@link #spreads}' order, std of the std factor over the same bootstrap
     * @param share4x1 claim 14: jackknife standard error of the 4X/1Y share removed
     */
    public record Sampling(double maeDrop, List<Double> factor, double share4x1) {
        public Sampling {
            factor = List.copyOf(factor);
        }
    }

    public record Spread(int nX, int n, double baselineStd, double ablatedStd) {}

    /**
     * @param seeded false for the notebook's run: its tokens were drawn unseeded and only the table's tail was
     *     printed, so its model columns cannot be reproduced
     * @param source what the MAEs are over
     */
    public record Tracking(boolean seeded, double maeBaseline, double maeAblated, String source) {}

    public LaterMeasurements {
        spreads = List.copyOf(spreads);
        effects = List.copyOf(effects);
    }

    /** One prompt style's later cells; claim 15 covers the main experiment's ablations and these cells'. */
    public static LaterMeasurements of(CircuitEvidence e, PromptStyle style) {
        LaterCells l = e.later(style);
        List<AblationEffect> effects = new ArrayList<>(AblationEffect.mainExperiment(e));
        effects.addAll(l.effects());
        return of(l, effects);
    }

    /**
     * Claims 12 to 16 under mean or resample ablation of the drift heads (issue 15); claim 15 covers that kind's
     * sweep, its drift pair and these cells.
     */
    public static LaterMeasurements of(AblationKindsEvidence e, String kind, PromptStyle style) {
        return of(e.later(kind, style), e.effects(kind, style));
    }

    /** @param effects every ablation of the experiments this verdict covers (the main one's and these cells') */
    public static LaterMeasurements of(LaterCells l, List<AblationEffect> effects) {
        List<Spread> spreads = new ArrayList<>();
        for (LaterCells.Count c : l.evidence().counts()) {
            spreads.add(new Spread(c.nX(), c.n(), c.baselineStd(), c.ablatedStd()));
        }
        LaterCells.Tracking t = l.tracking();
        return new LaterMeasurements(l.style().id(), spreads, l.evidence().maeBaseline(), l.evidence().maeAblated(),
                l.drift4x1Baseline().drift(), l.drift4x1Ablated().drift(), effects,
                new Tracking(true, t.maeBaseline(), t.maeAblated(), LaterCells.TRACKING_STREAMS + " streams x "
                        + LaterCells.TRACKING_STEPS + " steps, seed " + t.seed()), sampling(l));
    }

    /** How many orderings a count's std is over: the evidence sweep draws {@link LaterCells#SWEEP_DRAWS} per count. */
    public static int orderings(Spread s) {
        return LaterCells.SWEEP_DRAWS;
    }

    static Sampling sampling(LaterCells l) {
        OrderingResamples.Bootstrap b = OrderingResamples.Bootstrap.of(l.evidence());
        return new Sampling(b.maeDrop(), b.factor(), OrderingResamples.jackknifeShare(l.drift4x1Baseline(),
                l.drift4x1Ablated()));
    }

    public static LaterMeasurements of(LaterCellsRecord r) {
        List<Spread> spreads = new ArrayList<>();
        for (LaterCellsRecord.Row c : r.counts()) {
            spreads.add(new Spread(c.nX(), LaterCells.SWEEP_DRAWS, c.baselineStd(), c.ablatedStd()));
        }
        Tracking tracking = null;
        if (!r.trackingTail().isEmpty()) {
            double b = r.trackingTail().stream().mapToDouble(x -> Math.abs(x.baseline() - x.bayes())).average().orElseThrow();
            double a = r.trackingTail().stream().mapToDouble(x -> Math.abs(x.ablated() - x.bayes())).average().orElseThrow();
            tracking = new Tracking(false, b, a, "the printed last " + r.trackingTail().size() + " rows of one unseeded stream");
        }
        return new LaterMeasurements(r.style().id(), spreads, r.maeBaseline(), r.maeAblated(), r.drift4x1Baseline(),
                r.drift4x1Ablated(), r.effects(LaterCellsRecord.ABLATED), tracking);
    }
}
