package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Claim 30's rule on hand-made training logs, spaced as plan 2's (25 steps to 500, then 100 to 2000). */
@DisplayName("Claim 30: the excess drift appears when the induction head forms (rule on hand-made logs)")
class PhaseChangeRuleTest {

    /** Plan 2's logging steps: 25, 50, ..., 500, 600, ..., 2000. */
    static List<Integer> planTwoSteps() {
        List<Integer> steps = new ArrayList<>();
        for (int s = 25; s <= 500; s += 25) {
            steps.add(s);
        }
        for (int s = 600; s <= 2000; s += 100) {
            steps.add(s);
        }
        return steps;
    }

    static List<PhaseChange.Point> log(List<Integer> steps, IntToDoubleFunction excess, IntToDoubleFunction induction) {
        return steps.stream().map(s -> new PhaseChange.Point(s, excess.applyAsDouble(s), induction.applyAsDouble(s)))
                .toList();
    }

    /** A step function: {@code before} until {@code at}, then {@code after}. */
    static IntToDoubleFunction jump(int at, double before, double after) {
        return s -> s < at ? before : after;
    }

    static Finding rule(int excessAt, int inductionAt) {
        return PhaseChange.phaseChange(log(planTwoSteps(), jump(excessAt, 0.01, 0.3), jump(inductionAt, 0.05, 0.6)));
    }

    @Test
    @DisplayName("an excess drift that jumps at the step the induction score jumps is reproduced")
    void sameStep() {
        Finding f = rule(275, 275);
        assertThat(f.claim()).isEqualTo(Claim.PHASE_CHANGE);
        assertThat(f.claim().number()).isEqualTo(30);
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.reason()).contains("at step 275, the induction score (0.3000) at step 275: 0 steps apart vs one "
                + "logging interval 25");
        assertThat(f.margin()).isNotNull();
    }

    @Test
    @DisplayName("crossings on neighbouring entries (275 and 300, spacing 25) lie within one interval: reproduced")
    void neighbouringEntries() {
        assertThat(rule(275, 300).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(rule(300, 275).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("crossings two entries apart (275 and 325) are refuted, and so is an excess present from step 25")
    void twoEntriesApart() {
        Finding f = rule(275, 325);
        assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(f.reason()).contains("50 steps apart vs one logging interval 25 (not within)");
        assertThat(rule(25, 300).verdict()).isEqualTo(Verdict.REFUTED);
    }

    @Test
    @DisplayName("after step 500 the interval is the log's spacing there (100): 500 and 600 are within, 475 and 600 not")
    void intervalIsTheLogsSpacingAtTheLaterStep() {
        assertThat(PhaseChange.crossings(log(planTwoSteps(), jump(500, 0.0, 0.3), jump(600, 0.0, 0.6))))
                .isEqualTo(new PhaseChange.Crossings(500, 600, 100));
        assertThat(rule(500, 600).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(rule(600, 500).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(rule(475, 600).verdict()).isEqualTo(Verdict.REFUTED);
    }

    @Test
    @DisplayName("in a coarse log (every 250 steps from 250) the interval is 250, and the first entry's is its step")
    void coarseLog() {
        List<Integer> coarse = List.of(250, 500, 750, 1000, 1250, 1500, 1750, 2000);
        assertThat(PhaseChange.phaseChange(log(coarse, jump(250, 0, 0.3), jump(500, 0.05, 0.6))).verdict())
                .isEqualTo(Verdict.REPRODUCED);
        assertThat(PhaseChange.phaseChange(log(coarse, jump(250, 0, 0.3), jump(750, 0.05, 0.6))).verdict())
                .isEqualTo(Verdict.REFUTED);
        assertThat(PhaseChange.crossings(log(coarse, jump(250, 0, 0.3), jump(250, 0.05, 0.6))).interval())
                .isEqualTo(250);
    }

    @Test
    @DisplayName("'half its final value' is half the last entry's, reached at or above it: a transient above the final counts")
    void halfOfTheFinalValue() {
        // Peaks at 0.45 at step 250, decays to 0.12: half the final is 0.06, first reached at 175 (0.07), not at the peak.
        IntToDoubleFunction transientExcess = s -> s < 175 ? 0.0 : s == 175 ? 0.07 : s <= 250 ? 0.45 : 0.12;
        List<PhaseChange.Point> l = log(planTwoSteps(), transientExcess, jump(250, 0.05, 0.6));
        assertThat(PhaseChange.crossings(l)).isEqualTo(new PhaseChange.Crossings(175, 250, 25));
        assertThat(PhaseChange.phaseChange(l).verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(PhaseChange.peak(l)).isEqualTo(new PhaseChange.Point(200, 0.45, 0.05));
        // Exactly half counts as reached.
        IntToDoubleFunction exactlyHalf = s -> s < 250 ? 0.0 : s == 250 ? 0.06 : 0.12;
        assertThat(PhaseChange.crossings(log(planTwoSteps(), exactlyHalf, jump(250, 0.05, 0.6))).excessStep())
                .isEqualTo(250);
    }

    @Test
    @DisplayName("a final excess drift below 0.10, or not positive, is not applicable: no excess appeared to time")
    void noMaterialExcess() {
        Finding small = PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.0, 0.08), jump(275, 0.05, 0.6)));
        assertThat(small.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(small.reason()).contains("not material (< 0.1)");
        Finding negative = PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.2, -0.12), jump(275, 0.05, 0.6)));
        assertThat(negative.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(negative.reason()).contains("not positive");
        assertThat(PhaseChange.crossings(log(planTwoSteps(), jump(275, 0.2, -0.12), jump(275, 0.05, 0.6))).excessStep())
                .isNull();
        // On the line: 0.1 is material.
        assertThat(PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.0, Thresholds.MATERIAL_DRIFT),
                jump(275, 0.05, 0.6))).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("without an induction head at the end (best score below 0.5) the claim is not applicable")
    void noInductionHead() {
        Finding f = PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.0, 0.3), jump(275, 0.03, 0.3)));
        assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(f.reason()).contains("no induction head forms");
        assertThat(PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.0, 0.3), jump(275, 0.03,
                Thresholds.HEAD_SCORE))).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("a log without the excess drift or the induction score at some step cannot decide: not determined")
    void missingNumbers() {
        List<PhaseChange.Point> l = new ArrayList<>(log(planTwoSteps(), jump(275, 0.0, 0.3), jump(275, 0.05, 0.6)));
        l.set(3, new PhaseChange.Point(100, 0.0, Double.NaN));
        Finding f = PhaseChange.phaseChange(l);
        assertThat(f.determined()).isFalse();
        assertThat(f.reason()).isEqualTo("the training log has no best induction score at step 100");
        l.set(3, new PhaseChange.Point(100, Double.NaN, 0.05));
        assertThat(PhaseChange.phaseChange(l).reason()).contains("no excess drift at step 100");
        assertThat(PhaseChange.phaseChange(List.of()).determined()).isFalse();
    }

    @Test
    @DisplayName("a crossing whose value sits within numerical error of the half line makes the timing margin an interval wide")
    void unstableCrossing() {
        // Excess 0.15 at step 275 is exactly half the final 0.3: on another CPU it could cross one entry later, 50
        // steps after the induction score instead of 25.
        IntToDoubleFunction edge = s -> s < 275 ? 0.0 : s == 275 ? 0.15 : 0.3;
        Finding f = PhaseChange.phaseChange(log(planTwoSteps(), edge, jump(250, 0.05, 0.6)));
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.margin().number()).isEqualTo("steps between the crossings");
        assertThat(f.margin().numerical()).isEqualTo(25);
        assertThat(f.fragile()).isTrue();
        assertThat(rule(275, 275).fragile()).isFalse();
    }

    @Test
    @DisplayName("the rule's description states both half-crossings, the interval and the two not-applicable guards")
    void description() {
        assertThat(Rules.describe(Claim.PHASE_CHANGE)).isEqualTo(PhaseChange.describe()).contains("half its final value")
                .contains("one logging interval").contains("< 0.1").contains("< 0.5");
    }
}
