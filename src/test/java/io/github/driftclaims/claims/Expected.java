package io.github.driftclaims.claims;

import static io.github.driftclaims.claims.ModelUnderTest.COUNTING_CONTROL;

/**
 * The verdict each model should get. The toy model was built to have the notebook's circuit, the
 * control was built not to, and attn-only-2l should behave as the notebook recorded. A verdict that
 * differs from these fails its test: on the toy or the real model that is a refuted claim; on the
 * control it means the suite could no longer tell a model without the circuit apart.
 */
final class Expected {

    private Expected() {}

    static Verdict drift(ModelUnderTest m) {
        return m == COUNTING_CONTROL ? Verdict.REFUTED : Verdict.REPRODUCED;
    }

    static Verdict sweepFindsCause(ModelUnderTest m) {
        return m == COUNTING_CONTROL ? Verdict.REFUTED : Verdict.REPRODUCED;
    }

    static Verdict topKCollapses(ModelUnderTest m) {
        return m == COUNTING_CONTROL ? Verdict.REFUTED : Verdict.REPRODUCED;
    }

    /**
     * The notebook's own numbers give "partly" (drift 0.006 but MAE to Bayes 0.178). The toy model is a
     * finding, recorded when it was shipped: ablating its top two leaves drift 0.0505 (89% removed, but
     * not below 0.05) and MAE to Bayes 0.109, so neither statement holds and the verdict is refuted.
     */
    static Verdict towardCounting(ModelUnderTest m) {
        return switch (m) {
            case ATTN_ONLY_2L -> Verdict.PARTLY;
            case TOY_INDUCTION, COUNTING_CONTROL -> Verdict.REFUTED;
        };
    }

    static Verdict topHeadsAreInductionCircuit(ModelUnderTest m) {
        return m == COUNTING_CONTROL ? Verdict.REFUTED : Verdict.REPRODUCED;
    }
}
