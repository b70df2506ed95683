package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.AttentionStripes;
import io.github.driftclaims.interp.NotebookRecord;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.verdict.Verdict;
import io.qameta.allure.Allure;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules on the notebook's own numbers, without the weights: "attn-only-2l, as recorded". Runs on
 * every build, so the real model's verdicts are computed in CI even though its weights cannot be had
 * here; when the weights are in the cache, the measured model must agree.
 */
@Feature("attn-only-2l, as recorded")
@ExtendWith(Models.class)
@DisplayName("The verdicts on attn-only-2l's recorded numbers (the notebook's fp32 run, no weights needed)")
class RecordedNotebookClaims {

    /** The recorded model's name in the verdict matrix. */
    static final String NAME = "attn-only-2l, as recorded";

    /**
     * Claim 5 on attn-only-2l's record: until issue 27 a finding, "refuted" (best layer-1 stripe L1H0 0.190 on the
     * notebook's 9-token prompts). The repaired rule scores only queries whose induction key is apart from the previous
     * token, and the notebook's X/Y prompts have none: the record cannot decide the claim (the measured model is scored
     * on repeated sequences, {@link Expected}).
     */
    static final String CLAIM_5_BASIS = "by rule (issue 27, re-measured under the repaired rule 2026-12-06; it was "
            + "\"refuted\" on the record's X/Y prompts, best layer-1 stripe L1H0 0.190): the record holds patterns on the "
            + "notebook's prompts only, where every induction key is the previous token or the query itself";

    static Measurements recorded() {
        return Measurements.of(NotebookRecord.read(NotebookReference.FILE));
    }

    /** What the rule should give on the record for claims 4-10. */
    static Expected.Expectation expected(Claim claim) {
        return switch (claim) {
            case PATTERNS_UNCHANGED, INDUCTION_CIRCUIT, PATTERNS_BIT_IDENTICAL -> new Expected.Expectation(null,
                    "the record has no patterns under ablation and no head scores");
            case ATTENTION_CIRCUIT -> new Expected.Expectation(null, CLAIM_5_BASIS);
            default -> Expected.of(ModelUnderTest.ATTN_ONLY_2L, claim);
        };
    }

    static Finding finding(Measurements m, Claim claim) {
        return Rules.all(m).stream().filter(x -> x.claim() == claim).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "claim {0}")
    @EnumSource(value = Claim.class, names = {"DRIFT", "ATTENTION_CIRCUIT", "SWEEP_FINDS_CAUSE", "TOP_TWO_COLLAPSE",
            "TOWARD_COUNTING", "PATTERNS_UNCHANGED", "INDUCTION_CIRCUIT", "PATTERNS_BIT_IDENTICAL"})
    @DisplayName("each rule gives the expected verdict on the recorded numbers, or says what the record lacks")
    @Description("The notebook's reference file holds the baseline rows, the sweep's top 10, the top-two result and "
            + "the baseline attention patterns. Every verdict those numbers determine is computed by the same rules as on "
            + "the models; claims 9 and 10 need patterns under ablation and head scores, which need the weights, so "
            + "their findings are 'not determined'.")
    void ruleOnRecordedNumbers(Claim claim) {
        Allure.story(NAME);
        Measurements recorded = recorded();
        Finding f = finding(recorded, claim);
        Expected.Expectation expected = expected(claim);
        if (claim == Claim.ATTENTION_CIRCUIT) {
            AttentionStripes st = NotebookRecord.read(NotebookReference.FILE).stripes(); // shown; no verdict reads them
            AttentionPatternClaims.attachStripes(st);
            ClaimRecord.number("best induction stripe (" + st.bestInduction(1) + ")", st.induction(st.bestInduction(1)));
            ClaimRecord.number("best previous-token stripe (" + st.bestPreviousToken(0) + ")",
                    st.previousToken(st.bestPreviousToken(0)));
        }
        ClaimRecord.verdict(f, expected);
    }

    @ParameterizedTest(name = "claim {0}")
    @EnumSource(value = Claim.class, names = {"DRIFT", "SWEEP_FINDS_CAUSE", "TOP_TWO_COLLAPSE", "TOWARD_COUNTING"})
    @DisplayName("with the weights present, the measured attn-only-2l gives the recorded verdict")
    @Description("The measured model's numbers differ from the record's by fp32 rounding (checked within 1e-4 by the "
            + "claim tests); its verdicts must be the same. Skipped when attn-only-2l is not in the Hugging Face cache.")
    void measuredAgreesWithRecorded(Claim claim, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        Allure.epic(ClaimRecord.CHECKS);
        Measurements measured = models.get(ModelUnderTest.ATTN_ONLY_2L).measurements();
        Finding onRecord = finding(recorded(), claim);
        Finding onModel = finding(measured, claim);
        assertThat(onModel.verdict()).as("%s vs recorded %s", onModel.reason(), onRecord.reason())
                .isEqualTo(onRecord.verdict());
    }
}
