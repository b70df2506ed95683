package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.verdict.IdealBaselines.Count;
import io.github.driftclaims.verdict.IdealBaselines.Readings;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Claims 31 to 35 exactly on their lines, the margin each verdict reports, and the numbers their reasons state
 * (IdealRulesTest has each tier on typical numbers). A residual is P(X) - ideal P(X), so the numbers are chosen to
 * land on a line after that subtraction: 0.2 - 0.1 == 0.1, 0.6 - 0.1 == 0.5, 0.05 - 0.025 == 0.025, 0.75 - 0.25 ==
 * 0.5 and 0.5 - 0.25 == 0.25 in doubles, (0.5 - 0.1) / 0.5 == 0.8 and (0.5 - 0.25) / 0.5 == 0.5, and binary
 * fractions (3/64) for the 3x factor. The sample std of {d, -d, 0} is exactly d.
 */
@DisplayName("Claims 31 to 35 exactly on their lines, with their margins and the numbers they state")
class IdealRuleLinesTest {

    static Readings r(List<Double> model, List<Double> ablated, List<Double> ideal) {
        return new Readings(model, ablated, ideal);
    }

    static List<Double> same(int n, double v) {
        return Collections.nCopies(n, v);
    }

    static final Readings EMPTY = r(List.of(), List.of(), List.of());

    static IdealBaselines notebook(Readings three) {
        return new IdealBaselines(true, three, List.of(), EMPTY, EMPTY);
    }

    static IdealBaselines fourX(Readings five) {
        return new IdealBaselines(true, EMPTY, List.of(), five, EMPTY);
    }

    static IdealBaselines sweep(Count... counts) {
        return new IdealBaselines(true, EMPTY, List.of(counts), EMPTY, EMPTY);
    }

    static IdealBaselines tracking(Readings steps) {
        return new IdealBaselines(true, EMPTY, List.of(), EMPTY, steps);
    }

    @Nested
    @DisplayName("Claim 31 (claim 8 against the ideal)")
    class TowardIdeal {

        @Test
        @DisplayName("a drift beyond the ideal of exactly 0.1 is material: reproduced, its margin 0 on that line")
        void materialOnTheLine() {
            Finding f = IdealRules.towardIdeal(notebook(r(List.of(0.2, 0.1, 0.1), same(3, 0.1), same(3, 0.1))));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.margin().number()).isEqualTo("drift beyond the ideal");
            assertThat(f.margin().value()).isEqualTo(Thresholds.MATERIAL_DRIFT);
            assertThat(f.margin().margin()).isZero();
        }

        @Test
        @DisplayName("an ablated drift beyond the ideal of exactly 0.05 is not order-invariant: partly, though the MAE falls 90%")
        void ablatedDriftOnTheLine() {
            // An ideal of 0 here: 0.15 - 0.1 is not the double 0.05.
            Finding f = IdealRules.towardIdeal(notebook(r(List.of(0.5, 0.0, 0.0), List.of(0.05, 0.0, 0.0), same(3, 0.0))));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.reason()).contains("after the top two 0.0500 vs 0.05").contains("(90.0% lower");
            assertThat(f.margin().number()).isEqualTo("ablated drift beyond the ideal");
            assertThat(f.margin().margin()).isZero();
        }

        @Test
        @DisplayName("an MAE to the ideal exactly 25% lower (0.25 -> 0.1875) with the drift gone is reproduced, on its line")
        void maeOnTheLine() {
            Finding f = IdealRules.towardIdeal(notebook(r(List.of(0.5, 0.0), List.of(0.1875, 0.1875), same(2, 0.0))));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("MAE to the ideal 0.2500 -> 0.1875 (25.0% lower, reproduced from 25.0% lower)");
            assertThat(f.margin().number()).isEqualTo("MAE fall to the ideal");
            assertThat(f.margin().margin()).isZero();
        }

        @Test
        @DisplayName("not applicable: only the material line can change it, however near the ablated numbers sit to theirs")
        void notApplicableHasOnlyTheMaterialLine() {
            // Ablated drift 0.0501, 5 uncertainties from its line; the material line is 500 away.
            Finding nearDrift = IdealRules.towardIdeal(notebook(r(List.of(0.09, 0.0, 0.0), List.of(0.0501, 0.0, 0.0),
                    same(3, 0.0))));
            assertThat(nearDrift.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(nearDrift.margin().number()).isEqualTo("drift beyond the ideal");
            // Ablated MAE exactly on its line, drift 0: still the material line.
            Finding nearMae = IdealRules.towardIdeal(notebook(r(List.of(0.09, 0.0), List.of(0.05, 0.05),
                    same(2, 0.0))));
            assertThat(nearMae.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(nearMae.margin().number()).isEqualTo("drift beyond the ideal");
            assertThat(nearMae.reason()).contains("not applicable");
        }

        @Test
        @DisplayName("refuted when the MAE to the ideal rises: the fall's zero line is the margin, not the material line")
        void refutedHasNoMaeLine() {
            // Residuals 0.5, 0, 0 -> 0.6, 0, 0: MAE 0.1667 -> 0.2000, 20% higher; drift 0.5, 0.4 above its line.
            Finding f = IdealRules.towardIdeal(notebook(r(List.of(0.5, 0.0, 0.0), List.of(0.6, 0.0, 0.0),
                    same(3, 0.0))));
            assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(f.reason()).contains("(20.0% higher");
            assertThat(f.margin().number()).isEqualTo("MAE fall to the ideal");
            assertThat(f.margin().value()).isCloseTo(-0.2, within(1e-12));
        }
    }

    @Nested
    @DisplayName("Claim 32 (claim 12 against the ideal)")
    class CloserToIdeal {

        @Test
        @DisplayName("the MAE is the mean over counts: per-count errors 0.3 and 0.1 -> 0.1 and 0.1 is 0.2 -> 0.1, 50% lower")
        void meanOverCounts() {
            Count one = new Count(1, 2, r(same(2, 0.8), same(2, 0.6), same(2, 0.5)));
            Count two = new Count(2, 2, r(same(2, 0.6), same(2, 0.4), same(2, 0.5)));
            Finding f = IdealRules.closerToIdeal(sweep(one, two));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("MAE of the per-count means to the ideal's 0.2000 -> 0.1000, 50.0% lower vs 25.0%");
            assertThat(f.margin().value()).isCloseTo(0.5, within(1e-9));
        }

        @Test
        @DisplayName("an MAE exactly 25% lower (0.5 -> 0.375) is reproduced, on its line")
        void dropOnTheLine() {
            Finding f = IdealRules.trackingIdeal(tracking(r(List.of(0.75), List.of(0.625), List.of(0.25))));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("0.5000 -> 0.3750, 25.0% lower");
            assertThat(f.margin().number()).isEqualTo("MAE drop");
            assertThat(f.margin().line()).isEqualTo(Thresholds.MAE_DROP);
            assertThat(f.margin().margin()).isZero();
        }
    }

    @Nested
    @DisplayName("Claim 33 (claim 13 against the ideal)")
    class ExcessSensitivity {

        /** n_X of 10 symbols, three orderings whose residuals are {sb, -sb, 0} and {sa, -sa, 0} around an ideal 0.5. */
        static Count count(int nX, double sb, double sa) {
            return new Count(nX, 10, r(List.of(0.5 + sb, 0.5 - sb, 0.5), List.of(0.5 + sa, 0.5 - sa, 0.5),
                    same(3, 0.5)));
        }

        @Test
        @DisplayName("a baseline std beyond the ideal of exactly 0.025 is material: asked, and met, reproduced")
        void materialSpreadOnTheLine() {
            Count c = new Count(1, 3, r(List.of(0.05, 0.0, 0.025), same(3, 0.025), same(3, 0.025)));
            Finding f = IdealRules.excessSensitivityRemoved(sweep(c));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("at 1 of 1 material counts").contains("largest baseline std 0.0250")
                    .doesNotContain("not asked");
            assertThat(f.margin().value()).isEqualTo(Thresholds.MATERIAL_SPREAD);
        }

        @Test
        @DisplayName("a std that falls by exactly 3x (3/64 -> 1/64) meets the factor: reproduced, smallest factor 3.00x")
        void factorOnTheLine() {
            Finding f = IdealRules.excessSensitivityRemoved(sweep(count(1, 3.0 / 64, 1.0 / 64)));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("smallest factor 3.00x").doesNotContain("short at");
        }

        @Test
        @DisplayName("the reason states each count's fate: met, short (with both stds), or below the line and not asked")
        void reasonText() {
            Finding f = IdealRules.excessSensitivityRemoved(sweep(count(1, 0.1, 0.025), count(2, 0.1, 0.05),
                    count(3, 0.01, 0.01)));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.reason()).contains("falls by 3.0x at 1 of 2 material counts (smallest factor 2.00x, largest "
                    + "baseline std 0.1000 vs material 0.025)")
                    .contains("; below 0.025, not asked: n_X=3")
                    .contains("; short at n_X=2 (0.1000 -> 0.0500)")
                    .doesNotContain("no material order sensitivity");
        }

        @Test
        @DisplayName("an ablated std of 0 is an infinite factor, and the smallest factor is the finite one")
        void zeroAblatedStd() {
            Finding f = IdealRules.excessSensitivityRemoved(sweep(count(1, 0.1, 0.0), count(2, 0.1, 0.02)));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("smallest factor 5.00x");
            assertThat(IdealRules.excessSensitivityRemoved(sweep(count(1, 0.1, 0.0))).reason())
                    .contains("smallest factor Infinityx");
        }

        @Test
        @DisplayName("nothing material: not applicable, no factor to state, and the reason says why")
        void notApplicableText() {
            Finding f = IdealRules.excessSensitivityRemoved(sweep(count(1, 0.02, 0.02)));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.reason()).contains("at 0 of 0 material counts (smallest factor n/a")
                    .contains("not asked: n_X=1")
                    .endsWith(" (no material order sensitivity beyond the ideal's to remove)");
        }

        @Test
        @DisplayName("a sweep with only one-ordering counts (n_X = 0 and n) cannot decide: not determined")
        void onlySingleOrderings() {
            Finding f = IdealRules.excessSensitivityRemoved(sweep(new Count(0, 3, r(same(1, 0.2), same(1, 0.2),
                    same(1, 0.1))), new Count(3, 3, r(same(1, 0.9), same(1, 0.9), same(1, 0.8)))));
            assertThat(f.determined()).isFalse();
            assertThat(f.reason()).isEqualTo("no count with more than one ordering");
        }

        @Test
        @DisplayName("the std is the sample std (ddof = 1) of the residuals: {0.1, -0.1} is 0.1414, two orderings suffice")
        void sampleStdOfTwo() {
            Count two = new Count(1, 2, r(List.of(0.6, 0.4), same(2, 0.5), same(2, 0.5)));
            Finding f = IdealRules.excessSensitivityRemoved(sweep(two));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("largest baseline std 0.1414");
            assertThat(IdealRules.sampleStd(new double[] {0.1, 0.3, 0.2})).isCloseTo(0.1, within(1e-12));
            assertThat(IdealRules.sampleStd(new double[] {0.7})).isZero();
        }
    }

    @Nested
    @DisplayName("Claim 34 (claim 14 against the ideal)")
    class Excess4x1 {

        /** Five orderings with an ideal {@code ideal} each; the first's model and ablated P(X) given. */
        static Readings five(double model, double ablated, double ideal) {
            return r(List.of(model, ideal, ideal, ideal, ideal), List.of(ablated, ideal, ideal, ideal, ideal),
                    same(5, ideal));
        }

        @Test
        @DisplayName("a 4X/1Y drift beyond the ideal of exactly 0.1 is material: reproduced when all of it goes")
        void materialOnTheLine() {
            Finding f = IdealRules.excess4x1Collapse(fourX(five(0.2, 0.1, 0.1)));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("0.1000 -> 0.0000, 100.0% removed").doesNotContain("not applicable");
        }

        @Test
        @DisplayName("exactly 80% removed (0.5 -> 0.1) is reproduced; exactly 50% (0.5 -> 0.25) is partly")
        void sharesOnTheLines() {
            Finding collapse = IdealRules.excess4x1Collapse(fourX(five(0.6, 0.2, 0.1)));
            assertThat(collapse.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(collapse.margin().number()).isEqualTo("share removed");
            assertThat(collapse.margin().line()).isEqualTo(Thresholds.COLLAPSE_SHARE);
            assertThat(collapse.margin().margin()).isZero();
            Finding half = IdealRules.excess4x1Collapse(fourX(five(0.75, 0.5, 0.25)));
            assertThat(half.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(half.margin().line()).isEqualTo(Thresholds.SINGLE_HEAD_SHARE);
            assertThat(half.reason()).contains("0.5000 -> 0.2500, 50.0% removed vs 80.0% (partly 50.0%)");
        }

        @Test
        @DisplayName("not applicable: the share lines cannot change it, so the margin is the material line's")
        void notApplicableHasOnlyTheMaterialLine() {
            // Nothing beyond the ideal before, 0.3 after: the share is 0 with an infinite uncertainty, which would be
            // the nearest line were it a candidate.
            Finding f = IdealRules.excess4x1Collapse(fourX(five(0.1, 0.4, 0.1)));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.margin().number()).isEqualTo("4X/1Y drift beyond the ideal");
            assertThat(f.reason()).contains("n/a (drift not material) removed").endsWith("(no material drift beyond the "
                    + "ideal's: nothing to collapse, not applicable)");
        }
    }
}
