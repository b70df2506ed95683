package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.driftclaims.interp.AblationEffect;
import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.interp.Baselines;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.LaterCellsRecord;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.EvidenceSweepChart;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.LaterMeasurements;
import io.github.driftclaims.verdict.LaterRules;
import io.github.driftclaims.verdict.Thresholds;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claims 12, 13, 14 and 16, the notebook's later cells, on every model in each prompt style its vocabulary
 * covers: the toy models in the "Sequence: ..." form they were trained on, attn-only-2l in the notebook's two
 * recorded styles (checked against the recorded numbers when its weights are present). The ablated heads
 * are each model's own sweep top two, as in the main experiment ((1,6) and (0,3) on attn-only-2l).
 *
 * <p>Each case also runs under mean and resample ablation of the same heads (issue 15: does the conclusion depend
 * on how we ablate?), each prompt length against every X/Y string of that length ({@code AblationKind.sameLength});
 * their expected verdicts are {@link ExpectedLaterKinds}'. The notebook's record covers zero ablation only.
 */
@Feature("Claims 12-16: the notebook's later cells")
@ExtendWith(Models.class)
@DisplayName("Claims 12-16: the notebook's later cells (evidence sweep vs two-generator Bayes, 4X/1Y drift, tracking), "
        + "the drift heads zero-, mean- and resample-ablated")
class LaterCellClaims {

    /** A number printed to 6 decimals is held to the fp32 agreement plus half a unit of its last decimal. */
    static final double PRINTED_6DP = Thresholds.LATER_REFERENCE_TOLERANCE + 5e-7;
    static final double PRINTED_4DP = Thresholds.LATER_REFERENCE_TOLERANCE + 5e-5;

    static Stream<Arguments> cases() {
        return Stream.of(arguments(ModelUnderTest.LETTERS_ONLY, PromptStyle.SEQUENCE),
                arguments(ModelUnderTest.TOY_INDUCTION, PromptStyle.SEQUENCE),
                arguments(ModelUnderTest.COUNTING_CONTROL, PromptStyle.SEQUENCE),
                arguments(ModelUnderTest.MARKOV_CONTROL, PromptStyle.SEQUENCE),
                arguments(ModelUnderTest.TOY_8H_SELECTED, PromptStyle.SEQUENCE),
                arguments(ModelUnderTest.ATTN_ONLY_2L, PromptStyle.TOY),
                arguments(ModelUnderTest.ATTN_ONLY_2L, PromptStyle.MINIMAL));
    }

    /** Every case of {@link #cases} under each ablation kind: zero (the notebook's), mean and resample. */
    static Stream<Arguments> kindCases() {
        return cases().flatMap(a -> AblationKind.IDS.stream().map(k -> arguments(a.get()[0], a.get()[1], k)));
    }

    /**
     * The later cells under the kind: zero's from the main measurement, mean's and resample's from issue 15's, the
     * same drift heads ablated each way. Under mean and resample the unablated rows must be zero's (the same forward)
     * and some ablated row must differ from zero's (else the replacement did not apply and the kind is zero again).
     */
    static LaterCells cells(Models.Session models, ModelUnderTest which, PromptStyle style, String kind) {
        Models.Loaded m = models.get(which);
        LaterCells zero = cells(m, style);
        if (kind.equals("zero")) {
            return zero;
        }
        LaterCells l = AblationKindClaims.evidence(models, which).later(kind, style);
        assertThat(l.kind()).isEqualTo(kind);
        assertThat(l.ablated()).as("the drift heads, ablated another way").isEqualTo(zero.ablated());
        Evidence.parameter("reference", l.ablationReference());
        // The largest |change| of paired P(X) rows, as claim 15 measures an ablation's, here between two kinds.
        double unablated = AblationEffect.of("unablated rows, zero vs " + kind, l.ablated(), pX(zero), pX(l)).change();
        assertThat(unablated).as("unablated rows: the same forward under every kind").isLessThan(1e-6);
        List<Double> za = zero.evidence().counts().stream().flatMap(c -> c.ablated().stream()).toList();
        List<Double> ka = l.evidence().counts().stream().flatMap(c -> c.ablated().stream()).toList();
        double fromZero = AblationEffect.of("ablated rows, zero vs " + kind, l.ablated(), za, ka).change();
        ClaimRecord.number("largest |P(X) - zero ablation's| over the evidence sweep", fromZero);
        assertThat(fromZero).as("%s ablation differs from zero ablation somewhere in the evidence sweep", kind)
                .isGreaterThanOrEqualTo(Thresholds.OUTPUT_CHANGE);
        return l;
    }

    /** The evidence sweep's unablated P(X|{X,Y}), every ordering in file order. */
    static List<Double> pX(LaterCells l) {
        return l.evidence().counts().stream().flatMap(c -> c.baseline().stream()).toList();
    }

    static LaterMeasurements measurements(Models.Session models, ModelUnderTest which, PromptStyle style, String kind) {
        return kind.equals("zero") ? LaterMeasurements.of(models.get(which).evidence(), style)
                : LaterMeasurements.of(AblationKindClaims.evidence(models, which), kind, style);
    }

    static void on(ModelUnderTest which, PromptStyle style, String kind) {
        on(which, style);
        Evidence.parameter("ablation", kind);
    }

    static LaterCells cells(Models.Loaded m, PromptStyle style) {
        assertThat(PromptStyle.forModel(m.model())).as("the styles %s's vocabulary covers", m.which()).contains(style);
        LaterCells l = m.evidence().later(style);
        assertThat(l.ablated()).as("the main experiment's top two").isEqualTo(m.evidence().run().topK().heads());
        if (m.which().isReal()) {
            assertThat(l.ablated()).containsExactly(new Head(1, 6), new Head(0, 3));
        }
        return l;
    }

    static void on(ModelUnderTest which, PromptStyle style) {
        ClaimRecord.on(which);
        Evidence.parameter("prompt", style.id() + ": " + style.template());
    }

    /** The per-count table, the per-ordering values, and the chart as the notebook plots it. */
    static void attachSweep(LaterCells l) {
        Csv counts = Csv.withHeader("n_X", "n", "bayes_p_X", "freq_p_X", "baseline_mean", "baseline_std", "ablated_mean",
                "ablated_std");
        Csv orderings = Csv.withHeader("n_X", "ordering", "baseline_p_X", "ablated_p_X");
        List<List<io.github.driftclaims.interp.Stimulus>> seqs = LaterCells.sweepOrderings();
        for (LaterCells.Count c : l.evidence().counts()) {
            counts.row(c.nX(), c.n(), c.bayes(), c.freq(), c.baselineMean(), c.baselineStd(), c.ablatedMean(), c.ablatedStd());
            for (int i = 0; i < c.baseline().size(); i++) {
                orderings.row(c.nX(), seqs.get(c.nX()).get(i).spaced(), c.baseline().get(i), c.ablated().get(i));
            }
        }
        Evidence.attachCsv("evidence sweep per count", counts);
        Evidence.attachCsv("evidence sweep per ordering", orderings);
        Evidence.attachSvg("evidence sweep vs two-generator Bayes", sweepChart(l));
    }

    /** The evidence sweep's per-count means against the two-generator Bayes predictive, as the notebook plots it. */
    static String sweepChart(LaterCells l) {
        List<LaterCells.Count> cs = l.evidence().counts();
        return EvidenceSweepChart.svg("evidence sweep ("
                + l.style().id() + " prompt), " + l.kind() + "-ablating " + l.ablated(), cs.stream().map(LaterCells.Count::nX).toList(),
                List.of(new EvidenceSweepChart.Series("Bayes (A 0.5, B 0.75)", EvidenceSweepChart.BAYES,
                                cs.stream().map(LaterCells.Count::bayes).toList(), null),
                        new EvidenceSweepChart.Series("frequentist", EvidenceSweepChart.FREQUENTIST,
                                cs.stream().map(LaterCells.Count::freq).toList(), null),
                        new EvidenceSweepChart.Series("baseline mean ± std", EvidenceSweepChart.BASELINE,
                                cs.stream().map(LaterCells.Count::baselineMean).toList(),
                                cs.stream().map(LaterCells.Count::baselineStd).toList()),
                        new EvidenceSweepChart.Series("ablated mean ± std", EvidenceSweepChart.ABLATED,
                                cs.stream().map(LaterCells.Count::ablatedMean).toList(),
                                cs.stream().map(LaterCells.Count::ablatedStd).toList())));
    }

    @ParameterizedTest(name = "on {0}, {1} prompt, {2} ablation")
    @MethodSource("kindCases")
    @DisplayName("claim 12: ablating the drift heads lowers the MAE of the per-count means to two-generator Bayes by 25%")
    @Description("Notebook (later cells): \"evidence sweep vs Bayes for the A=50% vs B=75% generator task\": n_X = 0..10 "
            + "of 10 draws, the file's 10 orderings per count (numpy default_rng(0)), P(X|{X,Y}) baseline and with the "
            + "top two zeroed at hook_z, mean and sample std per count, and the MAE of the means to the two-generator "
            + "Bayes predictive. All 110 orderings x {baseline, ablated} run as one forward. On attn-only-2l the MAEs "
            + "must match the record within 1e-5 and every printed mean and std within 1e-5 plus the 6-decimal rounding.")
    void closerToBayes(@Param(name = "model") ModelUnderTest which, @Param(name = "style") PromptStyle style,
            @Param(name = "ablation") String kind, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        on(which, style, kind);
        Models.Loaded m = models.get(which);
        LaterCells l = cells(models, which, style, kind);
        attachSweep(l);
        List<LaterCells.Count> cs = l.evidence().counts();
        assertThat(cs).extracting(LaterCells.Count::nX).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        double mae = 0;
        for (LaterCells.Count c : cs) {
            assertThat(c.baseline()).hasSize(10);
            assertThat(c.ablated()).hasSize(10);
            assertThat(c.bayes()).isEqualTo(Baselines.twoGenerator(c.nX(), 10 - c.nX()));
            mae += Math.abs(c.baselineMean() - c.bayes());
        }
        assertThat(l.evidence().maeBaseline()).isCloseTo(mae / cs.size(), within(1e-12));
        ClaimRecord.number("MAE to two-generator Bayes, baseline", l.evidence().maeBaseline());
        ClaimRecord.number("MAE to two-generator Bayes, ablated", l.evidence().maeAblated());
        if (which.isReal() && kind.equals("zero")) {
            LaterCellsRecord r = LaterCellsRecord.read(style);
            assertThat(l.evidence().maeBaseline()).isCloseTo(r.maeBaseline(), within(Thresholds.LATER_REFERENCE_TOLERANCE));
            assertThat(l.evidence().maeAblated()).isCloseTo(r.maeAblated(), within(Thresholds.LATER_REFERENCE_TOLERANCE));
            for (int i = 0; i < cs.size(); i++) {
                LaterCells.Count c = cs.get(i);
                LaterCellsRecord.Row rec = r.counts().get(i);
                assertThat(c.baselineMean()).as("n_X=%d baseline mean", c.nX()).isCloseTo(rec.baselineMean(), within(PRINTED_6DP));
                assertThat(c.ablatedMean()).as("n_X=%d ablated mean", c.nX()).isCloseTo(rec.ablatedMean(), within(PRINTED_6DP));
                assertThat(c.baselineStd()).as("n_X=%d baseline std", c.nX()).isCloseTo(rec.baselineStd(), within(PRINTED_6DP));
                assertThat(c.ablatedStd()).as("n_X=%d ablated std", c.nX()).isCloseTo(rec.ablatedStd(), within(PRINTED_6DP));
            }
        }
        LaterMeasurements lm = measurements(models, which, style, kind);
        ClaimRecord.verdict(LaterRules.closerToBayes(lm), ExpectedLaterKinds.of(which, style, kind, Claim.CLOSER_TO_BAYES));
    }

    @ParameterizedTest(name = "on {0}, {1} prompt, {2} ablation")
    @MethodSource("kindCases")
    @DisplayName("claim 13: at every count with more than one ordering, ablation divides the std over orderings by 3")
    @Description("Notebook: \"the per-count std shrinks 5-10x under ablation\". Per count 0 < n_X < 10, the sample std "
            + "(ddof=1) of P(X|{X,Y}) over its 10 orderings, baseline and ablated, and their ratio.")
    void orderSensitivityRemoved(@Param(name = "model") ModelUnderTest which, @Param(name = "style") PromptStyle style,
            @Param(name = "ablation") String kind, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        on(which, style, kind);
        Models.Loaded m = models.get(which);
        LaterCells l = cells(models, which, style, kind);
        Csv csv = Csv.withHeader("n_X", "baseline_std", "ablated_std", "factor");
        for (LaterCells.Count c : l.evidence().counts()) {
            csv.row(c.nX(), c.baselineStd(), c.ablatedStd(), c.ablatedStd() == 0 ? null : c.baselineStd() / c.ablatedStd());
            double mean = c.baselineMean();
            double ss = c.baseline().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            assertThat(c.baselineStd()).as("ddof = 1").isCloseTo(Math.sqrt(ss / 9), within(1e-12));
        }
        Evidence.attachCsv("std over orderings per count", csv);
        LaterCells.Count ends = l.evidence().counts().get(0);
        assertThat(ends.baselineStd()).as("n_X = 0 has one ordering: std 0 up to rounding").isLessThan(1e-6);
        ClaimRecord.verdict(LaterRules.orderSensitivityRemoved(measurements(models, which, style, kind)),
                ExpectedLaterKinds.of(which, style, kind, Claim.ORDER_SENSITIVITY_REMOVED));
    }

    @ParameterizedTest(name = "on {0}, {1} prompt, {2} ablation")
    @MethodSource("kindCases")
    @DisplayName("claim 14: drift over the 5 orderings of X X X X Y collapses under ablation")
    @Description("Notebook: \"martingale/order drift for fixed counts\", 50 unseeded shuffles of X X X X Y; all 5 distinct "
            + "orderings are covered with probability above 0.9999, so drift (max - min) over the 5 is the notebook's "
            + "number. On attn-only-2l: both drifts within 1e-5 of the record, and each of the first 10 printed draws "
            + "(4 decimals) is one of the 5 orderings' values.")
    void drift4x1Collapses(@Param(name = "model") ModelUnderTest which, @Param(name = "style") PromptStyle style,
            @Param(name = "ablation") String kind, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        on(which, style, kind);
        Models.Loaded m = models.get(which);
        LaterCells l = cells(models, which, style, kind);
        Evidence.attachCsv("4X/1Y baseline", DriftClaims.table(l.drift4x1Baseline()));
        Evidence.attachCsv("4X/1Y ablated", DriftClaims.table(l.drift4x1Ablated()));
        assertThat(l.drift4x1Baseline().rows()).extracting(Readout::seq)
                .containsExactly("Y X X X X", "X Y X X X", "X X Y X X", "X X X Y X", "X X X X Y");
        for (DriftResult d : List.of(l.drift4x1Baseline(), l.drift4x1Ablated())) {
            double max = d.rows().stream().mapToDouble(Readout::pXNorm).max().orElseThrow();
            double min = d.rows().stream().mapToDouble(Readout::pXNorm).min().orElseThrow();
            assertThat(d.drift()).isEqualTo(max - min);
        }
        ClaimRecord.number("4X/1Y drift, baseline", l.drift4x1Baseline().drift());
        ClaimRecord.number("4X/1Y drift, ablated", l.drift4x1Ablated().drift());
        if (which.isReal() && kind.equals("zero")) {
            LaterCellsRecord r = LaterCellsRecord.read(style);
            assertThat(l.drift4x1Baseline().drift()).isCloseTo(r.drift4x1Baseline(), within(Thresholds.LATER_REFERENCE_TOLERANCE));
            assertThat(l.drift4x1Ablated().drift()).isCloseTo(r.drift4x1Ablated(), within(Thresholds.LATER_REFERENCE_TOLERANCE));
            assertPrintedDrawsAreOrderings(r.first10Baseline(), l.drift4x1Baseline());
            assertPrintedDrawsAreOrderings(r.first10Ablated(), l.drift4x1Ablated());
        }
        ClaimRecord.verdict(LaterRules.drift4x1Collapse(measurements(models, which, style, kind)),
                ExpectedLaterKinds.of(which, style, kind, Claim.DRIFT_4X1Y_COLLAPSE));
    }

    static void assertPrintedDrawsAreOrderings(List<Double> printed, DriftResult d) {
        for (double p : printed) {
            assertThat(d.rows()).as("printed draw %.4f is one of the 5 orderings", p)
                    .anySatisfy(r -> assertThat(r.pXNorm()).isCloseTo(p, within(PRINTED_4DP)));
        }
    }

    @ParameterizedTest(name = "on {0}, {1} prompt, {2} ablation")
    @MethodSource("kindCases")
    @DisplayName("claim 16: on seeded streams of a hidden 0.75 generator, ablation tracks two-generator Bayes 25% more closely")
    @Description("Notebook: \"real-time tracking of a hidden bias\". Its tokens were drawn unseeded and only the last 5 "
            + "rows printed, so its model columns cannot be reproduced (see the recorded-numbers test, which checks its "
            + "Bayes and frequentist columns). Here: " + LaterCells.TRACKING_STREAMS + " streams of "
            + LaterCells.TRACKING_STEPS + " draws, seed " + LaterCells.TRACKING_SEED + "; after each t the prompt holds "
            + "the first t draws; the MAE over every step to the two-generator predictive, baseline vs ablated.")
    void tracking(@Param(name = "model") ModelUnderTest which, @Param(name = "style") PromptStyle style,
            @Param(name = "ablation") String kind, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        on(which, style, kind);
        Models.Loaded m = models.get(which);
        LaterCells l = cells(models, which, style, kind);
        Csv csv = Csv.withHeader("stream", "t", "token", "n_X", "bayes_p_X", "freq_p_X", "baseline_p_X", "ablated_p_X");
        for (LaterCells.Step s : l.tracking().steps()) {
            csv.row(s.stream(), s.t(), s.token(), s.nX(), s.bayes(), s.freq(), s.baseline(), s.ablated());
            assertThat(s.bayes()).isEqualTo(Baselines.twoGenerator(s.nX(), s.t() - s.nX()));
            assertThat(s.freq()).isEqualTo(Baselines.frequentist(s.nX(), s.t() - s.nX()));
        }
        Evidence.attachCsv("tracking", csv);
        assertThat(l.tracking().steps()).hasSize(LaterCells.TRACKING_STREAMS * LaterCells.TRACKING_STEPS);
        ClaimRecord.number("tracking MAE to Bayes, baseline", l.tracking().maeBaseline());
        ClaimRecord.number("tracking MAE to Bayes, ablated", l.tracking().maeAblated());
        ClaimRecord.verdict(LaterRules.tracking(measurements(models, which, style, kind)),
                ExpectedLaterKinds.of(which, style, kind, Claim.REAL_TIME_TRACKING));
    }
}
