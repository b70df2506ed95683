package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.DriftRules;
import io.github.driftclaims.verdict.PatternRules;
import io.github.driftclaims.verdict.Thresholds;
import io.github.driftclaims.verdict.Verdict;
import io.qameta.allure.Allure;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Feature("Claim 11: the negative control")
@ExtendWith(Models.class)
@DisplayName("Claim 11: the claims can fail — the counting-only control fails claims 4, 6 and 7, and the markov-switch control drifts without the induction circuit")
class NegativeControlClaims {

    @Test
    @DisplayName("the control is refuted on drift, leaves the sweep and top-two ablation nothing to act on, and no head of it carries drift even unguarded")
    @Description("A suite whose claims pass on every model proves nothing. counting-only-2l is trained by the same "
            + "recipe as the default toy-induction-2l (seed 0 of each ensemble) without repeated-pattern data, so it should count and not copy. The rules for "
            + "claims 6 and 7 call them not applicable on a model without material drift before they look at its heads "
            + "(a refutation there would only restate claim 4). This test also reads the unguarded quantities: the drift its "
            + "top head and top two remove, in absolute terms, must be far below what the rules require of a model with "
            + "material drift (half of 0.10 for one head, 80% of 0.10 for two), and far below the toy model's.")
    void controlFailsTheDriftClaims(@Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        Allure.epic(ClaimRecord.CHECKS);
        Measurements control = models.get(ModelUnderTest.COUNTING_CONTROL).measurements();
        Measurements toy = models.get(ModelUnderTest.TOY_INDUCTION).measurements();
        ClaimRecord.number("control drift", control.drift());
        ClaimRecord.number("toy drift", toy.drift());
        ClaimRecord.number("control: drift its top head removes", control.topHeadReduction());
        ClaimRecord.number("control: share of its drift (unguarded)", control.topHeadShare());
        ClaimRecord.number("control: drift its top two remove", control.drift() - control.top2Drift());
        ClaimRecord.number("control: share of its drift (unguarded)", control.top2Share());
        Evidence.parameter("control verdicts 4/6/7", DriftRules.drift(control).verdict() + " / "
                + DriftRules.sweepFindsCause(control).verdict() + " / " + DriftRules.topTwoCollapse(control).verdict());
        assertThat(DriftRules.drift(control).verdict()).isEqualTo(Verdict.REFUTED);
        // Without drift, claims 6 and 7 have nothing to act on: not applicable, never reproduced.
        assertThat(DriftRules.sweepFindsCause(control).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(DriftRules.topTwoCollapse(control).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(DriftRules.drift(toy).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(control.drift()).as("the control drifts far less than the toy model").isLessThan(toy.drift() / 10);
        double oneHeadLine = Thresholds.SINGLE_HEAD_SHARE * Thresholds.MATERIAL_DRIFT;
        double twoHeadLine = Thresholds.COLLAPSE_SHARE * Thresholds.MATERIAL_DRIFT;
        assertThat(control.topHeadReduction()).as("the control's top head removes a tenth of what one causal head must")
                .isLessThan(oneHeadLine / 10);
        assertThat(control.drift() - control.top2Drift()).as("the control's top two remove a tenth of what two must")
                .isLessThan(twoHeadLine / 10);
        assertThat(control.topHeadReduction()).as("and a tenth of what the toy model's top head removes")
                .isLessThan(toy.topHeadReduction() / 10);
    }

    @Test
    @DisplayName("the markov-switch control drifts, but claims 5 and 10 do not credit it with an induction circuit")
    @Description("Drift alone does not show an induction circuit. markov-switch-2l is trained on X/Y chains whose repeat "
            + "probability varies per sequence and on no letters to copy (plan.json states its verdicts before training): "
            + "its drift is reproduced as the default's is, while the claims about the mechanism are not. Since issue 27 "
            + "they are not applicable on it rather than refuted: on the two letters it was trained on no repeated "
            + "sequence has an induction key apart from the previous token (its head scores on X and Y are recorded, "
            + "but no rule reads them); on the default, scored on the 26 letters it was trained on, both are decided.")
    void markovControlDriftsWithoutInduction(@Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        Allure.epic(ClaimRecord.CHECKS);
        Measurements markov = models.get(ModelUnderTest.MARKOV_CONTROL).measurements();
        Measurements toy = models.get(ModelUnderTest.TOY_INDUCTION).measurements();
        ClaimRecord.number("markov-switch drift", markov.drift());
        ClaimRecord.number("markov-switch: best layer-1 induction score (on X and Y)", lastLayerInduction(markov));
        ClaimRecord.number("default: best layer-1 induction score", lastLayerInduction(toy));
        assertThat(DriftRules.drift(markov).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(PatternRules.inductionCircuit(markov).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(PatternRules.attentionCircuit(markov).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(PatternRules.inductionCircuit(toy).verdict()).as("the default's claim 10 is decided")
                .isIn(Verdict.REPRODUCED, Verdict.PARTLY, Verdict.REFUTED);
        assertThat(PatternRules.attentionCircuit(toy).verdict()).as("the default's claim 5 is decided")
                .isIn(Verdict.REPRODUCED, Verdict.PARTLY, Verdict.REFUTED);
    }

    private static double lastLayerInduction(Measurements m) {
        int last = m.layers() - 1;
        return m.scores().induction(m.scores().bestInductionHead(last));
    }
}
