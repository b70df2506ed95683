package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Thresholds.HEAD_SCORE;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Claim 30, the phase-change claim: "the excess drift appears when the induction head forms". Its rule was fixed in
 * issue 26 ("the steps at which each crosses half of its final value lie within one logging interval") and in plan 2's
 * hypothesis H6 (fixtures/plan-2/plan.json) before any plan-2 model was trained, and is applied here unchanged, from a
 * model's training log alone:
 *
 * <ul>
 *   <li>t_excess: the first logged step at which the excess drift (model drift minus the ideal observer's drift for
 *       the recorded mixture, over the notebook's three orderings) is at least half its final value; t_induction: the
 *       first logged step at which layer 1's best induction score on the letters is at least half its final value.
 *       "Final" is the last log entry (the shipped weights).
 *   <li>One logging interval: the log's own spacing at the later of the two steps, that step minus the entry before it
 *       (25 up to step 500 and 100 after in plan 2's logs; 250 or 1000 in plan 1's older ones; the first entry's is its
 *       step, as training starts at 0). Both steps are logged steps, so this means the two crossings fall on the same
 *       entry or on neighbouring ones.
 *   <li>Reproduced when |t_excess - t_induction| is at most that interval, refuted otherwise.
 * </ul>
 *
 * <p>Guards, decided from the claim's words before the rule was applied to any log: the claim is about when an excess
 * drift appears, so it is not applicable when the final excess drift is not material (below {@link
 * Thresholds#MATERIAL_DRIFT}, claim 27's line, which also covers a negative or zero excess: then no excess appeared,
 * and "half its final value" is half of a number inside the noise of the curve, or of a negative one); and not
 * applicable when no induction head forms (final best induction score below {@link Thresholds#HEAD_SCORE}, claim 10's
 * role line). Both lines are existing ones, reused, not new. Not determined when the log lacks the drift (or its ideal)
 * or the induction score at some entry.
 *
 * <p>The transient (an excess drift that peaks where the induction score jumps, then decays) is not this claim; it is
 * shown as an exploratory measurement beside it ({@link #peak}), without a verdict.
 */
public final class PhaseChange {

    private PhaseChange() {}

    /** One log entry as the rule reads it; NaN where the log lacks the number. */
    public record Point(int step, double excessDrift, double bestInduction) {}

    /**
     * Where each curve first reaches half its final value, and the interval their distance is compared with.
     *
     * @param excessStep null when the final excess is not positive (half of it is not a level the excess "reaches")
     * @param inductionStep null when the final induction score is not positive
     * @param interval the log's spacing at the later of the two steps; 0 when either is null
     */
    public record Crossings(Integer excessStep, Integer inductionStep, int interval) {

        /** |t_excess - t_induction|; -1 when either is missing. */
        public int gap() {
            return excessStep == null || inductionStep == null ? -1 : Math.abs(excessStep - inductionStep);
        }

        /** The two lie within one logging interval (false when either is missing). */
        public boolean within() {
            return gap() >= 0 && gap() <= interval;
        }

        /** "275 / 325 (gap 50 vs interval 25)", as the reports show it. */
        public String text() {
            return str(excessStep) + " / " + str(inductionStep) + (gap() < 0 ? "" : " (gap " + gap() + " vs interval "
                    + interval + ")");
        }

        private static String str(Integer step) {
            return step == null ? "none" : step.toString();
        }
    }

    /** Claim 30 on one model's log; see the class comment for the rule and its guards. */
    public static Finding phaseChange(List<Point> log) {
        if (log.isEmpty()) {
            return Finding.undetermined(Claim.PHASE_CHANGE, "no training log");
        }
        for (Point p : log) {
            if (!Double.isFinite(p.excessDrift()) || !Double.isFinite(p.bestInduction())) {
                return Finding.undetermined(Claim.PHASE_CHANGE, "the training log has no " + (Double.isFinite(
                        p.excessDrift()) ? "best induction score" : "excess drift") + " at step " + p.step());
            }
        }
        Point last = log.get(log.size() - 1);
        double excess = last.excessDrift();
        double induction = last.bestInduction();
        Margin material = new Margin("final excess drift", excess, MATERIAL_DRIFT, EXCESS_UNCERTAINTY, null);
        Margin formed = new Margin("final best induction score", induction, HEAD_SCORE, Uncertainty.mean(), null);
        String finals = "final (step " + last.step() + ") excess drift " + num(excess) + ", best induction score "
                + num(induction);
        if (excess < MATERIAL_DRIFT) {
            return new Finding(Claim.PHASE_CHANGE, Verdict.NOT_APPLICABLE, finals + ": the final excess drift is "
                    + (excess > 0 ? "not material (< " + MATERIAL_DRIFT + ")" : "not positive") + ", so no excess drift "
                    + "appeared whose onset could be timed (not applicable)", material);
        }
        if (induction < HEAD_SCORE) {
            return new Finding(Claim.PHASE_CHANGE, Verdict.NOT_APPLICABLE, finals + ": no induction head forms "
                    + "(best induction score < " + HEAD_SCORE + "), so there is no formation to time against "
                    + "(not applicable)", Margin.nearest(List.of(material, formed)));
        }
        Crossings c = crossings(log);
        boolean within = c.within();
        // A crossing whose value lies within its numerical uncertainty of the half line could fall one entry earlier
        // or later on another CPU: then the gap can move by an interval.
        double moves = unstable(log, Point::excessDrift, EXCESS_UNCERTAINTY)
                || unstable(log, Point::bestInduction, Uncertainty.mean()) ? c.interval() : 0;
        // Steps are integers: a gap passes up to the interval and fails from interval + 1; the line sits between.
        Margin timing = new Margin("steps between the crossings", c.gap(), c.interval() + 0.5, moves, null);
        List<Margin> candidates = new ArrayList<>(List.of(material, formed, timing));
        return new Finding(Claim.PHASE_CHANGE, within ? Verdict.REPRODUCED : Verdict.REFUTED, finals + "; excess "
                + "drift first reaches half its final value (" + num(excess / 2) + ") at step " + c.excessStep()
                + ", the induction score (" + num(induction / 2) + ") at step " + c.inductionStep() + ": " + c.gap()
                + " steps apart vs one logging interval " + c.interval() + (within ? "" : " (not within)"),
                Margin.nearest(candidates));
    }

    /**
     * The two crossing steps of a log (each null where its final value is not positive), whatever the guards say:
     * the rule's inputs, also reported for a log the rule finds not applicable.
     */
    public static Crossings crossings(List<Point> log) {
        Integer e = firstReachingHalf(log, Point::excessDrift);
        Integer i = firstReachingHalf(log, Point::bestInduction);
        if (e == null || i == null) {
            return new Crossings(e == null ? null : log.get(e).step(), i == null ? null : log.get(i).step(), 0);
        }
        int later = Math.max(e, i);
        int interval = log.get(later).step() - (later == 0 ? 0 : log.get(later - 1).step());
        return new Crossings(log.get(e).step(), log.get(i).step(), interval);
    }

    /** Index of the first entry whose value is at least half the last entry's; null unless that value is positive. */
    static Integer firstReachingHalf(List<Point> log, ToDoubleFunction<Point> f) {
        if (log.isEmpty()) {
            return null;
        }
        double half = f.applyAsDouble(log.get(log.size() - 1)) / 2;
        if (!(half > 0)) {
            return null;
        }
        for (int k = 0; k < log.size(); k++) {
            if (f.applyAsDouble(log.get(k)) >= half) {
                return k;
            }
        }
        return null; // unreachable for a finite last value: it reaches its own half
    }

    /**
     * Whether the crossing could move numerically: some entry up to the crossing lies within the uncertainty of the
     * comparison (the value's, plus half the final value's) of the half line.
     */
    private static boolean unstable(List<Point> log, ToDoubleFunction<Point> f, double u) {
        Integer k = firstReachingHalf(log, f);
        if (k == null) {
            return false;
        }
        double half = f.applyAsDouble(log.get(log.size() - 1)) / 2;
        for (int j = 0; j <= k; j++) {
            if (Math.abs(f.applyAsDouble(log.get(j)) - half) <= 1.5 * u) {
                return true;
            }
        }
        return false;
    }

    /**
     * Exploratory, no verdict: the largest excess drift in the log and the first step it occurs at (the transient at the
     * phase change that plan 2's logs show); null when the log has no finite excess drift.
     */
    public static Point peak(List<Point> log) {
        Point best = null;
        for (Point p : log) {
            if (Double.isFinite(p.excessDrift()) && (best == null || p.excessDrift() > best.excessDrift())) {
                best = p;
            }
        }
        return best;
    }

    /** The rule in one line, for the verdict matrix and the reports. */
    public static String describe() {
        return "from the training log: the first logged step at which the excess drift (model - ideal observer of the "
                + "recorded mixture) reaches half its final value and the first at which layer 1's best induction score "
                + "(letters) reaches half its final value lie within one logging interval (the log's spacing at the later "
                + "of the two steps); not applicable when the final excess drift < " + MATERIAL_DRIFT + " (no excess "
                + "appeared) or the final induction score < " + HEAD_SCORE + " (no induction head formed)";
    }

    /** An excess drift is a model drift minus an exact ideal: the drift's uncertainty alone. */
    private static final double EXCESS_UNCERTAINTY = Uncertainty.difference(Uncertainty.drift(), 0);

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
