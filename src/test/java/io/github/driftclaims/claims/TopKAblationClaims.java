package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.DriftRules;
import io.github.driftclaims.verdict.Thresholds;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Feature("Claim 7: ablating the top two heads collapses drift")
@ExtendWith(Models.class)
@DisplayName("Claim 7: ablating the sweep's top two heads together collapses drift")
class TopKAblationClaims {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("zeroing the top K = 2 heads at hook_z removes at least 80% of a material drift (partly: only K = 3 does)")
    @Description("Notebook: \"Choose induction-head candidates and re-test\", TOPK = 2, \"After ablation drift: ... "
            + "(baseline: ...)\"; and its summary: \"ablating those heads collapses the drift\". The claim holds when "
            + "the two heads together remove at least 80% of a drift of 0.10 or more; 'partly' when only the top three do, "
            + "which the notebook's TOPK = 2  # increase if drift remains allows. On attn-only-2l the heads must be "
            + "exactly (1,6), (0,3) and the drift 0.0060932 within 1e-4.")
    void topTwoCollapseDrift(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        Models.Loaded m = models.get(which);
        CircuitEvidence e = m.evidence();
        AblationSweep.TopK top = e.run().topK();
        Evidence.parameter("heads", top.heads().toString());
        Evidence.attachCsv("after ablating " + top.heads(), DriftClaims.table(top.result()));
        ClaimRecord.number("baseline drift", top.baselineDrift());
        ClaimRecord.number("drift after ablation", top.result().drift());
        ClaimRecord.number("reduction", top.reductionFraction());
        ClaimRecord.number("MAE to Bayes after ablation", top.result().maeToBayes());
        Evidence.parameter("top three (the notebook's 'increase if drift remains')", e.top3().heads().toString());
        ClaimRecord.number("reduction with the top three", e.top3().reductionFraction());
        assertThat(top.heads()).as("the sweep's first two").isEqualTo(e.run().sweep().topHeads(2)).doesNotHaveDuplicates();
        assertThat(e.top3().heads()).as("the sweep's first three").isEqualTo(e.run().sweep().topHeads(3));
        assertThat(top.reductionFraction()).isCloseTo((top.baselineDrift() - top.result().drift()) / top.baselineDrift(),
                within(1e-12));
        for (Readout after : top.result().rows()) {
            assertThat(after.logitDiff()).as("ablating %s changed %s's logits", top.heads(), after.name())
                    .isNotEqualTo(e.run().baseline().row(after.name()).logitDiff());
        }
        if (which.isReal()) {
            var ref = NotebookReference.load().section("top2_ablation");
            assertThat(top.heads()).containsExactly(new Head(1, 6), new Head(0, 3));
            assertThat(top.result().drift()).isCloseTo(ref.get("drift").getAsDouble(), within(Thresholds.REFERENCE_TOLERANCE));
            assertThat(top.result().maeToBayes()).isCloseTo(ref.get("mae_to_bayes").getAsDouble(),
                    within(Thresholds.REFERENCE_TOLERANCE));
            for (String name : List.of("patterned", "clumped", "mixed")) {
                assertThat(top.result().row(name).pXNorm()).as(name).isCloseTo(
                        ref.getAsJsonObject("rows").getAsJsonObject(name).get("p_X_norm").getAsDouble(),
                        within(Thresholds.REFERENCE_TOLERANCE));
            }
        }
        ClaimRecord.verdict(DriftRules.topTwoCollapse(m.measurements()), Expected.of(which, Claim.TOP_TWO_COLLAPSE));
    }
}
