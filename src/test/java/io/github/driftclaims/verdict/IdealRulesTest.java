package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.verdict.IdealBaselines.Count;
import io.github.driftclaims.verdict.IdealBaselines.Readings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Claims 31 to 35's rules on hand-made numbers: claims 8, 12, 13, 14 and 16 with the ideal observer as baseline. */
@DisplayName("Claims 31 to 35: the baseline claims against the ideal observer of the training mixture")
class IdealRulesTest {

    static Readings r(List<Double> model, List<Double> ablated, List<Double> ideal) {
        return new Readings(model, ablated, ideal);
    }

    static Readings constantIdeal(List<Double> model, List<Double> ablated, double ideal) {
        return r(model, ablated, Collections.nCopies(model.size(), ideal));
    }

    static final Readings EMPTY = r(List.of(), List.of(), List.of());

    static IdealBaselines notebook(Readings three) {
        return new IdealBaselines(true, three, List.of(), EMPTY, EMPTY);
    }

    static IdealBaselines fourX(Readings five) {
        return new IdealBaselines(true, EMPTY, List.of(), five, EMPTY);
    }

    static IdealBaselines sweep(List<Count> counts) {
        return new IdealBaselines(true, EMPTY, counts, EMPTY, EMPTY);
    }

    static IdealBaselines tracking(Readings steps) {
        return new IdealBaselines(true, EMPTY, List.of(), EMPTY, steps);
    }

    @Test
    @DisplayName("a model without a recorded training mixture gets not applicable from every one, saying why")
    void noMixture() {
        for (Finding f : IdealRules.all(IdealBaselines.none())) {
            assertThat(f.verdict()).as("claim %s", f.claim().number()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.reason()).contains("no training mixture recorded");
        }
        assertThat(IdealRules.all(IdealBaselines.none())).extracting(f -> f.claim().number())
                .containsExactly(31, 32, 33, 34, 35);
    }

    @Test
    @DisplayName("an ideal undefined on a prompt (NaN) leaves the claim not determined")
    void undefinedIdeal() {
        Finding f = IdealRules.towardIdeal(notebook(r(List.of(0.9, 0.5, 0.5), List.of(0.6, 0.6, 0.6),
                List.of(Double.NaN, 0.5, 0.5))));
        assertThat(f.determined()).isFalse();
        assertThat(f.reason()).contains("undefined");
    }

    @Test
    @DisplayName("every rule is described, and no other claim is")
    void described() {
        for (Claim c : List.of(Claim.TOWARD_IDEAL, Claim.CLOSER_TO_IDEAL, Claim.EXCESS_SENSITIVITY_REMOVED,
                Claim.EXCESS_4X1Y_COLLAPSE, Claim.TRACKING_IDEAL)) {
            assertThat(Rules.describe(c)).startsWith("claim ").contains("against the ideal")
                    .contains("not applicable without a recorded training mixture");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdealRules.describe(Claim.DRIFT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    @DisplayName("Claim 31 (claim 8 against the ideal)")
    class TowardIdeal {

        @Test
        @DisplayName("drift beyond the ideal 0.40, 0.01 left after ablation, MAE to the ideal 0.133 -> 0.0067: reproduced")
        void reproduced() {
            Finding f = IdealRules.towardIdeal(notebook(r(List.of(0.90, 0.50, 0.50), List.of(0.50, 0.51, 0.51),
                    List.of(0.50, 0.50, 0.50))));
            assertThat(f.claim().number()).isEqualTo(31);
            assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(f.reason()).contains("drift of P(X) - ideal P(X) 0.4000").contains("MAE to the ideal 0.1333 -> 0.0067 (95.0% lower");
        }

        @Test
        @DisplayName("order-invariant but farther from the ideal (MAE 0.133 -> 0.2): refuted; closer (0.033) but still "
                + "drifting 0.1: partly; 10% closer: partly")
        void tiers() {
            List<Double> ideal = List.of(0.50, 0.50, 0.50);
            assertThat(IdealRules.towardIdeal(notebook(r(List.of(0.90, 0.50, 0.50), List.of(0.70, 0.70, 0.70), ideal)))
                    .verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(IdealRules.towardIdeal(notebook(r(List.of(0.90, 0.50, 0.50), List.of(0.60, 0.50, 0.50), ideal)))
                    .verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(IdealRules.towardIdeal(notebook(r(List.of(0.90, 0.50, 0.50), List.of(0.62, 0.62, 0.62), ideal)))
                    .verdict()).isEqualTo(Verdict.PARTLY);
        }

        @Test
        @DisplayName("a model that drifts 0.49 exactly as its ideal does has no drift beyond it: not applicable")
        void drivenByItsData() {
            Finding f = IdealRules.towardIdeal(notebook(r(List.of(0.98, 0.49, 0.49), List.of(0.70, 0.70, 0.70),
                    List.of(0.99, 0.50, 0.50))));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.reason()).contains("nothing to remove");
        }

        @Test
        @DisplayName("with the exchangeable ideal (1/2 on 3X/3Y) it is claim 8 itself")
        void isClaim8() {
            Head p = new Head(0, 0);
            Head i = new Head(1, 0);
            // reproduced (MAE 0.133 -> 0.030), refuted (it rises to 0.207), partly (drift 0.1 stays), partly (MAE falls
            // 10%), not applicable
            double[][] cases = {{0.9, 0.5, 0.5, 0.52, 0.52, 0.55}, {0.9, 0.5, 0.5, 0.7, 0.7, 0.72},
                    {0.9, 0.5, 0.5, 0.6, 0.5, 0.5}, {0.9, 0.5, 0.5, 0.62, 0.62, 0.62}, {0.55, 0.5, 0.5, 0.5, 0.5, 0.5}};
            for (double[] c : cases) {
                List<Double> model = List.of(c[0], c[1], c[2]);
                List<Double> ablated = List.of(c[3], c[4], c[5]);
                double drift = IdealRules.range(new double[] {c[0], c[1], c[2]});
                double aDrift = IdealRules.range(new double[] {c[3], c[4], c[5]});
                double aMae = IdealRules.mae(new double[] {c[3] - 0.5, c[4] - 0.5, c[5] - 0.5});
                double mae = IdealRules.mae(new double[] {c[0] - 0.5, c[1] - 0.5, c[2] - 0.5});
                Measurements m = new Measurements(2, drift, mae, p, 0.1, List.of(p, i), aDrift, aMae, null, null, null,
                        null, null);
                assertThat(IdealRules.towardIdeal(notebook(constantIdeal(model, ablated, 0.5))).verdict())
                        .as("case %s", java.util.Arrays.toString(c)).isEqualTo(DriftRules.towardCounting(m).verdict());
            }
        }
    }

    @Nested
    @DisplayName("Claim 32 (claim 12 against the ideal)")
    class CloserToIdeal {

        static Count count(int nX, List<Double> model, List<Double> ablated, List<Double> ideal) {
            return new Count(nX, 10, r(model, ablated, ideal));
        }

        @Test
        @DisplayName("per-count MAE to the ideal 0.20 -> 0.10 (50% lower): reproduced; 0.20 -> 0.18: partly; up: refuted")
        void tiers() {
            List<Double> ideal = List.of(0.3, 0.7);
            assertThat(IdealRules.closerToIdeal(sweep(List.of(count(1, List.of(0.5, 0.9), List.of(0.4, 0.8), ideal))))
                    .verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(IdealRules.closerToIdeal(sweep(List.of(count(1, List.of(0.5, 0.9), List.of(0.48, 0.88), ideal))))
                    .verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(IdealRules.closerToIdeal(sweep(List.of(count(1, List.of(0.5, 0.9), List.of(0.6, 0.9), ideal))))
                    .verdict()).isEqualTo(Verdict.REFUTED);
        }

        @Test
        @DisplayName("it compares per-count means: errors that cancel within a count are not distance (that is claim 33)")
        void meansPerCount() {
            Finding f = IdealRules.closerToIdeal(sweep(List.of(count(1, List.of(0.6, 0.4), List.of(0.5, 0.5),
                    List.of(0.5, 0.5)))));
            assertThat(f.reason()).contains("0.0000 -> 0.0000");
            assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
        }
    }

    @Nested
    @DisplayName("Claim 33 (claim 13 against the ideal)")
    class ExcessSensitivity {

        static Count count(int nX, double spreadBefore, double spreadAfter, List<Double> ideal) {
            List<Double> m = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            for (int k = 0; k < ideal.size(); k++) {
                double sign = k % 2 == 0 ? 1 : -1;
                m.add(ideal.get(k) + sign * spreadBefore);
                a.add(ideal.get(k) + sign * spreadAfter);
            }
            return new Count(nX, 4, r(m, a, ideal));
        }

        static final List<Double> IDEAL = List.of(0.9, 0.2, 0.5, 0.3);

        @Test
        @DisplayName("the ideal's own order sensitivity is not counted: a model equal to a drifting ideal has none")
        void idealsSpreadIsNotExcess() {
            Finding f = IdealRules.excessSensitivityRemoved(sweep(List.of(count(2, 0, 0.1, IDEAL))));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        }

        @Test
        @DisplayName("residual std falls 3x at every count: reproduced; at half: partly; at fewer: refuted")
        void tiers() {
            Count good = count(1, 0.1, 0.02, IDEAL);
            Count bad = count(2, 0.1, 0.05, IDEAL);
            assertThat(IdealRules.excessSensitivityRemoved(sweep(List.of(good, count(3, 0.1, 0.03, IDEAL)))).verdict())
                    .isEqualTo(Verdict.REPRODUCED);
            assertThat(IdealRules.excessSensitivityRemoved(sweep(List.of(good, bad))).verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(IdealRules.excessSensitivityRemoved(sweep(List.of(good, bad, count(3, 0.1, 0.1, IDEAL))))
                    .verdict()).isEqualTo(Verdict.REFUTED);
        }

        @Test
        @DisplayName("counts with one ordering (n_X = 0 or n) are left out, as claim 13 leaves them")
        void singleOrderingCounts() {
            Count zero = count(0, 0.1, 0.1, IDEAL);
            Count all = count(4, 0.1, 0.1, IDEAL);
            assertThat(IdealRules.excessSensitivityRemoved(sweep(List.of(zero, count(1, 0.1, 0.02, IDEAL), all)))
                    .verdict()).isEqualTo(Verdict.REPRODUCED);
        }

        @Test
        @DisplayName("with an exchangeable ideal (one P(X) per count) it is claim 13 itself")
        void isClaim13() {
            double[][] cases = {{0.1, 0.02, 0.1, 0.03}, {0.1, 0.02, 0.1, 0.05}, {0.1, 0.05, 0.1, 0.1},
                    {0.01, 0.001, 0.01, 0.001}};
            for (double[] c : cases) {
                List<Count> counts = List.of(count(1, c[0], c[1], Collections.nCopies(4, 0.3)),
                        count(2, c[2], c[3], Collections.nCopies(4, 0.6)));
                List<LaterMeasurements.Spread> spreads = new ArrayList<>();
                for (Count k : counts) {
                    spreads.add(new LaterMeasurements.Spread(k.nX(), k.n(), IdealRules.sampleStd(toArray(k.readings()
                            .model())), IdealRules.sampleStd(toArray(k.readings().ablated()))));
                }
                LaterMeasurements l = new LaterMeasurements("test", spreads, 0.1, 0.1, 0, 0, List.of(), null);
                assertThat(IdealRules.excessSensitivityRemoved(sweep(counts)).verdict())
                        .as("case %s", java.util.Arrays.toString(c)).isEqualTo(LaterRules.orderSensitivityRemoved(l).verdict());
            }
        }
    }

    @Nested
    @DisplayName("Claim 34 (claim 14 against the ideal)")
    class Excess4x1 {

        static final List<Double> IDEAL = List.of(0.6, 0.7, 0.8, 0.9, 0.95);

        static Readings shifted(double before, double after) {
            List<Double> m = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            for (int k = 0; k < IDEAL.size(); k++) {
                m.add(IDEAL.get(k) + (k == 0 ? before : 0));
                a.add(IDEAL.get(k) + (k == 0 ? after : 0));
            }
            return r(m, a, IDEAL);
        }

        @Test
        @DisplayName("0.20 beyond the ideal, 0.02 left: reproduced; 0.08 left: partly; 0.15 left: refuted")
        void tiers() {
            assertThat(IdealRules.excess4x1Collapse(fourX(shifted(0.2, 0.02))).verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(IdealRules.excess4x1Collapse(fourX(shifted(0.2, 0.08))).verdict()).isEqualTo(Verdict.PARTLY);
            assertThat(IdealRules.excess4x1Collapse(fourX(shifted(0.2, 0.15))).verdict()).isEqualTo(Verdict.REFUTED);
        }

        @Test
        @DisplayName("a model whose 4X/1Y drift 0.35 is the ideal's has none beyond it: not applicable")
        void idealsDrift() {
            Finding f = IdealRules.excess4x1Collapse(fourX(shifted(0, 0.3)));
            assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(f.reason()).contains("0.0000 -> ");
        }

        @Test
        @DisplayName("with an exchangeable ideal it is claim 14 itself")
        void isClaim14() {
            double[][] cases = {{0.9, 0.7, 0.72}, {0.9, 0.7, 0.78}, {0.9, 0.7, 0.85}, {0.75, 0.7, 0.7}};
            for (double[] c : cases) {
                Readings five = constantIdeal(List.of(c[0], c[1], c[1], c[1], c[1]), List.of(c[2], c[1], c[1], c[1], c[1]),
                        0.8);
                LaterMeasurements l = new LaterMeasurements("test", List.of(), 0.1, 0.1, c[0] - c[1], c[2] - c[1],
                        List.of(), null);
                assertThat(IdealRules.excess4x1Collapse(fourX(five)).verdict()).as("case %s", java.util.Arrays.toString(c))
                        .isEqualTo(LaterRules.drift4x1Collapse(l).verdict());
            }
        }
    }

    @Nested
    @DisplayName("Claim 35 (claim 16 against the ideal)")
    class TrackingIdeal {

        @Test
        @DisplayName("MAE to the ideal 0.10 -> 0.05: reproduced; -> 0.09: partly; -> 0.12: refuted")
        void tiers() {
            List<Double> ideal = List.of(0.5, 0.8);
            assertThat(IdealRules.trackingIdeal(tracking(r(List.of(0.6, 0.7), List.of(0.55, 0.75), ideal))).verdict())
                    .isEqualTo(Verdict.REPRODUCED);
            assertThat(IdealRules.trackingIdeal(tracking(r(List.of(0.6, 0.7), List.of(0.59, 0.71), ideal))).verdict())
                    .isEqualTo(Verdict.PARTLY);
            Finding up = IdealRules.trackingIdeal(tracking(r(List.of(0.6, 0.7), List.of(0.62, 0.68), ideal)));
            assertThat(up.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(up.claim().number()).isEqualTo(35);
            assertThat(up.reason()).contains("tracking (2 steps): MAE to the ideal 0.1000 -> 0.1200");
        }
    }

    static double[] toArray(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
