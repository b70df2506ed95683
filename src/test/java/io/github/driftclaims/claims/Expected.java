package io.github.driftclaims.claims;

import io.github.driftclaims.interp.PromptStyle;
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

    /** Claims 12 to 16 depend on the prompt style as well: by model, style, claim. */
    private static final Map<ModelUnderTest, Map<PromptStyle, Map<Claim, Expectation>>> LATER = laterTable();

    /**
     * The later cells' expectations, stated before any later-cell number was measured on a model (2026-12-02).
     * The toy models see the form they were trained on ("sequence"); attn-only-2l the notebook's two recorded
     * styles.
     */
    private static Map<ModelUnderTest, Map<PromptStyle, Map<Claim, Expectation>>> laterTable() {
        Map<ModelUnderTest, Map<PromptStyle, Map<Claim, Expectation>>> t = new EnumMap<>(ModelUnderTest.class);
        LaterPut put = (m, s, c, v, basis) -> t.computeIfAbsent(m, k -> new EnumMap<>(PromptStyle.class))
                .computeIfAbsent(s, k -> new EnumMap<>(Claim.class)).put(c, new Expectation(v, basis));
        String anyHead = "hypothesis: every head of a trained model writes to the residual stream, so zeroing any changes "
                + "P(X)";
        ModelUnderTest toy = ModelUnderTest.TOY_INDUCTION;
        String copying = "hypothesis: its order sensitivity comes from the copying heads its sweep finds; without them "
                + "what is left is driven by the counts";
        // The hypothesis was "reproduced" for 12, 13, 14 and 16; the first measurement (2026-12-02, after the rules
        // were committed) differs, and is recorded here as findings. On 10-symbol prompts the toy model's top two
        // from the 6-symbol sweep (L0H3, L1H4) are not what makes it order-sensitive: zeroing them adds spread.
        put.put(toy, PromptStyle.SEQUENCE, Claim.CLOSER_TO_BAYES, Verdict.PARTLY, "finding (hypothesis was reproduced): "
                + "MAE to two-generator Bayes 0.1269 -> 0.0976, 23.1% lower, short of 25%");
        put.put(toy, PromptStyle.SEQUENCE, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): ablating L0H3 + L1H4 raises the std over orderings at 8 of 9 counts (n_X=5: 0.034 -> 0.092)");
        put.put(toy, PromptStyle.SEQUENCE, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): 4X/1Y drift 0.067 is not material, and ablation raises it to 0.276");
        put.put(toy, PromptStyle.SEQUENCE, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
        put.put(toy, PromptStyle.SEQUENCE, Claim.REAL_TIME_TRACKING, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): tracking MAE to Bayes 0.0983 -> 0.1229, 25% higher under ablation");
        ModelUnderTest ctl = ModelUnderTest.COUNTING_CONTROL;
        String counts = "hypothesis: trained without repeated patterns, it already counts; its top two cause no drift, so "
                + "ablating them removes nothing";
        put.put(ctl, PromptStyle.SEQUENCE, Claim.CLOSER_TO_BAYES, Verdict.REFUTED, counts);
        put.put(ctl, PromptStyle.SEQUENCE, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.REFUTED, counts
                + " (no material order sensitivity)");
        put.put(ctl, PromptStyle.SEQUENCE, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.REFUTED, counts + " (no material drift)");
        put.put(ctl, PromptStyle.SEQUENCE, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
        put.put(ctl, PromptStyle.SEQUENCE, Claim.REAL_TIME_TRACKING, Verdict.REFUTED, counts);
        for (PromptStyle s : new PromptStyle[] {PromptStyle.TOY, PromptStyle.MINIMAL}) {
            ModelUnderTest r = ModelUnderTest.ATTN_ONLY_2L;
            String notebook = "hypothesis: the notebook's later cells claim it";
            put.put(r, s, Claim.CLOSER_TO_BAYES, Verdict.REPRODUCED, notebook);
            put.put(r, s, Claim.ORDER_SENSITIVITY_REMOVED, s == PromptStyle.TOY ? Verdict.REPRODUCED : Verdict.PARTLY,
                    s == PromptStyle.TOY ? notebook + " (\"std shrinks 5-10x\")" : "finding from the record when the rule "
                            + "was introduced (hypothesis was reproduced): at n_X=9 the std falls only 1.79x (0.0130 -> "
                            + "0.0072); 3x or more at the other 8 counts");
            put.put(r, s, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.REPRODUCED, notebook);
            put.put(r, s, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
            put.put(r, s, Claim.REAL_TIME_TRACKING, Verdict.REPRODUCED, notebook + " (on its unseeded run)");
        }
        Map<ModelUnderTest, Map<PromptStyle, Map<Claim, Expectation>>> frozen = new EnumMap<>(ModelUnderTest.class);
        t.forEach((m, byStyle) -> {
            Map<PromptStyle, Map<Claim, Expectation>> f = new EnumMap<>(PromptStyle.class);
            byStyle.forEach((st, claims) -> f.put(st, Map.copyOf(claims)));
            frozen.put(m, java.util.Collections.unmodifiableMap(f));
        });
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private interface LaterPut {
        void put(ModelUnderTest m, PromptStyle s, Claim c, Verdict v, String basis);
    }

    /** The expectation for a later-cell claim (12 to 16) on a model in a prompt style. */
    static Expectation of(ModelUnderTest m, PromptStyle s, Claim c) {
        Expectation e = LATER.getOrDefault(m, Map.of()).getOrDefault(s, Map.of()).get(c);
        if (e == null) {
            throw new IllegalArgumentException("no expectation for claim " + c.number() + " on " + m + " (" + s.id() + ")");
        }
        return e;
    }

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
