package io.github.driftclaims.claims;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Verdict;
import java.util.EnumMap;
import java.util.Map;

/**
 * The verdict each model should get, stated from what the model is, never computed from the measurement
 * the claim test makes. Two kinds of basis: a hypothesis (what the model was built or chosen to show)
 * and a finding (a verdict first measured when the model shipped or the rule was introduced, recorded
 * here so that a change fails the build). A measured verdict that differs fails its test: on the toy or
 * the real model that is a claim that no longer reproduces; on a control it means the suite could no
 * longer tell a model without the circuit apart.
 */
final class Expected {

    /** A verdict and why it is expected; a null verdict means the rule cannot decide from this model's numbers. */
    record Expectation(Verdict verdict, String basis) {
        String verdictText() {
            return verdict == null ? "not determined" : verdict.toString();
        }
    }

    private static final Map<ModelUnderTest, Map<Claim, Expectation>> TABLE = table();

    private static Map<ModelUnderTest, Map<Claim, Expectation>> table() {
        Map<ModelUnderTest, Map<Claim, Expectation>> table = new EnumMap<>(ModelUnderTest.class);
        Put put = (m, c, v, basis) -> table.computeIfAbsent(m, k -> new EnumMap<>(Claim.class))
                .put(c, new Expectation(v, basis));
        ModelUnderTest t = ModelUnderTest.TOY_INDUCTION;
        put.put(t, Claim.DRIFT, Verdict.REPRODUCED, "hypothesis: trained on a mixture where copying and counting compete");
        put.put(t, Claim.ATTENTION_CIRCUIT, Verdict.REPRODUCED, "hypothesis: trained to form an induction circuit");
        put.put(t, Claim.SWEEP_FINDS_CAUSE, Verdict.REPRODUCED, "finding at ship time: L0H3 alone removes 85% of drift 0.450");
        put.put(t, Claim.TOP_TWO_COLLAPSE, Verdict.REPRODUCED, "finding at ship time: L0H3 + L1H4 remove 88.8%");
        put.put(t, Claim.TOWARD_COUNTING, Verdict.REFUTED,
                "finding at ship time: after the top two, drift 0.0505 (not below 0.05) and MAE to Bayes 0.109");
        put.put(t, Claim.PATTERNS_UNCHANGED, Verdict.PARTLY,
                "finding at ship time: its top two include the layer-0 head L0H3, whose output feeds layer 1's queries and keys");
        put.put(t, Claim.INDUCTION_CIRCUIT, Verdict.PARTLY, "finding at ship time: L1H4's induction score 0.54 is 0.07 below "
                + "the layer's best, L1H6 (0.61); six layer-1 heads score above 0.5");

        ModelUnderTest c = ModelUnderTest.COUNTING_CONTROL;
        String none = "hypothesis: trained without repeated patterns, so it counts and does not copy";
        put.put(c, Claim.DRIFT, Verdict.REFUTED, none);
        put.put(c, Claim.ATTENTION_CIRCUIT, Verdict.REFUTED, none);
        put.put(c, Claim.SWEEP_FINDS_CAUSE, Verdict.REFUTED, none);
        put.put(c, Claim.TOP_TWO_COLLAPSE, Verdict.REFUTED, none);
        put.put(c, Claim.TOWARD_COUNTING, Verdict.REFUTED, none + " (no drift to collapse)");
        put.put(c, Claim.PATTERNS_UNCHANGED, Verdict.PARTLY,
                "finding at ship time: its top two, L0H0 and L1H5, include a layer-0 head");
        put.put(c, Claim.INDUCTION_CIRCUIT, Verdict.REFUTED, none + ": no head scores 0.5 as previous-token or induction head");

        for (ModelUnderTest r : new ModelUnderTest[] {ModelUnderTest.ATTN_ONLY_2L}) {
            put.put(r, Claim.DRIFT, Verdict.REPRODUCED, "the notebook's record: drift 0.384");
            put.put(r, Claim.ATTENTION_CIRCUIT, RecordedNotebookClaims.CLAIM_5, RecordedNotebookClaims.CLAIM_5_BASIS);
            put.put(r, Claim.SWEEP_FINDS_CAUSE, Verdict.REPRODUCED, "the notebook's record: (1,6) alone removes 92%");
            put.put(r, Claim.TOP_TWO_COLLAPSE, Verdict.REPRODUCED, "the notebook's record: (1,6) + (0,3) remove 98.4%");
            put.put(r, Claim.TOWARD_COUNTING, Verdict.PARTLY,
                    "the notebook's record: drift 0.006 after ablation, but MAE to Bayes 0.178 (all P(X) near 0.68)");
            put.put(r, Claim.PATTERNS_UNCHANGED, Verdict.PARTLY,
                    "the notebook's top two include the layer-0 head (0,3), whose output feeds layer 1's queries and keys");
            put.put(r, Claim.INDUCTION_CIRCUIT, Verdict.REPRODUCED,
                    "hypothesis: the notebook names (1,6) and (0,3) as the induction circuit");
        }
        Map<ModelUnderTest, Map<Claim, Expectation>> frozen = new EnumMap<>(ModelUnderTest.class);
        table.forEach((m, claims) -> frozen.put(m, Map.copyOf(claims)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private interface Put {
        void put(ModelUnderTest m, Claim c, Verdict v, String basis);
    }

    private Expected() {}

    static Expectation of(ModelUnderTest m, Claim c) {
        return TABLE.get(m).get(c);
    }
}
