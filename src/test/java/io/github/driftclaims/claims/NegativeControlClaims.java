package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.NotebookEvidence;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Epic(ClaimRecord.EPIC)
@Feature("Claim 11: the negative control")
@ExtendWith(Models.class)
@DisplayName("Claim 11: the claims can fail — the counting-only control fails claims 4, 6 and 7")
class NegativeControlClaims {

    @Test
    @DisplayName("the control, trained without repeated patterns, is refuted on drift, sweep and top-two ablation; the toy model drifts ten times more")
    @Description("A suite whose claims pass on every model proves nothing. counting-only-2l is trained by the same "
            + "recipe as toy-induction-2l without repeated-pattern data, so it should count and not copy: small drift, "
            + "and no head whose ablation removes much of it. The same verdict rules that reproduce claims 4, 6 and 7 on "
            + "the toy model must refute them on the control.")
    void controlFailsTheDriftClaims(@Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        NotebookEvidence control = models.get(ModelUnderTest.COUNTING_CONTROL).evidence();
        NotebookEvidence toy = models.get(ModelUnderTest.TOY_INDUCTION).evidence();
        ClaimRecord.number("control drift", control.run().baseline().drift());
        ClaimRecord.number("toy drift", toy.run().baseline().drift());
        ClaimRecord.number("control top-head reduction", control.run().sweep().ranked().get(0).driftReduction());
        Evidence.parameter("control verdicts 4/6/7", Verdicts.drift(control) + " / " + Verdicts.sweepFindsCause(control)
                + " / " + Verdicts.topKCollapses(control));
        Evidence.parameter("toy verdicts 4/6/7", Verdicts.drift(toy) + " / " + Verdicts.sweepFindsCause(toy) + " / "
                + Verdicts.topKCollapses(toy));
        assertThat(Verdicts.drift(control)).isEqualTo(Verdict.REFUTED);
        assertThat(Verdicts.sweepFindsCause(control)).isEqualTo(Verdict.REFUTED);
        assertThat(Verdicts.topKCollapses(control)).isEqualTo(Verdict.REFUTED);
        assertThat(Verdicts.drift(toy)).isEqualTo(Verdict.REPRODUCED);
        assertThat(control.run().baseline().drift()).as("the control drifts far less than the toy model")
                .isLessThan(toy.run().baseline().drift() / 10);
    }
}
