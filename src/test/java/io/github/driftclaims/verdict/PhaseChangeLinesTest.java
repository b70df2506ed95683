package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.PhaseChangeRuleTest.jump;
import static io.github.driftclaims.verdict.PhaseChangeRuleTest.log;
import static io.github.driftclaims.verdict.PhaseChangeRuleTest.planTwoSteps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Claim 30's rule at its edges (PhaseChangeRuleTest has each verdict on typical logs): a curve whose final value is
 * not positive has no crossing, a crossing within numerical error of its half line widens the timing margin whichever
 * curve it is, a stable one does not, and the numbers the reason and the reports state.
 *
 * <p>The one edge left untested, and why it cannot be: an entry exactly 1.5 uncertainties from the half line. The
 * half line is at least 0.05 (the excess drift's) or 0.25 (the induction score's) once the guards pass, so a distance
 * of about 1.5e-5 from it is a multiple of 2^-58 or coarser, and 1.5 x 1e-5 and 1.5 x 2e-5 in doubles are not: the
 * comparison's {@code <=} and {@code <} agree on every input that reaches it.
 */
@DisplayName("Claim 30 at its edges: missing crossings, unstable crossings, and the numbers it states")
class PhaseChangeLinesTest {

    @Test
    @DisplayName("a curve that ends at 0 or below has no crossing, the other keeps its own; an empty log has neither")
    void crossingsOfNonPositiveCurves() {
        // The excess drift falls back to 0: half of 0 is not a level it "reaches", though every entry is >= 0.
        assertThat(PhaseChange.crossings(log(planTwoSteps(), jump(275, 0.2, 0.0), jump(300, 0.05, 0.6))))
                .isEqualTo(new PhaseChange.Crossings(null, 300, 0));
        // No induction score ever: the excess keeps its step.
        assertThat(PhaseChange.crossings(log(planTwoSteps(), jump(275, 0.0, 0.3), s -> 0.0)))
                .isEqualTo(new PhaseChange.Crossings(275, null, 0));
        assertThat(PhaseChange.crossings(List.of())).isEqualTo(new PhaseChange.Crossings(null, null, 0));
    }

    @Test
    @DisplayName("a final excess drift of exactly 0 is 'not positive', not 'not material'")
    void zeroFinalExcess() {
        Finding f = PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.2, 0.0), jump(275, 0.05, 0.6)));
        assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(f.reason()).contains("the final excess drift is not positive").doesNotContain("not material");
    }

    @Test
    @DisplayName("an induction crossing on its half line widens the timing margin by an interval: its line is interval + 0.5")
    void unstableInductionCrossing() {
        // The induction score is exactly half its final 0.6 at step 275; the excess jumps cleanly there too.
        IntToDoubleFunction edge = s -> s < 275 ? 0.05 : s == 275 ? 0.3 : 0.6;
        Finding f = PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.01, 0.3), edge));
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.margin().number()).isEqualTo("steps between the crossings");
        assertThat(f.margin().value()).isZero();
        assertThat(f.margin().line()).isEqualTo(25.5);
        assertThat(f.margin().numerical()).isEqualTo(25);
        assertThat(f.fragile()).isFalse();
    }

    @Test
    @DisplayName("with both crossings far from their half lines the timing cannot move: the nearest line is the excess's")
    void stableCrossings() {
        // Final excess 0.15 (0.05 above its line, 2500 uncertainties); the curves sit at 0.01 and 0.05 before.
        Finding f = PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.01, 0.15), jump(275, 0.05, 0.6)));
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.margin().number()).isEqualTo("final excess drift");
        assertThat(f.margin().value()).isEqualTo(0.15);
    }

    @Test
    @DisplayName("the reason states both half lines: half the final excess drift and half the final induction score")
    void reasonStatesBothHalves() {
        Finding f = PhaseChange.phaseChange(log(planTwoSteps(), jump(275, 0.01, 0.3), jump(300, 0.05, 0.6)));
        assertThat(f.reason()).contains("final (step 2000) excess drift 0.3000, best induction score 0.6000; excess "
                + "drift first reaches half its final value (0.1500) at step 275, the induction score (0.3000) at step "
                + "300: 25 steps apart vs one logging interval 25");
    }

    @Test
    @DisplayName("the crossings as the reports show them: both steps, then the gap and the interval where both exist")
    void crossingsText() {
        assertThat(new PhaseChange.Crossings(275, 325, 25).text()).isEqualTo("275 / 325 (gap 50 vs interval 25)");
        assertThat(new PhaseChange.Crossings(275, 275, 25).text()).isEqualTo("275 / 275 (gap 0 vs interval 25)");
        assertThat(new PhaseChange.Crossings(null, 275, 0).text()).isEqualTo("none / 275");
        assertThat(new PhaseChange.Crossings(300, null, 0).text()).isEqualTo("300 / none");
        assertThat(new PhaseChange.Crossings(275, 300, 25).within()).as("a gap of exactly one interval").isTrue();
        assertThat(new PhaseChange.Crossings(null, 300, 0).within()).isFalse();
    }
}
