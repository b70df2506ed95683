package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.interp.AblationKind.Id;
import io.github.driftclaims.interp.OrderingResamples;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Margins, uncertainties and the fragile label on hand-made numbers (QUALITY.md, "Margins and fragile verdicts"),
 * including the cases issue 27 lists: each comes out fragile or not by the rule, and the test says which.
 */
@DisplayName("Margins and fragile verdicts, on hand-made numbers")
class MarginRulesTest {

    static final double EPS = Uncertainty.INPUT;

    /** Measurements like {@link RulesTest#good()} with the top-two numbers given and the triples' spreads. */
    static Measurements m(double drift, double top2Drift, double top2Mae, OrderingResamples.Triples t) {
        Measurements g = RulesTest.good();
        return new Measurements(2, drift, g.maeToBayes(), g.topHead(), g.topHeadReduction(), g.top2(), top2Drift,
                top2Mae, g.top3Drift(), g.stripes(), g.scores(), g.composition(), g.invariance(), t);
    }

    static OrderingResamples.Triples spreads(double x) {
        return new OrderingResamples.Triples(x, x, x, x, x, x, x);
    }

    @Nested
    @DisplayName("the margin record")
    class Record {

        @Test
        @DisplayName("a margin is value minus line, and fragile exactly when its size is at most both uncertainties")
        void fragileAtTheEdge() {
            Margin m = new Margin("x", 0.53, 0.5, 0.01, 0.02);
            assertThat(m.margin()).isCloseTo(0.03, within(1e-12));
            assertThat(m.uncertainty()).isCloseTo(0.03, within(1e-12));
            assertThat(new Margin("x", 0.53, 0.5, 0.01, 0.0201).fragile()).isTrue();
            assertThat(new Margin("x", 0.53, 0.5, 0.01, 0.0199).fragile()).isFalse();
            assertThat(new Margin("x", 0.47, 0.5, 0.01, 0.0201).fragile()).as("below the line too").isTrue();
            assertThat(new Margin("x", 0.47, 0.5, 0.01, null).fragile()).as("no sampling counts as 0").isFalse();
            assertThat(new Margin("x", 0.5, 0.5, 0, null).fragile()).as("on the line with no uncertainty").isTrue();
        }

        @Test
        @DisplayName("of several lines the nearest in units of its uncertainty decides, then the nearest outright")
        void nearest() {
            Margin farButNoisy = new Margin("share", 0.9, 0.8, 0.001, 0.2);
            Margin nearButExact = new Margin("drift", 0.11, 0.1, 0.001, null);
            assertThat(Margin.nearest(List.of(nearButExact, farButNoisy))).isSameAs(farButNoisy);
            Margin count1 = new Margin("count", 1, 2.5, 0, null);
            Margin count2 = new Margin("count", 2, 2.5, 0, null);
            assertThat(Margin.nearest(List.of(count1, count2))).isSameAs(count2);
            assertThat(Margin.nearest(List.of())).isNull();
        }

        @Test
        @DisplayName("the text names the number, its line, the signed margin, both uncertainties and FRAGILE")
        void text() {
            assertThat(new Margin("drift", 0.0505, 0.05, 2e-5, 0.01).text()).isEqualTo(
                    "drift 0.05050 vs 0.05000: margin +0.0005000 (numerical 2.0e-05, sampling 0.01000) FRAGILE");
            assertThat(new Margin("drift", 0.3, 0.1, 2e-5, null).text()).endsWith("(numerical 2.0e-05, sampling n/a)");
        }
    }

    @Nested
    @DisplayName("the numerical helpers, one per formula")
    class Formulas {

        @Test
        @DisplayName("a drift is a difference of two inputs, a mean moves as one input, a std by sqrt(n/(n-1))")
        void simple() {
            assertThat(Uncertainty.drift()).isEqualTo(2 * EPS);
            assertThat(Uncertainty.difference(-1e-5, 3e-5)).isCloseTo(4e-5, within(1e-15));
            assertThat(Uncertainty.mean()).isEqualTo(EPS);
            assertThat(Uncertainty.sampleStd(10, EPS)).isCloseTo(EPS * Math.sqrt(10.0 / 9), within(1e-15));
            assertThat(Uncertainty.sampleStd(1, EPS)).isZero();
            assertThat(Uncertainty.count()).isZero();
        }

        @Test
        @DisplayName("a ratio u/v moves by (|du| + |u/v| |dv|) / |v|, a share 1 - a/b by the ratio a/b's")
        void ratios() {
            assertThat(Uncertainty.ratio(1, 4, 0.1, 0.2)).isCloseTo((0.1 + 0.25 * 0.2) / 4, within(1e-15));
            assertThat(Uncertainty.ratio(-1, -4, -0.1, 0.2)).isCloseTo((0.1 + 0.25 * 0.2) / 4, within(1e-15));
            assertThat(Uncertainty.ratio(1, 0, 0.1, 0.1)).isInfinite();
            assertThat(Uncertainty.share(0.4, 0.1, 2e-5, 2e-5)).isCloseTo((2e-5 + 0.25 * 2e-5) / 0.4, within(1e-15));
            // The counting control: a share of a drift of 0.0022 moves by about 1e-2, as measured (8e-4) and more.
            assertThat(Uncertainty.share(0.0022, 0.001, 2e-5, 2e-5)).isGreaterThan(8e-4);
        }
    }

    @Nested
    @DisplayName("the cases issue 27 lists")
    class IssueCases {

        @Test
        @DisplayName("8-head model claim 8, ablated drift 0.0505 vs 0.05 (MAE 0.2 -> 0.04): partly, not fragile on its "
                + "numerical uncertainty alone, fragile once the triples' spread (0.01) is beside it")
        void eightHeadClaim8() {
            Finding alone = DriftRules.towardCounting(m(0.40, 0.0505, 0.04, null));
            assertThat(alone.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(alone.margin().number()).isEqualTo("ablated drift");
            assertThat(alone.margin().margin()).isCloseTo(0.0005, within(1e-12));
            assertThat(alone.margin().numerical()).isEqualTo(2 * EPS);
            assertThat(alone.fragile()).isFalse();
            Finding sampled = DriftRules.towardCounting(m(0.40, 0.0505, 0.04, spreads(0.01)));
            assertThat(sampled.verdict()).as("the label never changes the verdict").isEqualTo(Verdict.PARTLY);
            assertThat(sampled.fragile()).isTrue();
        }

        @Test
        @DisplayName("claim 12, MAE drop 23.1% vs 25%: partly, not fragile numerically, fragile with a bootstrap "
                + "spread of 0.03")
        void claim12() {
            LaterMeasurements g = RulesTest.goodLater();
            LaterMeasurements l = new LaterMeasurements("t", g.spreads(), 0.1, 0.0769, 0.3, 0.03, g.effects(),
                    g.tracking(), null);
            Finding f = LaterRules.closerToBayes(l);
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.margin().line()).as("the 25% line is nearer than the 0 line").isEqualTo(Thresholds.MAE_DROP);
            assertThat(f.margin().margin()).isCloseTo(-0.019, within(1e-9));
            assertThat(f.margin().numerical()).isCloseTo((EPS + 0.769 * EPS) / 0.1, within(1e-12));
            assertThat(f.fragile()).isFalse();
            LaterMeasurements sampled = new LaterMeasurements("t", g.spreads(), 0.1, 0.0769, 0.3, 0.03, g.effects(),
                    g.tracking(), new LaterMeasurements.Sampling(0.03, List.of(), 0.0));
            assertThat(LaterRules.closerToBayes(sampled).fragile()).isTrue();
            assertThat(LaterRules.closerToBayes(sampled).margin().sampling()).isEqualTo(0.03);
        }

        @Test
        @DisplayName("default claims 7 and 17, 83.2% vs 80%: reproduced; fragile only with a sampling spread above "
                + "0.032")
        void claims7And17() {
            // drift 0.25, top two leave 0.042: 83.2% removed
            Finding seven = DriftRules.topTwoCollapse(m(0.25, 0.042, 0.03, null));
            assertThat(seven.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(seven.margin().number()).isEqualTo("top two's share");
            assertThat(seven.margin().margin()).isCloseTo(0.032, within(1e-9));
            assertThat(seven.fragile()).isFalse();
            assertThat(DriftRules.topTwoCollapse(m(0.25, 0.042, 0.03, spreads(0.031))).fragile()).isFalse();
            assertThat(DriftRules.topTwoCollapse(m(0.25, 0.042, 0.03, spreads(0.033))).fragile()).isTrue();
            Finding seventeen = AblationRules.sameHeads(AblationRulesTest.withSweep(0.25, Id.MEAN, List.of(AblationRulesTest.I,
                    AblationRulesTest.P), 0.042), Id.MEAN);
            assertThat(seventeen.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(seventeen.margin().margin()).isCloseTo(0.032, within(1e-9));
            assertThat(seventeen.margin().sampling()).as("no sampling spread for claim 17").isNull();
            assertThat(seventeen.fragile()).isFalse();
        }

        @Test
        @DisplayName("counting control claim 8, MAE 0.0503 vs 0.05: not applicable (drift 0.0022), decided by the "
                + "drift line, not fragile: the MAE's line cannot change a verdict without material drift")
        void countingClaim8() {
            Finding f = DriftRules.towardCounting(m(0.0022, 0.0021, 0.0503, null));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.margin().number()).isEqualTo("drift");
            assertThat(f.margin().margin()).isCloseTo(0.0022 - 0.1, within(1e-12));
            assertThat(f.fragile()).isFalse();
        }
    }

    @Nested
    @DisplayName("which lines a rule reports")
    class Lines {

        @Test
        @DisplayName("claim 4's drift line carries the triples' spread of the drift")
        void drift() {
            Finding f = DriftRules.drift(m(0.12, 0.01, 0.01, new OrderingResamples.Triples(0.05, 0, 0, 0, 0, 0, 0)));
            assertThat(f.margin().sampling()).isEqualTo(0.05);
            assertThat(f.margin().margin()).isCloseTo(0.02, within(1e-12));
            assertThat(f.fragile()).isTrue();
            assertThat(DriftRules.drift(m(0.16, 0.01, 0.01, new OrderingResamples.Triples(0.05, 0, 0, 0, 0, 0, 0))).fragile())
                    .isFalse();
        }

        @Test
        @DisplayName("claim 5: a stripe's line counts only where the other stripe clears it")
        void stripes() {
            Measurements g = RulesTest.good();
            // induction 0.51 (just clear), previous-token 0.3 (visible only): partly. The induction stripe's 0.5 line
            // cannot change that (the other stripe is not clear); the nearest line is the previous-token stripe's 0.25
            Measurements s = new Measurements(2, g.drift(), g.maeToBayes(), g.topHead(), g.topHeadReduction(), g.top2(),
                    g.top2Drift(), g.top2Mae(), g.top3Drift(), RulesTest.stripes(0.51, 0.3), g.scores(), g.composition(),
                    g.invariance());
            Finding f = PatternRules.attentionCircuit(s);
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.margin().number()).isEqualTo("previous-token stripe");
            assertThat(f.margin().line()).isEqualTo(Thresholds.STRIPE_VISIBLE);
            assertThat(f.margin().margin()).isCloseTo(0.05, within(1e-12));
            // previous-token 0.3 and induction 0.49: the induction stripe's 0.5 line still cannot change "partly"
            Measurements t = new Measurements(2, g.drift(), g.maeToBayes(), g.topHead(), g.topHeadReduction(), g.top2(),
                    g.top2Drift(), g.top2Mae(), g.top3Drift(), RulesTest.stripes(0.49, 0.3), g.scores(), g.composition(),
                    g.invariance());
            assertThat(PatternRules.attentionCircuit(t).margin().line()).isEqualTo(Thresholds.STRIPE_VISIBLE);
        }

        @Test
        @DisplayName("claim 13: a count's factor counts only where one count more or fewer changes the tier")
        void claim13() {
            List<LaterMeasurements.Spread> spreads = new java.util.ArrayList<>(RulesTest.spreads(0.05, 0.01));
            spreads.set(3, new LaterMeasurements.Spread(3, 10, 0.05, 0.0165)); // factor 3.03: met, near the line
            LaterMeasurements g = RulesTest.goodLater();
            List<Double> factor = java.util.Collections.nCopies(11, 0.5);
            Finding f = LaterRules.orderSensitivityRemoved(new LaterMeasurements("t", spreads, 0.2, 0.1, 0.3, 0.03,
                    g.effects(), g.tracking(), new LaterMeasurements.Sampling(0.01, factor, 0.01)));
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.margin().number()).isEqualTo("std factor at n_X=3");
            assertThat(f.margin().sampling()).isEqualTo(0.5);
            assertThat(f.fragile()).isTrue();
        }

        @Test
        @DisplayName("claim 14: the 4X/1Y share's nearer line (80% or 50%) with the jackknife's spread")
        void claim14() {
            LaterMeasurements g = RulesTest.goodLater();
            Finding f = LaterRules.drift4x1Collapse(new LaterMeasurements("t", g.spreads(), 0.2, 0.1, 0.3, 0.141,
                    g.effects(), g.tracking(), new LaterMeasurements.Sampling(0.01, List.of(), 0.04)));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.margin().line()).isEqualTo(Thresholds.SINGLE_HEAD_SHARE);
            assertThat(f.margin().margin()).isCloseTo(0.03, within(1e-9));
            assertThat(f.fragile()).isTrue();
        }

        @Test
        @DisplayName("claims 23 and 26: counts sit half a count from their line, so they are never fragile")
        void counts() {
            Finding kept = MartingaleRules.martingaleKept(Claim.MARTINGALE, MartingaleRulesTest.results(2, 0.01, 0), "t");
            assertThat(kept.margin().line() % 1).isEqualTo(0.5);
            assertThat(Math.abs(kept.margin().margin())).isGreaterThanOrEqualTo(0.5);
            assertThat(kept.fragile()).isFalse();
        }

        @Test
        @DisplayName("an undetermined finding has no margin and is not fragile")
        void undetermined() {
            Finding f = Rules.excessDrift(new IdealMeasurements(0.3, null));
            assertThat(f.margin()).isNull();
            assertThat(f.fragile()).isFalse();
            Finding e = Rules.excessDrift(new IdealMeasurements(0.10001, 0.0));
            assertThat(e.margin().numerical()).isEqualTo(2 * EPS);
            assertThat(e.fragile()).as("excess 1e-5 over the line, inside 2e-5").isTrue();
        }
    }

    @Nested
    @DisplayName("the other rules' lines")
    class OtherLines {

        @Test
        @DisplayName("claim 9: the largest later-layer change of a top-two head against 0.05, changed or not")
        void claim9() {
            Finding f = PatternRules.patternsUnchanged(RulesTest.good());
            assertThat(f.margin().number()).isEqualTo("largest later-layer change");
            assertThat(f.margin().value()).isEqualTo(0.01);
            assertThat(f.margin().line()).isEqualTo(Thresholds.PATTERN_CHANGE);
            assertThat(f.margin().numerical()).isEqualTo(2 * EPS);
            Measurements g = RulesTest.good();
            Measurements still = new Measurements(2, g.drift(), g.maeToBayes(), g.topHead(), g.topHeadReduction(),
                    g.top2(), g.top2Drift(), g.top2Mae(), g.top3Drift(), g.stripes(), g.scores(), g.composition(),
                    new io.github.driftclaims.interp.PatternInvariance(true, java.util.Map.of(), List.of()));
            assertThat(PatternRules.patternsUnchanged(still).margin().value()).isZero();
            assertThat(PatternRules.patternsBitIdentical(still).margin()).as("bit identity is exact").isNull();
        }

        @Test
        @DisplayName("claim 8: the MAE's fall against 25% when the drift is invariant, against 0 when it is not, with the "
                + "triples' spread of the fall")
        void claim8() {
            OrderingResamples.Triples t = new OrderingResamples.Triples(0, 0, 0, 0, 0, 0, 0.07);
            Measurements g = RulesTest.good();
            Finding near = DriftRules.towardCounting(new Measurements(2, 0.45, 0.2, g.topHead(), g.topHeadReduction(), g.top2(),
                    0.0, 0.16, null, null, null, null, null, t));
            assertThat(near.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(near.margin().number()).isEqualTo("MAE fall");
            assertThat(near.margin().line()).isEqualTo(Thresholds.MAE_DROP);
            assertThat(near.margin().margin()).isCloseTo(-0.05, within(1e-9));
            assertThat(near.margin().sampling()).isEqualTo(0.07);
            assertThat(near.fragile()).isTrue();
            Finding drifting = DriftRules.towardCounting(new Measurements(2, 0.45, 0.2, g.topHead(), g.topHeadReduction(),
                    g.top2(), 0.3, 0.19, null, null, null, null, null, t));
            assertThat(drifting.margin().line()).as("the 25% line cannot change 'partly' while the drift stays")
                    .isZero();
        }

        @Test
        @DisplayName("claim 10: of roles, specificity and composition, the specificity gap (0 vs 0.05) is nearest")
        void claim10() {
            Finding f = PatternRules.inductionCircuit(RulesTest.good());
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.margin().number()).isEqualTo(RulesTest.P + " gap to its layer's best");
            assertThat(f.margin().margin()).isCloseTo(-0.05, within(1e-12));
            assertThat(f.margin().numerical()).isEqualTo(2 * EPS);
        }

        @Test
        @DisplayName("claims 15 and 16: the smallest change vs 1e-6, the tracking MAE drop without a sampling figure")
        void claims15And16() {
            Finding f = LaterRules.everyAblationChanges(RulesTest.goodLater());
            assertThat(f.margin().value()).isEqualTo(0.01);
            assertThat(f.margin().line()).isEqualTo(Thresholds.OUTPUT_CHANGE);
            assertThat(f.margin().numerical()).isEqualTo(2 * EPS);
            Finding t = LaterRules.tracking(RulesTest.goodLater());
            assertThat(t.margin().number()).isEqualTo("MAE drop");
            assertThat(t.margin().margin()).isCloseTo(0.25, within(1e-12));
            assertThat(t.margin().sampling()).isNull();
        }

        @Test
        @DisplayName("claims 17-22: disjoint sets leave the drift line; a pair gap decides before the share; ranks are "
                + "exact")
        void ablationClaims() {
            Finding disjoint = AblationRules.sameHeads(AblationRulesTest.withSweep(0.4, Id.MEAN, List.of(AblationRulesTest.R,
                    AblationRulesTest.Q), 0.02), Id.MEAN);
            assertThat(disjoint.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(disjoint.margin().number()).isEqualTo("drift");
            Finding pair = AblationRules.bestPair(AblationRulesTest.withPairs(0.4, 0.03, 0.02), Id.ZERO);
            assertThat(pair.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(pair.margin().number()).isEqualTo("pair gap");
            assertThat(pair.margin().margin()).isCloseTo(0.005, within(1e-12));
            assertThat(pair.margin().numerical()).isCloseTo(4 * EPS, within(1e-15));
            Finding shareOnly = AblationRules.bestPair(AblationRulesTest.withPairs(0.4, 0.078, 0.02), Id.ZERO);
            assertThat(shareOnly.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(shareOnly.margin().number()).isEqualTo("greedy pair's share");
            assertThat(shareOnly.margin().margin()).isCloseTo(0.005, within(1e-9));
            assertThat(AblationRules.attributionDiffers(AblationRulesTest.good()).margin().number()).isEqualTo("drift");
        }

        @Test
        @DisplayName("claim 26: of three counts, the ablated count half a count from what chance allows is nearest")
        void claim26() {
            Finding f = MartingaleRules.martingaleRestored(new MartingaleMeasurements(MartingaleRulesTest.HEADS,
                    MartingaleRulesTest.results(6, 0.5, 0), MartingaleRulesTest.results(3, 0.5, 0)));
            assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(f.margin().number()).isEqualTo("violations ablated");
            assertThat(f.margin().margin()).isEqualTo(0.5);
            assertThat(f.fragile()).isFalse();
            Finding none = MartingaleRules.martingaleRestored(new MartingaleMeasurements(MartingaleRulesTest.HEADS,
                    MartingaleRulesTest.results(1, 0.5, 0), MartingaleRulesTest.results(1, 0.5, 0)));
            assertThat(none.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(none.margin().number()).isEqualTo("violations as sampled");
            assertThat(none.margin().margin()).isEqualTo(-1.5);
        }
    }
}
