package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.AblationRulesTest.I;
import static io.github.driftclaims.verdict.AblationRulesTest.P;
import static io.github.driftclaims.verdict.AblationRulesTest.Q;
import static io.github.driftclaims.verdict.AblationRulesTest.R;
import static io.github.driftclaims.verdict.AblationRulesTest.withAttribution;
import static io.github.driftclaims.verdict.AblationRulesTest.withPairs;
import static io.github.driftclaims.verdict.AblationRulesTest.withSweep;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.AblationKind.Id;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.martingale.Interval;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.martingale.Statistic;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Which line a verdict reports as its margin (the one nearest to flipping it, among the lines that can), for claims
 * 6, 13, 14 and 17 to 26, and those rules exactly on their lines. A margin names the number a reader should watch; a
 * line that cannot change the verdict in its branch must not be it. Claim 13's candidates are the subtle ones: a
 * count's std factor is a candidate only where that count meeting or missing 3x changes the tier, and a count's
 * baseline std only where counting it in or leaving it out does. Each case below is built so that the one candidate
 * the rule must take (or must leave out) is the nearest, in uncertainties, of all: d = 1e-5 sqrt(10/9) per std of 10
 * orderings.
 */
@DisplayName("The margin each verdict reports, and claims 6, 13, 14 and 17 to 26 on their lines")
class RuleMarginsTest {

    static LaterMeasurements.Spread spread(int nX, double baselineStd, double ablatedStd) {
        return new LaterMeasurements.Spread(nX, 10, baselineStd, ablatedStd);
    }

    static Finding claim13(LaterMeasurements.Spread... spreads) {
        return LaterRules.orderSensitivityRemoved(new LaterMeasurements("test", List.of(spreads), 0.2, 0.1, 0.3, 0.03,
                List.of(), null));
    }

    @Nested
    @DisplayName("Claim 13: which count's factor or baseline std is the margin")
    class OrderSensitivity {

        @Test
        @DisplayName("1 of 3 met (refuted): the met count, even exactly at 3x, cannot flip it, so its factor is no margin")
        void metCountCannotFlipRefuted() {
            // n_X=1 falls exactly 3x (3/64 -> 1/64); n_X=2 and 3 do not fall at all.
            Finding f = claim13(spread(1, 3.0 / 64, 1.0 / 64), spread(2, 0.1, 0.1), spread(3, 0.1, 0.1));
            assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(f.reason()).contains("at 1 of 3 material counts (smallest factor 1.00x");
            // Not the factor at n_X=1 (0 from its line), nor its baseline std (leaving it out leaves 0 of 2: refuted).
            assertThat(f.margin().number()).isEqualTo("largest baseline std");
        }

        @Test
        @DisplayName("0 of 2 met (refuted): a short count meeting 3x would make it partly, so the nearest factor (2.9x) is the margin")
        void shortCountCanFlipRefuted() {
            Finding f = claim13(spread(1, 0.1, 0.1 / 2.9), spread(2, 0.1, 0.1));
            assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(f.margin().number()).isEqualTo("std factor at n_X=1");
            assertThat(f.margin().value()).isCloseTo(2.9, org.assertj.core.api.Assertions.within(1e-9));
        }

        @Test
        @DisplayName("1 of 2 met (partly): a short count just above materiality would, left out, make it reproduced")
        void shortCountsMaterialityCanFlip() {
            Finding f = claim13(spread(1, 0.1, 0.01), spread(2, 0.026, 0.026));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.margin().number()).isEqualTo("baseline std at n_X=2");
            assertThat(f.margin().line()).isEqualTo(Thresholds.MATERIAL_SPREAD);
            // A std over the sweep's 10 orderings of inputs each within 1e-5.
            assertThat(f.margin().numerical()).isEqualTo(Uncertainty.sampleStd(10, Uncertainty.INPUT));
        }

        @Test
        @DisplayName("2 of 3 met (partly): a short count exactly on materiality is asked, and leaving it out would flip it")
        void shortCountOnTheMaterialityLine() {
            Finding f = claim13(spread(1, Thresholds.MATERIAL_SPREAD, Thresholds.MATERIAL_SPREAD), spread(2, 0.1, 0.01),
                    spread(3, 0.1, 0.01));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.reason()).contains("at 2 of 3 material counts");
            assertThat(f.margin().number()).isEqualTo("baseline std at n_X=1");
            assertThat(f.margin().margin()).isZero();
        }

        @Test
        @DisplayName("1 of 2 met (partly): a met count just above materiality would, left out, make it refuted")
        void metCountsMaterialityCanFlip() {
            Finding f = claim13(spread(1, 0.0251, 0.005), spread(2, 0.1, 0.1));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.margin().number()).isEqualTo("baseline std at n_X=1");
        }
    }

    @Nested
    @DisplayName("Claims 6 and 14: the share lines count only where the drift is material")
    class Shares {

        static Measurements topHead(double drift, double reduction) {
            Measurements g = RulesTest.good();
            return new Measurements(2, drift, g.maeToBayes(), g.topHead(), reduction, g.top2(), g.top2Drift(),
                    g.top2Mae(), g.top3Drift(), g.stripes(), g.scores(), g.composition(), g.invariance());
        }

        @Test
        @DisplayName("claim 6: the top head removing exactly half of 0.5 is reproduced, its share 0.5 the margin")
        void topHeadOnTheLine() {
            Finding f = DriftRules.sweepFindsCause(topHead(0.5, 0.25));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.margin().number()).isEqualTo("top head's share");
            assertThat(f.margin().value()).isEqualTo(Thresholds.SINGLE_HEAD_SHARE);
        }

        @Test
        @DisplayName("claim 6 without material drift: the drift line is the margin, however near the share sits to its own")
        void topHeadNotApplicable() {
            Finding f = DriftRules.sweepFindsCause(topHead(0.09, 0.045));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.margin().number()).isEqualTo("drift");
        }

        @Test
        @DisplayName("claim 14 without material drift: the 4X/1Y drift line is the margin, not a share of nothing")
        void fourXNotApplicable() {
            Finding f = LaterRules.drift4x1Collapse(new LaterMeasurements("test", List.of(), 0.2, 0.1, 0.0, 0.3, List.of(),
                    null));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.margin().number()).isEqualTo("4X/1Y drift");
        }
    }

    @Nested
    @DisplayName("Claims 17 to 22 on their lines")
    class Ablation {

        @Test
        @DisplayName("claim 17: the same set removing exactly 80% (0.5 -> 0.1) is reproduced; the reason names the overlap")
        void sameHeads() {
            Finding on = AblationRules.sameHeads(withSweep(0.5, Id.MEAN, List.of(I, P), 0.1), Id.MEAN);
            assertThat(on.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(on.reason()).contains("(the same set)");
            Finding one = AblationRules.sameHeads(withSweep(0.4, Id.MEAN, List.of(P, R), 0.02), Id.MEAN);
            assertThat(one.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(one.reason()).contains("vs zero's [L0H3, L1H4] (1 shared)");
            Finding none = AblationRules.sameHeads(withSweep(0.4, Id.MEAN, List.of(R, Q), 0.02), Id.MEAN);
            assertThat(none.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(none.reason()).contains("(disjoint)");
        }

        @Test
        @DisplayName("claims 19 to 21: drift exactly 0.1 is material; a gap of exactly 0.005 is within; exactly 80% is partly")
        void bestPair() {
            assertThat(AblationRules.bestPair(withPairs(Thresholds.MATERIAL_DRIFT, 0.0, 0.0), Id.ZERO).verdict())
                    .isEqualTo(Verdict.REPRODUCED);
            Finding gap = AblationRules.bestPair(withPairs(0.5, Thresholds.PAIR_TOLERANCE, 0.0), Id.ZERO);
            assertThat(gap.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(gap.margin().number()).isEqualTo("pair gap");
            assertThat(gap.margin().margin()).isZero();
            assertThat(AblationRules.bestPair(withPairs(0.5, 0.1, 0.0), Id.ZERO).verdict()).isEqualTo(Verdict.PARTLY);
        }

        @Test
        @DisplayName("claim 22: drift exactly 0.1 is material; the reason gives each drift head's rank and spread and the top two")
        void attribution() {
            Finding f = AblationRules.attributionDiffers(withAttribution(Thresholds.MATERIAL_DRIFT, List.of(I, P, R, Q)));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("drift heads [L0H3 #2 (0.5000), L1H4 #1 (1.0000)]; ranked first: "
                    + "[L1H4 1.0000, L0H3 0.5000] vs rank <= 2");
            Finding missing = AblationRules.attributionDiffers(withAttribution(0.4, List.of(I, R)));
            assertThat(missing.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(missing.reason()).contains("[L0H3 #0, L1H4 #1 (1.0000)]");
        }

        @Test
        @DisplayName("claim 22 with no drift heads to rank: not reproduced by default (refuted)")
        void noDriftHeads() {
            AblationMeasurements g = AblationRulesTest.good();
            AblationMeasurements none = new AblationMeasurements(0.4, List.of(), g.sweeps(), g.pairs(), g.attribution());
            assertThat(AblationRules.attributionDiffers(none).verdict()).isEqualTo(Verdict.REFUTED);
        }
    }

    @Nested
    @DisplayName("Claims 23 to 26: the reasons, the margins and the undetermined cases")
    class Martingale {

        static final List<Head> HEADS = MartingaleRulesTest.HEADS;

        static List<MartingaleResult> results(int outside, double by) {
            return MartingaleRulesTest.results(outside, by, 0);
        }

        @Test
        @DisplayName("the four claims in order, the ablated one naming the heads")
        void inOrder() {
            List<Finding> all = Rules.martingale(new MartingaleMeasurements(HEADS, results(0, 0), results(0, 0)));
            assertThat(all).extracting(f -> f.claim().number()).containsExactly(23, 24, 25, 26);
            assertThat(all.get(1).reason()).startsWith("with [L1H1, L0H0] ablated: T1, T2,k outside");
        }

        @Test
        @DisplayName("the reason lists each statistic outside, marking those within the authors' 0.1/n band")
        void tallyText() {
            Finding within = MartingaleRules.martingaleKept(Claim.MARTINGALE, results(3, 0.0099), "as sampled");
            assertThat(within.reason()).contains(": [T1 at n=10, m=20, theta=0.5, seed 14: 1.0099 vs [0.0000, "
                    + "1.0000] (within 0.1/n), T2,2 at");
            Finding beyond = MartingaleRules.martingaleKept(Claim.MARTINGALE, results(3, 0.0101), "as sampled");
            assertThat(beyond.reason()).contains("[T1 at n=10, m=20, theta=0.5, seed 14: 1.0101 vs [0.0000, 1.0000], T2,2 at")
                    .doesNotContain("within 0.1/n");
            assertThat(MartingaleRules.martingaleKept(Claim.MARTINGALE, results(0, 0), "as sampled").reason())
                    .doesNotContain(" at n=").endsWith(")");
        }

        @Test
        @DisplayName("the band edge: exactly 0.1/n beyond an interval is within it")
        void bandEdge() {
            MartingaleResult.Cell cell = new MartingaleResult.Cell(10, 20, 0.5);
            double edge = Thresholds.EXTRA_TOLERANCE / cell.n();
            Interval below = new Interval(-1, 0);
            assertThat(new MartingaleMeasurements.Test(cell, 14, new Statistic("T1", edge, below, 0)).beyondTolerance())
                    .isFalse();
            assertThat(new MartingaleMeasurements.Test(cell, 14, new Statistic("T1", Math.nextUp(edge), below, 0))
                    .beyondTolerance()).isTrue();
        }

        @Test
        @DisplayName("claim 26 partly (5 -> 4): the margin is one more ablated violation, as many as sampled")
        void restoredPartlyMargin() {
            Finding f = MartingaleRules.martingaleRestored(new MartingaleMeasurements(HEADS, results(5, 0.5), results(4, 0.5)));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.margin().number()).isEqualTo("violations ablated vs as sampled");
            assertThat(f.margin().value()).isEqualTo(4);
            assertThat(f.margin().line()).isEqualTo(4.5);
            assertThat(f.reason()).contains("5 of 16 as sampled -> 4 of 16 with [L1H1, L0H0] ablated")
                    .doesNotContain("nothing to restore");
        }

        @Test
        @DisplayName("claim 26: the reason says why it is not applicable; with no cells run it is not determined")
        void restoredEdges() {
            assertThat(MartingaleRules.martingaleRestored(new MartingaleMeasurements(HEADS, results(2, 0.5), results(10, 0.5)))
                    .reason()).endsWith("(the property holds as sampled: nothing to restore, not applicable)");
            Finding none = MartingaleRules.martingaleRestored(new MartingaleMeasurements(HEADS, results(3, 0.5), List.of()));
            assertThat(none.determined()).isFalse();
            assertThat(none.reason()).isEqualTo("no martingale cell was run");
        }

        @Test
        @DisplayName("only claim 24's description says the heads are ablated at every step")
        void descriptions() {
            assertThat(Rules.describe(Claim.MARTINGALE_ABLATED)).endsWith("; the sweep's top two zero-ablated at "
                    + "hook_z at every step");
            assertThat(Rules.describe(Claim.MARTINGALE)).doesNotContain("zero-ablated");
        }
    }

    @Test
    @DisplayName("a margin's distance in its own uncertainties: 0 on the line with none, infinite off it, else the ratio")
    void marginInUncertainties() {
        assertThat(new Margin("x", 0.5, 0.5, 0, null).inUncertainties()).isZero();
        assertThat(new Margin("x", 0.6, 0.5, 0, null).inUncertainties()).isInfinite();
        assertThat(new Margin("x", 0.75, 0.5, 0.125, null).inUncertainties()).isEqualTo(2);
        assertThat(Uncertainty.sampleStd(2, 1e-5)).isEqualTo(1e-5 * Math.sqrt(2));
        assertThat(Uncertainty.sampleStd(1, 1e-5)).isZero();
    }

    @Test
    @DisplayName("a finding's reason with its margin appended, and without one as it is; claim titles and suite checks")
    void textsAndLabels() {
        Margin m = new Margin("drift", 0.5, 0.1, 2e-5, null);
        assertThat(new Finding(Claim.DRIFT, Verdict.REPRODUCED, "why", m).reasonWithMargin())
                .isEqualTo("why; " + m.text());
        assertThat(new Finding(Claim.DRIFT, Verdict.REPRODUCED, "why").reasonWithMargin()).isEqualTo("why");
        assertThat(Claim.DRIFT.title()).isEqualTo("drift");
        assertThat(Claim.ABLATION_CHANGES_OUTPUT.isSuiteCheck()).isTrue();
        assertThat(Claim.DRIFT.isSuiteCheck()).isFalse();
    }
}
