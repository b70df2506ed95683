package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.RulesTest.I;
import static io.github.driftclaims.verdict.RulesTest.P;
import static io.github.driftclaims.verdict.RulesTest.good;
import static io.github.driftclaims.verdict.RulesTest.goodLater;
import static io.github.driftclaims.verdict.RulesTest.later;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.AblationEffect;
import io.github.driftclaims.interp.Composition;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.HeadScores;
import io.github.driftclaims.interp.LaterCellsRecord;
import io.github.driftclaims.interp.NotebookRecord;
import io.github.driftclaims.interp.PatternInvariance;
import io.github.driftclaims.interp.PromptStyle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each line exactly on its threshold, with numbers chosen so that the double arithmetic lands on it
 * ((0.5 - 0.1) / 0.5 == 0.8, (1 - 0.75) / 1 == 0.25, 0.25 * 3 == 0.75): a line's side ({@code >=} or
 * {@code >}) is part of the rule, and only an exact case pins it. Also the branches that RulesTest's
 * typical models do not reach, and the reason texts a reader sees.
 *
 * <p>One line cannot be put exactly on its threshold: claim 10's specificity margin. With both scores at
 * 0.5 or more (below that the roles already fail), their difference is a multiple of 2^-53, and the double
 * nearest 0.05 is not, so {@code bestI - is <= 0.05} and {@code < 0.05} agree on every input that reaches it.
 */
@DisplayName("The verdict rules exactly on their lines, and the branches typical models do not reach")
class RuleLinesTest {

    static Measurements drifts(double drift, double top2Drift, double top2Mae, Double top3Drift) {
        Measurements g = good();
        return new Measurements(2, drift, g.maeToBayes(), g.topHead(), g.topHeadReduction(), g.top2(), top2Drift, top2Mae,
                top3Drift, g.stripes(), g.scores(), g.composition(), g.invariance());
    }

    @Test
    @DisplayName("claim 7: exactly 80% removed by the top two is reproduced; by the top three, partly")
    void topTwoOnTheLine() {
        assertThat((0.5 - 0.1) / 0.5).isEqualTo(Thresholds.COLLAPSE_SHARE);
        assertThat(DriftRules.topTwoCollapse(drifts(0.5, 0.1, 0.01, 0.05)).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(DriftRules.topTwoCollapse(drifts(0.5, 0.2, 0.01, 0.1)).verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(DriftRules.topTwoCollapse(drifts(Thresholds.MATERIAL_DRIFT, 0.0, 0.01, 0.0)).verdict())
                .as("drift exactly on the material line").isEqualTo(Verdict.REPRODUCED);
    }

    /** Claim 8's numbers: MAE to Beta(1,1) before and after the top-two ablation, and the ablated drift. */
    static Measurements maes(double drift, double maeBefore, double maeAfter, double top2Drift) {
        Measurements g = good();
        return new Measurements(2, drift, maeBefore, g.topHead(), g.topHeadReduction(), g.top2(), top2Drift, maeAfter,
                null, g.stripes(), g.scores(), g.composition(), g.invariance());
    }

    @Test
    @DisplayName("claim 8: an MAE fall of exactly 25% with a drift under 0.05 is reproduced; just short, or a drift of "
            + "exactly 0.05, partly; no fall at all, refuted; just a fall, partly")
    void towardCountingOnTheLine() {
        assertThat((1 - 0.75) / 1).isEqualTo(Thresholds.MAE_DROP);
        assertThat(DriftRules.towardCounting(maes(0.5, 1, 0.75, 0.01)).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(DriftRules.towardCounting(maes(0.5, 1, 0.7501, 0.01)).verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(DriftRules.towardCounting(maes(0.5, 1, 0.5, Thresholds.ORDER_INVARIANT)).verdict())
                .isEqualTo(Verdict.PARTLY);
        assertThat(DriftRules.towardCounting(maes(0.5, 1, 0.5, 0.0499)).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(DriftRules.towardCounting(maes(0.5, 1, 1, 0.0)).verdict()).as("an MAE that stays is no fall")
                .isEqualTo(Verdict.REFUTED);
        assertThat(DriftRules.towardCounting(maes(0.5, 1, 0.9999, 0.0)).verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(DriftRules.towardCounting(maes(0.5, 1, 1.0001, 0.0)).verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(DriftRules.towardCounting(maes(Thresholds.MATERIAL_DRIFT, 1, 0.5, 0.01)).verdict())
                .as("drift exactly on the material line").isEqualTo(Verdict.REPRODUCED);
        assertThat(DriftRules.towardCounting(maes(0.0999, 1, 0.5, 0.01)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        Finding rises = DriftRules.towardCounting(maes(0.4, 0.18, 0.376, 0.076));
        assertThat(rises.reason()).contains("MAE to Beta(1,1) 0.1800 -> 0.3760 (108.9% higher");
        assertThat(rises.margin().number()).isEqualTo("MAE fall");
        assertThat(rises.margin().line()).isZero();
    }

    @Test
    @DisplayName("claim 5: 3 trained letters are scored and 2 are not applicable; 400 queries decide and 399 do not")
    void stripesOnTheirCounts() {
        double[][] ind = {{0.1, 0.1}, {0.1, 0.6}};
        double[][] prev = {{0.8, 0.1}, {0.1, 0.1}};
        java.util.function.BiFunction<Integer, Integer, Measurements> with = (queries, letters) -> {
            Measurements g = good();
            return new Measurements(2, 0.45, 0.2, P, 0.36, g.top2(), 0.0, 0.0, null,
                    new io.github.driftclaims.interp.AttentionStripes(ind, prev, queries, letters), null, null, null);
        };
        assertThat(PatternRules.attentionCircuit(with.apply(Thresholds.STRIPE_QUERIES, Thresholds.ROLE_LETTERS)).verdict())
                .isEqualTo(Verdict.REPRODUCED);
        Finding two = PatternRules.attentionCircuit(with.apply(Thresholds.STRIPE_QUERIES, Thresholds.ROLE_LETTERS - 1));
        assertThat(two.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(two.reason()).startsWith("trained on 2 letters");
        Finding few = PatternRules.attentionCircuit(with.apply(Thresholds.STRIPE_QUERIES - 1, 26));
        assertThat(few.determined()).isFalse();
        assertThat(few.reason()).contains("399 queries, fewer than the 400");
        assertThat(PatternRules.attentionCircuit(with.apply(Thresholds.STRIPE_QUERIES, 26)).reason())
                .endsWith("(400 queries with the induction key apart from the previous token, 26 letters)");
    }

    @Test
    @DisplayName("claims 12 and 16: an MAE that falls by exactly 25% is reproduced, one that does not move is refuted")
    void closerOnTheLine() {
        assertThat((1.0 - 0.75) / 1.0).isEqualTo(Thresholds.MAE_DROP);
        LaterMeasurements g = goodLater();
        assertThat(LaterRules.closerToBayes(later(1.0, 0.75, g.spreads(), 0.3, 0.03, g.effects(), g.tracking())).verdict())
                .isEqualTo(Verdict.REPRODUCED);
        assertThat(LaterRules.closerToBayes(later(1.0, 1.0, g.spreads(), 0.3, 0.03, g.effects(), g.tracking())).verdict())
                .isEqualTo(Verdict.REFUTED);
        assertThat(LaterRules.closerToBayes(later(0, 0, g.spreads(), 0.3, 0.03, g.effects(), g.tracking())).verdict())
                .as("no MAE to remove").isEqualTo(Verdict.REFUTED);
        LaterMeasurements.Tracking onLine = new LaterMeasurements.Tracking(true, 1.0, 0.75, "seeded");
        assertThat(LaterRules.tracking(later(0.2, 0.1, g.spreads(), 0.3, 0.03, g.effects(), onLine)).verdict())
                .isEqualTo(Verdict.REPRODUCED);
    }

    static LaterMeasurements spreads(List<LaterMeasurements.Spread> s) {
        LaterMeasurements g = goodLater();
        return later(0.2, 0.1, s, 0.3, 0.03, g.effects(), g.tracking());
    }

    @Test
    @DisplayName("claim 13: a std divided by exactly 3 meets the line; met at exactly half the counts is partly")
    void orderSensitivityOnTheLine() {
        assertThat(0.25 * 3).isEqualTo(0.75);
        // n = 5: counts 1..4 have several orderings; the ends (0 and 5) are skipped whatever their std.
        List<LaterMeasurements.Spread> half = List.of(new LaterMeasurements.Spread(0, 5, 0.0, 9.0),
                new LaterMeasurements.Spread(1, 5, 0.75, 0.25), new LaterMeasurements.Spread(2, 5, 0.75, 0.25),
                new LaterMeasurements.Spread(3, 5, 0.75, 0.5), new LaterMeasurements.Spread(4, 5, 0.75, 0.5),
                new LaterMeasurements.Spread(5, 5, 0.0, 9.0));
        Finding f = LaterRules.orderSensitivityRemoved(spreads(half));
        assertThat(f.verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(f.reason()).contains("at 2 of 4 material counts").contains("n_X=3 (0.7500 -> 0.5000, 1.50x)")
                .doesNotContain("n_X=0").doesNotContain("n_X=5").contains("smallest factor 1.50x");
        List<LaterMeasurements.Spread> allMet = List.of(new LaterMeasurements.Spread(1, 3, 0.75, 0.25),
                new LaterMeasurements.Spread(2, 3, 0.75, 0.0));
        Finding met = LaterRules.orderSensitivityRemoved(spreads(allMet));
        assertThat(met.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(met.reason()).as("an ablated std of 0 is an infinite factor, not the smallest")
                .contains("smallest factor 3.00x");
        List<LaterMeasurements.Spread> ends = List.of(new LaterMeasurements.Spread(0, 1, 0.0, 0.1),
                new LaterMeasurements.Spread(1, 1, 0.0, 0.1));
        assertThat(LaterRules.orderSensitivityRemoved(spreads(ends)).determined()).as("no count with several orderings")
                .isFalse();
        assertThat(met.reason()).doesNotContain("no material");
        List<LaterMeasurements.Spread> flat = List.of(new LaterMeasurements.Spread(1, 3, 0.01, 0.001),
                new LaterMeasurements.Spread(2, 3, 0.01, 0.001));
        Finding small = LaterRules.orderSensitivityRemoved(spreads(flat));
        assertThat(small.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(small.reason()).endsWith(" (no material order sensitivity to remove)");
    }

    @Test
    @DisplayName("claim 13: a count whose baseline std is below the materiality line is not asked to fall, and one on the line is")
    void orderSensitivityAsksOnlyMaterialCounts() {
        double line = Thresholds.MATERIAL_SPREAD;
        // Two material counts fall 3x; the third's std is under the line and does not fall: it has nothing to remove.
        List<LaterMeasurements.Spread> withFlat = List.of(new LaterMeasurements.Spread(1, 4, 0.06, 0.01),
                new LaterMeasurements.Spread(2, 4, 0.06, 0.02), new LaterMeasurements.Spread(3, 4, line / 2, line));
        Finding f = LaterRules.orderSensitivityRemoved(spreads(withFlat));
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.reason()).contains("at 2 of 2 material counts").contains("not asked: n_X=3");
        // The same count exactly on the line is asked, and short: 2 of 3 met is partly.
        List<LaterMeasurements.Spread> onLine = List.of(withFlat.get(0), withFlat.get(1),
                new LaterMeasurements.Spread(3, 4, line, line));
        Finding g = LaterRules.orderSensitivityRemoved(spreads(onLine));
        assertThat(g.verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(g.reason()).contains("at 2 of 3 material counts").doesNotContain("not asked");
        // That count's std decides between the two verdicts, so it is one of the margins the finding carries.
        assertThat(f.margin()).isNotNull();
        assertThat(java.util.Arrays.stream(new Finding[] {f, g}).allMatch(x -> x.margin() != null)).isTrue();
    }

    @Test
    @DisplayName("claim 15: a change of exactly 1e-6 counts; the reason names the least effective ablation")
    void everyAblationOnTheLine() {
        LaterMeasurements g = goodLater();
        List<AblationEffect> effects = List.of(new AblationEffect("sweep", "[L0H0]", 0.5),
                new AblationEffect("top2", "[L0H3, L1H4]", Thresholds.OUTPUT_CHANGE),
                new AblationEffect("sweep", "[L1H1]", 0.3));
        Finding f = LaterRules.everyAblationChanges(later(0.2, 0.1, g.spreads(), 0.3, 0.03, effects, g.tracking()));
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.reason()).isEqualTo("3 ablations; smallest largest-change of P(X|{X,Y}) 1.00e-06 (top2 [L0H3, L1H4]) "
                + "vs 1.0E-6");
        List<AblationEffect> tie = List.of(new AblationEffect("sweep", "[L0H0]", 0.5),
                new AblationEffect("sweep", "[L0H1]", 0.5));
        assertThat(LaterRules.everyAblationChanges(later(0.2, 0.1, g.spreads(), 0.3, 0.03, tie, g.tracking())).reason())
                .as("on a tie, the first one listed").contains("(sweep [L0H0])");
        List<AblationEffect> broken = List.of(new AblationEffect("sweep", "[L0H0]", 0.5),
                new AblationEffect("sweep", "[L1H1]", 0.0));
        Finding b = LaterRules.everyAblationChanges(later(0.2, 0.1, g.spreads(), 0.3, 0.03, broken, g.tracking()));
        assertThat(b.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(b.reason()).endsWith("; changed nothing: [sweep [L1H1]]");
        assertThat(LaterRules.everyAblationChanges(later(0.2, 0.1, g.spreads(), 0.3, 0.03, List.of(), g.tracking()))
                .determined()).isFalse();
    }

    @Test
    @DisplayName("claim 9: a later-layer change of exactly 0.05 is material (refuted); a head missing from the map "
            + "changed nothing")
    void patternsOnTheLine() {
        Measurements g = good();
        java.util.function.Function<Map<Head, Double>, Finding> with = later -> PatternRules.patternsUnchanged(new Measurements(2,
                0.45, 0.2, P, 0.36, g.top2(), 0.0, 0.0, null, null, null, null, new PatternInvariance(true, later,
                List.of())));
        Finding on = with.apply(Map.of(P, Thresholds.PATTERN_CHANGE));
        assertThat(on.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(on.reason()).isEqualTo("largest later-layer attention change when ablating L0H3 0.0500 vs material 0.05");
        assertThat(on.margin().line()).isEqualTo(Thresholds.PATTERN_CHANGE);
        assertThat(with.apply(Map.of(P, 0.0499)).verdict()).isEqualTo(Verdict.REPRODUCED);
        Finding missing = with.apply(Map.of());
        assertThat(missing.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(missing.reason()).startsWith("largest later-layer attention change when ablating L0H3 0.0000");
    }

    @Test
    @DisplayName("claim 10 on three layers: a layer-1 head is not the last layer's induction head")
    void threeLayers() {
        double[][] induction = new double[3][8];
        double[][] previous = new double[3][8];
        previous[0][3] = 0.6;
        induction[1][4] = 0.6;
        induction[2][4] = 0.6;
        HeadScores s = new HeadScores(induction, previous, 20, 32, 1, 26);
        Head last = new Head(2, 4);
        Finding middle = PatternRules.inductionCircuit(new Measurements(3, 0.45, 0.2, P, 0.36, List.of(P, I), 0.0, 0.0, null,
                null, s, new Composition(P, I, 0.6, 0.1), null));
        assertThat(middle.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(middle.reason()).isEqualTo("top two [L0H3, L1H4] are not one first-layer and one last-layer head");
        Finding ok = PatternRules.inductionCircuit(new Measurements(3, 0.45, 0.2, P, 0.36, List.of(P, last), 0.0, 0.0, null,
                null, s, new Composition(P, last, 0.6, 0.1), null));
        assertThat(ok.verdict()).isEqualTo(Verdict.REPRODUCED);
        Finding reversed = PatternRules.inductionCircuit(new Measurements(3, 0.45, 0.2, last, 0.36, List.of(last, P), 0.0, 0.0,
                null, null, s, new Composition(P, last, 0.6, 0.1), null));
        assertThat(reversed.verdict()).as("the sweep's order does not pick the roles").isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("the reasons print numbers to 4 decimals and say when drift is not material")
    void reasonTexts() {
        assertThat(DriftRules.drift(drifts(0.123456, 0.0, 0.0, null)).reason()).isEqualTo("drift 0.1235 vs material 0.1");
        String note = " (drift not material: nothing to remove, not applicable)";
        // A share of an immaterial drift is a ratio of small numbers, which moves between CPUs: not printed.
        assertThat(DriftRules.sweepFindsCause(drifts(0.05, 0.0, 0.0, null)).reason()).endsWith(note)
                .contains("removes n/a (drift not material)").doesNotContain("100.0%");
        assertThat(DriftRules.sweepFindsCause(good()).reason()).doesNotContain("not material")
                .isEqualTo("top head L0H3 removes 80.0% of drift 0.4500 vs 50.0%");
        assertThat(DriftRules.towardCounting(drifts(0.05, 0.0, 0.0, null)).reason()).endsWith(note);
        assertThat(DriftRules.topTwoCollapse(drifts(0.05, 0.0, 0.0, null)).reason()).endsWith(note);
    }

    @Test
    @DisplayName("claims, verdicts and findings print as the report shows them")
    void names() {
        assertThat(Claim.DRIFT.number()).isEqualTo(4);
        assertThat(Claim.REAL_TIME_TRACKING.number()).isEqualTo(16);
        assertThat(Claim.DRIFT.label()).isEqualTo("4 " + Claim.DRIFT.statement());
        assertThat(Claim.DRIFT.statement()).startsWith("the model's P(X | {X,Y}) differs");
        assertThat(Verdict.REPRODUCED).hasToString("reproduced");
        assertThat(Verdict.PARTLY).hasToString("partly");
        assertThat(Verdict.REFUTED).hasToString("refuted");
        assertThat(Verdict.NOT_APPLICABLE).hasToString("not applicable");
        assertThat(Finding.undetermined(Claim.DRIFT, "why").verdictText()).isEqualTo("not determined");
        assertThat(DriftRules.drift(good()).verdictText()).isEqualTo("reproduced");
    }

    @Test
    @DisplayName("the notebook's recorded numbers become the measurements the rules read, without weights")
    void fromTheRecord() {
        NotebookRecord r = NotebookRecord.read(Path.of("fixtures/attn-only-2l/attn-only-2l-notebook-fp32.json"));
        Measurements m = Measurements.of(r);
        assertThat(m.layers()).isEqualTo(2);
        assertThat(m.drift()).isEqualTo(r.drift()).isBetween(0.384, 0.385);
        assertThat(m.topHead()).isEqualTo(new Head(1, 6));
        assertThat(m.topHeadReduction()).isEqualTo(r.sweepTop().get(0).driftReduction());
        assertThat(m.top2()).containsExactly(new Head(1, 6), new Head(0, 3));
        assertThat(m.top2Drift()).isEqualTo(r.top2Drift());
        assertThat(m.top2Mae()).isEqualTo(r.top2Mae());
        assertThat(m.top3Drift()).isNull();
        assertThat(m.scores()).isNull();
        assertThat(m.composition()).isNull();
        assertThat(m.invariance()).isNull();
        // The record's patterns are on the notebook's X/Y prompts only, where no induction key is apart from the
        // previous token (issue 27): claim 5 cannot be decided from them.
        assertThat(m.stripes()).isNull();
        assertThat(PatternRules.attentionCircuit(m).determined()).isFalse();
        // The record's stripes are still read from every recorded pattern value (FINDINGS.md's "best L1H0 0.19").
        io.github.driftclaims.interp.AttentionStripes st = r.stripes();
        assertThat(st.induction(st.bestInduction(1))).isBetween(0.1901, 0.1903);
        assertThat(st.previousToken(st.bestPreviousToken(0))).isBetween(0.4336, 0.4338);
        assertThat(st.letters()).isEqualTo(2);

        LaterMeasurements l = LaterMeasurements.of(LaterCellsRecord.read(PromptStyle.TOY));
        assertThat(l.prompt()).isEqualTo("toy");
        assertThat(l.spreads()).hasSize(11);
        assertThat(l.tracking().seeded()).isFalse();
        assertThat(l.tracking().source()).isEqualTo("the printed last 5 rows of one unseeded stream");
        assertThat(l.maeBaseline()).isBetween(0.1057, 0.1059);
        assertThat(l.effects()).extracting(AblationEffect::experiment).containsExactly("later.toy.evidence_sweep (means)",
                "later.toy.drift_4x1y (first 10 draws, 4 dp)", "later.toy.sanity_check");
        // The notebook's printed tail: the notebook's "0.1765 -> 0.1000".
        assertThat(l.tracking().maeBaseline()).isBetween(0.17645, 0.17655);
        assertThat(l.tracking().maeAblated()).isBetween(0.09995, 0.10005);
    }
}
