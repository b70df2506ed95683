package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.interp.AblationKind.Id;
import io.github.driftclaims.interp.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Claims 17 to 22's rules on hand-made numbers, either side of each line (as {@link RulesTest}). */
@DisplayName("The ablation-kind, pair and attribution rules (claims 17-22), on hand-made numbers either side of each line")
class AblationRulesTest {

    static final Head P = new Head(0, 3);
    static final Head I = new Head(1, 4);
    static final Head R = new Head(1, 6);
    static final Head Q = new Head(0, 1);

    /** Drift 0.4; every kind finds {P, I} and leaves 0.02; the greedy pair is the best; P and I differ most. */
    static AblationMeasurements good() {
        AblationMeasurements.Sweep s = new AblationMeasurements.Sweep("ref", List.of(I, P), 0.02);
        AblationMeasurements.Pairs p = new AblationMeasurements.Pairs(List.of(P, I), 0.02, 1, List.of(P, I), 0.02, 120);
        return new AblationMeasurements(0.4, List.of(P, I), Map.of(Id.ZERO, s, Id.MEAN, s, Id.RESAMPLE, s),
                Map.of(Id.ZERO, p, Id.MEAN, p, Id.RESAMPLE, p), attribution(List.of(I, P, R, Q)));
    }

    static AblationMeasurements.Attribution attribution(List<Head> order) {
        List<Double> spreads = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            spreads.add(1.0 / (i + 1));
        }
        return new AblationMeasurements.Attribution(order, spreads);
    }

    static AblationMeasurements withSweep(double drift, Id kind, List<Head> top2, double top2Drift) {
        AblationMeasurements g = good();
        Map<Id, AblationMeasurements.Sweep> sweeps = new java.util.HashMap<>(g.sweeps());
        sweeps.put(kind, new AblationMeasurements.Sweep("ref", top2, top2Drift));
        return new AblationMeasurements(drift, g.zeroTop2(), sweeps, g.pairs(), g.attribution());
    }

    static AblationMeasurements withPairs(double drift, double greedyDrift, double bestDrift) {
        AblationMeasurements g = good();
        AblationMeasurements.Pairs p = new AblationMeasurements.Pairs(List.of(P, I), greedyDrift, 3, List.of(P, R),
                bestDrift, 120);
        return new AblationMeasurements(drift, g.zeroTop2(), g.sweeps(), Map.of(Id.ZERO, p, Id.MEAN, p, Id.RESAMPLE, p),
                g.attribution());
    }

    static AblationMeasurements withAttribution(double drift, List<Head> order) {
        AblationMeasurements g = good();
        return new AblationMeasurements(drift, g.zeroTop2(), g.sweeps(), g.pairs(), attribution(order));
    }

    @Test
    @DisplayName("a model past every line reproduces claims 17 to 22, in claim order")
    void goodModel() {
        assertThat(Rules.ablation(good())).extracting(Finding::claim).containsExactly(Claim.SAME_HEADS_MEAN,
                Claim.SAME_HEADS_RESAMPLE, Claim.BEST_PAIR_ZERO, Claim.BEST_PAIR_MEAN, Claim.BEST_PAIR_RESAMPLE,
                Claim.ATTRIBUTION_DIFFERS);
        assertThat(Rules.ablation(good())).extracting(Finding::verdict).containsOnly(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("without the weights (a notebook record) every one of them is not determined, saying why")
    void undetermined() {
        AblationMeasurements none = new AblationMeasurements(0.4, List.of(P, I), Map.of(), Map.of(), null);
        assertThat(Rules.ablation(none)).allSatisfy(f -> {
            assertThat(f.determined()).isFalse();
            assertThat(f.reason()).contains("weights");
        });
    }

    @Nested
    @DisplayName("claims 17 and 18: the same drift heads under mean and resample ablation")
    class SameHeads {

        @ParameterizedTest(name = "{0} ablation")
        @EnumSource(names = {"MEAN", "RESAMPLE"})
        @DisplayName("the same set in another order, removing 80.1%: reproduced; 79.9%: partly")
        void collapseLine(Id kind) {
            assertThat(AblationRules.sameHeads(withSweep(0.4, kind, List.of(I, P), 0.0796), kind).verdict())
                    .isEqualTo(Verdict.REPRODUCED);
            assertThat(AblationRules.sameHeads(withSweep(0.4, kind, List.of(I, P), 0.0804), kind).verdict())
                    .isEqualTo(Verdict.PARTLY);
            assertThat(AblationRules.sameHeads(withSweep(0.4, kind, List.of(I, P), 0.3), kind).reason()).contains("the same set");
        }

        @ParameterizedTest(name = "{0}: top two {1}, {2} removed -> {3}")
        @CsvSource({
                "'1.4,0.3', 0.02, REPRODUCED",
                "'1.4,1.6', 0.02, PARTLY",
                "'1.4,1.6', 0.30, REFUTED",
                "'1.6,0.1', 0.02, REFUTED",
                "'1.6,0.1', 0.30, REFUTED"})
        @DisplayName("one head shared and a collapse: partly; one shared without it, or none shared: refuted")
        void sets(String top2, double left, Verdict expected) {
            for (Id kind : List.of(Id.MEAN, Id.RESAMPLE)) {
                Finding f = AblationRules.sameHeads(withSweep(0.4, kind, Head.parseList(top2), left), kind);
                assertThat(f.verdict()).as(f.reason()).isEqualTo(expected);
                assertThat(f.claim()).isEqualTo(Claim.sameHeads(kind));
            }
        }

        @Test
        @DisplayName("drift below 0.10 has no drift heads to find: not applicable even when everything else holds")
        void material() {
            assertThat(AblationRules.sameHeads(withSweep(0.0999, Id.MEAN, List.of(P, I), 0.0), Id.MEAN).verdict())
                    .isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(AblationRules.sameHeads(withSweep(0.10, Id.MEAN, List.of(P, I), 0.0), Id.MEAN).verdict())
                    .isEqualTo(Verdict.REPRODUCED);
        }

        @Test
        @DisplayName("zero ablation is the comparison, not a claim of its own")
        void zeroIsNotAKind() {
            assertThatThrownBy(() -> AblationRules.sameHeads(good(), Id.ZERO)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("claims 19 to 21: the greedy top two are the best pair")
    class BestPair {

        @ParameterizedTest(name = "greedy leaves {0}, best {1} -> {2}")
        @CsvSource({
                "0.020, 0.020, REPRODUCED",
                "0.0249, 0.020, REPRODUCED",
                "0.0251, 0.020, PARTLY",
                "0.0796, 0.020, PARTLY",
                "0.0804, 0.020, REFUTED"})
        @DisplayName("within 0.005 of the best pair: reproduced; beyond it but collapsing 80% of drift 0.4: partly")
        void tolerance(double greedy, double best, Verdict expected) {
            for (Id kind : List.of(Id.ZERO, Id.MEAN, Id.RESAMPLE)) {
                Finding f = AblationRules.bestPair(withPairs(0.4, greedy, best), kind);
                assertThat(f.verdict()).as(f.reason()).isEqualTo(expected);
                assertThat(f.claim()).isEqualTo(Claim.bestPair(kind));
                assertThat(f.reason()).contains("rank 3 of 120");
            }
        }

        @Test
        @DisplayName("without material drift any pair is within 0.005 of the best: not applicable, not reproduced")
        void material() {
            assertThat(AblationRules.bestPair(withPairs(0.0049, 0.004, 0.003), Id.ZERO).verdict())
                    .isEqualTo(Verdict.NOT_APPLICABLE);
        }
    }

    @Nested
    @DisplayName("claim 22: the drift heads differ most in direct logit attribution across orderings")
    class Attribution {

        @Test
        @DisplayName("drift heads ranked 1 and 2: reproduced; one of them 3rd: partly; 3rd and 4th: refuted")
        void ranks() {
            assertThat(AblationRules.attributionDiffers(withAttribution(0.4, List.of(P, I, R, Q))).verdict())
                    .isEqualTo(Verdict.REPRODUCED);
            assertThat(AblationRules.attributionDiffers(withAttribution(0.4, List.of(I, R, P, Q))).verdict())
                    .isEqualTo(Verdict.PARTLY);
            Finding f = AblationRules.attributionDiffers(withAttribution(0.4, List.of(R, Q, P, I)));
            assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(f.reason()).contains("L0H3 #3").contains("L1H4 #4");
        }

        @Test
        @DisplayName("without material drift: not applicable")
        void material() {
            assertThat(AblationRules.attributionDiffers(withAttribution(0.09, List.of(P, I, R, Q))).verdict())
                    .isEqualTo(Verdict.NOT_APPLICABLE);
        }

        @Test
        @DisplayName("ranks are 1-based, and a head the model lacks has rank 0")
        void rank() {
            AblationMeasurements.Attribution a = attribution(List.of(I, P));
            assertThat(a.rank(I)).isEqualTo(1);
            assertThat(a.rank(P)).isEqualTo(2);
            assertThat(a.rank(R)).isZero();
        }
    }

    @Test
    @DisplayName("each rule's description names its lines")
    void descriptions() {
        assertThat(Rules.describe(Claim.SAME_HEADS_MEAN)).contains("80.0%").contains("mean");
        assertThat(Rules.describe(Claim.SAME_HEADS_RESAMPLE)).contains("resample");
        assertThat(Rules.describe(Claim.BEST_PAIR_MEAN)).contains("0.005");
        assertThat(Rules.describe(Claim.ATTRIBUTION_DIFFERS)).contains("<= 2");
    }
}
