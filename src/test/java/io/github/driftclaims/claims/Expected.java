package io.github.driftclaims.claims;

import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.report.Pin;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Verdict;
import java.util.EnumMap;
import java.util.Map;

/**
 * The verdict each model should get, stated from what the model is, never computed from the measurement
 * the claim test makes. Two kinds ({@link Kind}): a hypothesis (what the model was built or chosen to show)
 * and a finding (a verdict first measured when the model shipped or the rule was introduced, recorded
 * here so that a change fails the build), which names the commit that pinned it ({@link Pins}). A measured verdict that differs fails its test: on the toy or
 * the real model that is a claim that no longer reproduces; on a control it means the suite could no
 * longer tell a model without the circuit apart.
 */
final class Expected {

    /**
     * How an expected verdict was arrived at (issue 27: a green cell means "the hypothesis held" only for a
     * hypothesis; for a finding it means "nothing moved").
     */
    enum Kind {
        /** Stated from what the model is (or from the notebook's claim, or what the rule cannot decide) beforehand. */
        HYPOTHESIS,
        /** Recorded from the measurement it now checks, by the commit in {@link Expectation#pin}. */
        FINDING
    }

    /**
     * A verdict and why it is expected; a null verdict means the rule cannot decide from this model's numbers.
     *
     * @param pin for a finding, the commit that recorded it ({@link Pins}); null for a hypothesis
     */
    record Expectation(Verdict verdict, Kind kind, Pin pin, String basis) {

        /** A hypothesis: stated, not measured. */
        Expectation(Verdict verdict, String basis) {
            this(verdict, Kind.HYPOTHESIS, null, basis);
        }

        /** A finding: the verdict {@code pin} recorded from a measurement. */
        static Expectation finding(Verdict verdict, Pin pin, String basis) {
            return new Expectation(verdict, Kind.FINDING, pin, basis);
        }

        boolean pinned() {
            return kind == Kind.FINDING;
        }

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
        LaterPut put = (m, s, c, e) -> t.computeIfAbsent(m, k -> new EnumMap<>(PromptStyle.class))
                .computeIfAbsent(s, k -> new EnumMap<>(Claim.class)).put(c, e);
        String anyHead = "hypothesis: every head of a trained model writes to the residual stream, so zeroing any changes "
                + "P(X)";
        // The default (seed 0 of the ensemble) and the markov-switch control: stated 2026-12-02 before either
        // was measured in these cells (the ensemble's records hold their numbers, not these verdicts).
        ModelUnderTest seed0 = ModelUnderTest.TOY_INDUCTION;
        String story = "hypothesis: the notebook's later cells claim it, and this is the notebook's mechanism in small";
        // First measured 2026-12-02 when seed 0 became the default: as on the 8-head model, ablating the 6-symbol
        // sweep's top two (L1H1, L0H0) makes the 10-symbol cells less Bayesian, not more. Findings:
        put.finding(Pins.SEED_0_DEFAULT, seed0, PromptStyle.SEQUENCE, Claim.CLOSER_TO_BAYES, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): MAE of the per-count means to two-generator Bayes 0.0927 -> 0.1152, 24% higher");
        put.finding(Pins.SEED_0_DEFAULT, seed0, PromptStyle.SEQUENCE, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.REFUTED, "finding (hypothesis "
                + "was reproduced): ablation raises the std over orderings at all 9 counts (n_X=5: 0.101 -> 0.125)");
        put.finding(Pins.SEED_0_DEFAULT, seed0, PromptStyle.SEQUENCE, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): 4X/1Y drift 0.151 rises to 0.748 under ablation");
        put.put(seed0, PromptStyle.SEQUENCE, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
        put.finding(Pins.SEED_0_DEFAULT, seed0, PromptStyle.SEQUENCE, Claim.REAL_TIME_TRACKING, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): tracking MAE to Bayes 0.0870 -> 0.1699 under ablation");
        // The default since plan 2 (letters-only-2l seed 0). Plan 2 stated no hypothesis for the later cells; first
        // measured 2026-12-06 when it became the default. Findings:
        ModelUnderTest letters = ModelUnderTest.LETTERS_ONLY;
        String noPlan = "finding when it became the default (plan 2 stated no hypothesis for this cell): ";
        put.finding(Pins.LETTERS_DEFAULT, letters, PromptStyle.SEQUENCE, Claim.CLOSER_TO_BAYES, Verdict.REPRODUCED, noPlan + "MAE of the "
                + "per-count means to two-generator Bayes 0.1361 -> 0.0955 with L0H0 + L1H1 zeroed, 29.8% lower");
        put.finding(Pins.LETTERS_DEFAULT, letters, PromptStyle.SEQUENCE, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.REFUTED, noPlan + "the std "
                + "over orderings falls 3x at none of the 9 counts (n_X=5: 0.044 -> 0.040)");
        put.finding(Pins.LETTERS_DEFAULT, letters, PromptStyle.SEQUENCE, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.NOT_APPLICABLE, noPlan + "4X/1Y "
                + "drift 0.076 is not material (nothing to collapse)");
        put.put(letters, PromptStyle.SEQUENCE, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
        put.finding(Pins.LETTERS_DEFAULT, letters, PromptStyle.SEQUENCE, Claim.REAL_TIME_TRACKING, Verdict.PARTLY, noPlan + "tracking MAE to "
                + "Bayes 0.0918 -> 0.0832, 9.4% lower, short of 25%");
        ModelUnderTest mk = ModelUnderTest.MARKOV_CONTROL;
        String switches = "hypothesis: its order sensitivity reads switches, and its top two drift heads are what reads "
                + "them; without them it falls back to counts";
        // First measured 2026-12-02: the hypothesis fails in every later cell. Findings:
        put.finding(Pins.SEED_0_DEFAULT, mk, PromptStyle.SEQUENCE, Claim.CLOSER_TO_BAYES, Verdict.PARTLY, "finding (hypothesis was "
                + "reproduced): MAE to two-generator Bayes 0.1000 -> 0.0997, 0.3% lower, far short of 25%");
        put.finding(Pins.SEED_0_DEFAULT, mk, PromptStyle.SEQUENCE, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.REFUTED, "finding (hypothesis "
                + "was reproduced): the std falls 3x at none of the 9 counts (n_X=5: 0.172 -> 0.105)");
        put.finding(Pins.SEED_0_DEFAULT, mk, PromptStyle.SEQUENCE, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): 4X/1Y drift 0.103 rises to 0.174 under ablation");
        put.put(mk, PromptStyle.SEQUENCE, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
        put.finding(Pins.SEED_0_DEFAULT, mk, PromptStyle.SEQUENCE, Claim.REAL_TIME_TRACKING, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): tracking MAE to Bayes 0.0622 -> 0.0976 under ablation");
        ModelUnderTest toy = ModelUnderTest.TOY_8H_SELECTED;
        String copying = "hypothesis: its order sensitivity comes from the copying heads its sweep finds; without them "
                + "what is left is driven by the counts";
        // The hypothesis was "reproduced" for 12, 13, 14 and 16; the first measurement (2026-12-02, after the rules
        // were committed) differs, and is recorded here as findings. On 10-symbol prompts the toy model's top two
        // from the 6-symbol sweep (L0H3, L1H4) are not what makes it order-sensitive: zeroing them adds spread.
        put.finding(Pins.LATER_CELLS, toy, PromptStyle.SEQUENCE, Claim.CLOSER_TO_BAYES, Verdict.PARTLY, "finding (hypothesis was reproduced): "
                + "MAE to two-generator Bayes 0.1269 -> 0.0976, 23.1% lower, short of 25%");
        put.finding(Pins.LATER_CELLS, toy, PromptStyle.SEQUENCE, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): ablating L0H3 + L1H4 raises the std over orderings at 8 of 9 counts (n_X=5: 0.034 -> 0.092)");
        put.finding(Pins.NOT_APPLICABLE, toy, PromptStyle.SEQUENCE, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.NOT_APPLICABLE, "finding (hypothesis was "
                + "reproduced): 4X/1Y drift 0.067 is not material (nothing to collapse), and ablation raises it to 0.276");
        put.put(toy, PromptStyle.SEQUENCE, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
        put.finding(Pins.LATER_CELLS, toy, PromptStyle.SEQUENCE, Claim.REAL_TIME_TRACKING, Verdict.REFUTED, "finding (hypothesis was "
                + "reproduced): tracking MAE to Bayes 0.0983 -> 0.1229, 25% higher under ablation");
        ModelUnderTest ctl = ModelUnderTest.COUNTING_CONTROL;
        String counts = "hypothesis: trained without repeated patterns, it already counts; its top two cause no drift, so "
                + "ablating them removes nothing";
        put.put(ctl, PromptStyle.SEQUENCE, Claim.CLOSER_TO_BAYES, Verdict.REFUTED, counts);
        put.put(ctl, PromptStyle.SEQUENCE, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.NOT_APPLICABLE, counts
                + " (no material order sensitivity: not applicable)");
        put.put(ctl, PromptStyle.SEQUENCE, Claim.DRIFT_4X1Y_COLLAPSE, Verdict.NOT_APPLICABLE, counts
                + " (no material drift: not applicable)");
        put.put(ctl, PromptStyle.SEQUENCE, Claim.ABLATION_CHANGES_OUTPUT, Verdict.REPRODUCED, anyHead);
        put.put(ctl, PromptStyle.SEQUENCE, Claim.REAL_TIME_TRACKING, Verdict.REFUTED, counts);
        for (PromptStyle s : new PromptStyle[] {PromptStyle.TOY, PromptStyle.MINIMAL}) {
            ModelUnderTest r = ModelUnderTest.ATTN_ONLY_2L;
            String notebook = "hypothesis: the notebook's later cells claim it";
            put.put(r, s, Claim.CLOSER_TO_BAYES, Verdict.REPRODUCED, notebook);
            // The minimal prompt's n_X=9 (std 0.0130 -> 0.0072, 1.79x) made this "partly" until claim 13 stopped asking
            // counts below the materiality line (issue 27, committed before re-measuring): the hypothesis again.
            put.put(r, s, Claim.ORDER_SENSITIVITY_REMOVED, Verdict.REPRODUCED, notebook + " (\"std shrinks 5-10x\")"
                    + (s == PromptStyle.TOY ? "" : "; n_X=9 (std 0.013) is below the materiality line and not asked"));
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
        void put(ModelUnderTest m, PromptStyle s, Claim c, Expectation e);

        /** A hypothesis. */
        default void put(ModelUnderTest m, PromptStyle s, Claim c, Verdict v, String basis) {
            put(m, s, c, new Expectation(v, basis));
        }

        default void finding(Pin pin, ModelUnderTest m, PromptStyle s, Claim c, Verdict v, String basis) {
            put(m, s, c, Expectation.finding(v, pin, basis));
        }
    }

    /** The expectation for a later-cell claim (12 to 16) on a model in a prompt style, or null where none is stated. */
    static Expectation find(ModelUnderTest m, PromptStyle s, Claim c) {
        return LATER.getOrDefault(m, Map.of()).getOrDefault(s, Map.of()).get(c);
    }

    /** The expectation for a later-cell claim (12 to 16) on a model in a prompt style. */
    static Expectation of(ModelUnderTest m, PromptStyle s, Claim c) {
        Expectation e = find(m, s, c);
        if (e == null) {
            throw new IllegalArgumentException("no expectation for claim " + c.number() + " on " + m + " (" + s.id() + ")");
        }
        return e;
    }

    private static Map<ModelUnderTest, Map<Claim, Expectation>> table() {
        Map<ModelUnderTest, Map<Claim, Expectation>> table = new EnumMap<>(ModelUnderTest.class);
        Put put = (m, c, e) -> table.computeIfAbsent(m, k -> new EnumMap<>(Claim.class)).put(c, e);
        // The default, seed 0 of the pre-registered ensemble: the notebook's story as the hypothesis, stated
        // 2026-12-02 before it became the default (its numbers were in its regression record, its verdicts in
        // reports/ensemble-toy-induction-2l.md; this table does not copy them).
        ModelUnderTest d = ModelUnderTest.TOY_INDUCTION;
        // Issue 27 repaired claims 5, 8, 9 and 10 (rules committed before re-measuring); a verdict that moved is a finding.
        String remeasured = "finding: re-measured under the repaired rule (2026-12-06): ";
        String story = "hypothesis: trained to form the notebook's circuit (the plan's target story)";
        put.put(d, Claim.DRIFT, Verdict.REPRODUCED, "hypothesis: trained on a mixture where copying and counting compete");
        put.finding(Pins.REPAIRED_RULES, d, Claim.ATTENTION_CIRCUIT, Verdict.PARTLY, remeasured + "best induction stripe L1H0 0.445 over 604 "
                + "repeated-letter queries, short of 0.5 (previous-token L0H0 0.899; hypothesis was reproduced: " + story
                + "; on the notebook's prompts it was L1H1 0.590)");
        put.put(d, Claim.SWEEP_FINDS_CAUSE, Verdict.REPRODUCED, story);
        put.put(d, Claim.TOP_TWO_COLLAPSE, Verdict.REPRODUCED, story);
        put.finding(Pins.SEED_0_DEFAULT, d, Claim.TOWARD_COUNTING, Verdict.REFUTED, "finding when it became the default (hypothesis was "
                + "reproduced): after L1H1 + L0H0, drift 0.076 (not below 0.05) and MAE to Bayes 0.376");
        put.finding(Pins.REPAIRED_RULES, d, Claim.PATTERNS_UNCHANGED, Verdict.REFUTED, remeasured + "ablating L0H0 moves a layer-1 attention "
                + "weight by 0.653, the change the hypothesis stated for the old rule's 'partly' predicted: "
                + "if its top two are the story's layer-0 "
                + "previous-token head and layer-1 induction head, zeroing the layer-0 head changes layer-1 patterns");
        put.finding(Pins.SEED_0_DEFAULT, d, Claim.INDUCTION_CIRCUIT, Verdict.PARTLY, "finding when it became the default (hypothesis was "
                + "reproduced): L0H0 (previous-token 0.565) and L1H1 compose (ablating L0H0 takes L1H1's induction "
                + "score 0.529 -> 0.040), but L1H1 is 0.080 below layer 1's best, L1H0 (0.608)");

        // The default since plan 2: seed 0 of letters-only-2l (fixtures/plan-2/plan.json named it before training).
        // Hypotheses where the plan stated one (its question and H1: an induction circuit learnt on letters drifts on
        // X Y X Y X Y although its data warrant almost none; H4: letters alone train an induction head); the other
        // verdicts were first measured 2026-12-06 when it became the default and are findings.
        ModelUnderTest l = ModelUnderTest.LETTERS_ONLY;
        String plan2 = "hypothesis of plan 2, registered before training: ";
        String firstSeen = "finding when it became the default (plan 2 stated no hypothesis for this claim): ";
        String immaterial = firstSeen + "its drift 0.0913 is under the materiality line 0.1, so there is nothing to ";
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.DRIFT, Verdict.REFUTED, "finding (" + plan2 + "reproduced, an induction circuit copies X Y "
                + "X Y): drift 0.0913, under the materiality line 0.1 (fragile: inside its sampling uncertainty)");
        put.finding(Pins.REPAIRED_RULES, l, Claim.ATTENTION_CIRCUIT, Verdict.PARTLY, remeasured + "best induction stripe L1H1 0.407 over 604 "
                + "repeated-letter queries, short of 0.5 (previous-token L0H0 0.896; was reproduced on the notebook's "
                + "prompts, L1H1 0.535; " + plan2 + "letter patterns alone train an induction head, H4)");
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.SWEEP_FINDS_CAUSE, Verdict.NOT_APPLICABLE, immaterial + "cause");
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.TOP_TWO_COLLAPSE, Verdict.NOT_APPLICABLE, immaterial + "collapse");
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.TOWARD_COUNTING, Verdict.NOT_APPLICABLE, immaterial + "collapse");
        put.finding(Pins.REPAIRED_RULES, l, Claim.PATTERNS_UNCHANGED, Verdict.REFUTED, remeasured + "ablating L0H0 moves a layer-1 attention "
                + "weight by 0.932 (was partly, " + firstSeen + "its top two include the layer-0 head L0H0, "
                + "whose output feeds layer 1's queries and keys)");
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.INDUCTION_CIRCUIT, Verdict.REPRODUCED, firstSeen + "L0H0 previous-token 0.566 and L1H1 "
                + "induction 0.624, each its layer's best; ablating L0H0 takes L1H1's score to 0.060");

        ModelUnderTest m = ModelUnderTest.MARKOV_CONTROL;
        String plan = "hypothesis, registered in plan.json before training: ";
        put.put(m, Claim.DRIFT, Verdict.REPRODUCED, plan + "the best prediction depends on how often the sequence has switched");
        put.finding(Pins.REPAIRED_RULES, m, Claim.ATTENTION_CIRCUIT, Verdict.NOT_APPLICABLE, remeasured + "trained on X and Y alone, it has no "
                + "repeated sequence whose induction key is apart from the previous token (was partly, a finding within the "
                + "plan's hypothesis \"not reproduced: refuted or partly\": stripe L1H1 0.429 on the notebook's prompts)");
        put.put(m, Claim.SWEEP_FINDS_CAUSE, Verdict.REPRODUCED, "hypothesis: a previous-token head reading switches carries most of it");
        put.finding(Pins.SEED_0_DEFAULT, m, Claim.TOP_TWO_COLLAPSE, Verdict.PARTLY, "finding (the plan predicted nothing; hypothesis was "
                + "reproduced): top two L1H0 + L0H0 remove 59.4%, the top three 91.5%");
        put.finding(Pins.REPAIRED_RULES, m, Claim.TOWARD_COUNTING, Verdict.PARTLY, remeasured + "after L1H0 + L0H0 the MAE to Beta(1,1) falls "
                + "0.150 -> 0.117 (22.1%, fragile: the triples' spread of the fall is 0.67) and the drift stays at 0.158 "
                + "(was refuted under the absolute MAE line; hypothesis was reproduced)");
        put.finding(Pins.REPAIRED_RULES, m, Claim.PATTERNS_UNCHANGED, Verdict.REFUTED, remeasured + "ablating L0H0 moves a layer-1 attention "
                + "weight by 0.371, as the hypothesis stated for the old rule's 'partly' predicted: a previous-token head "
                + "in layer 0 is among its top two");
        put.finding(Pins.REPAIRED_RULES, m, Claim.INDUCTION_CIRCUIT, Verdict.NOT_APPLICABLE, remeasured + "scored on the X and Y it was trained "
                + "on, no sequence tells the roles apart (was refuted, " + plan + "induction is scored on random letters, "
                + "which its data never contains)");

        ModelUnderTest t = ModelUnderTest.TOY_8H_SELECTED;
        put.put(t, Claim.DRIFT, Verdict.REPRODUCED, "hypothesis: trained on a mixture where copying and counting compete");
        put.finding(Pins.REPAIRED_RULES, t, Claim.ATTENTION_CIRCUIT, Verdict.PARTLY, remeasured + "best induction stripe L1H6 0.417 over 604 "
                + "repeated-letter queries, short of 0.5 (previous-token L0H3 0.934; was reproduced on the notebook's "
                + "prompts, L1H6 0.597; hypothesis was reproduced: trained to form an induction circuit)");
        put.finding(Pins.RULES_STATED, t, Claim.SWEEP_FINDS_CAUSE, Verdict.REPRODUCED, "finding at ship time: L0H3 alone removes 85% of drift 0.450");
        put.finding(Pins.RULES_STATED, t, Claim.TOP_TWO_COLLAPSE, Verdict.REPRODUCED, "finding at ship time: L0H3 + L1H4 remove 88.8%");
        put.finding(Pins.REPAIRED_RULES, t, Claim.TOWARD_COUNTING, Verdict.PARTLY, remeasured + "after L0H3 + L1H4 the MAE to Beta(1,1) falls "
                + "0.200 -> 0.109 (45.4%) but the drift, 0.0505, is not below 0.05 (fragile: the triples' spread of the "
                + "ablated drift is 0.06); was refuted under the absolute MAE line, a finding at ship time");
        put.finding(Pins.REPAIRED_RULES, t, Claim.PATTERNS_UNCHANGED, Verdict.REFUTED, remeasured + "ablating L0H3 moves a layer-1 attention "
                + "weight by 0.987 (was partly, a finding at ship time: its top two include the layer-0 head L0H3, whose "
                + "output feeds layer 1's queries and keys)");
        put.finding(Pins.RULES_STATED, t, Claim.INDUCTION_CIRCUIT, Verdict.PARTLY, "finding at ship time: L1H4's induction score 0.54 is 0.07 below "
                + "the layer's best, L1H6 (0.61); six layer-1 heads score above 0.5");

        ModelUnderTest c = ModelUnderTest.COUNTING_CONTROL;
        String none = "hypothesis (plan.json): trained without repeated patterns, so it counts and does not copy";
        put.put(c, Claim.DRIFT, Verdict.REFUTED, none);
        put.finding(Pins.REPAIRED_RULES, c, Claim.ATTENTION_CIRCUIT, Verdict.NOT_APPLICABLE, remeasured + "trained on X and Y alone, it has no "
                + "repeated sequence whose induction key is apart from the previous token (was refuted: " + none + ")");
        // Without material drift there is no cause to find and nothing to collapse: not applicable, not refuted.
        put.put(c, Claim.SWEEP_FINDS_CAUSE, Verdict.NOT_APPLICABLE, none + " (no drift to cause)");
        put.put(c, Claim.TOP_TWO_COLLAPSE, Verdict.NOT_APPLICABLE, none + " (no drift to collapse)");
        put.put(c, Claim.TOWARD_COUNTING, Verdict.NOT_APPLICABLE, none + " (no drift to collapse)");
        put.finding(Pins.REPAIRED_RULES, c, Claim.PATTERNS_UNCHANGED, Verdict.REPRODUCED, remeasured + "ablating L0H1 moves a layer-1 attention "
                + "weight by 0.042, under the 0.05 line (was partly under the old rule, whose hypothesis held: with 2 heads "
                + "per layer its top two include a layer-0 head)");
        put.finding(Pins.REPAIRED_RULES, c, Claim.INDUCTION_CIRCUIT, Verdict.NOT_APPLICABLE, remeasured + "scored on the X and Y it was trained "
                + "on, no sequence tells the roles apart (was refuted: " + none + ")");

        for (ModelUnderTest r : new ModelUnderTest[] {ModelUnderTest.ATTN_ONLY_2L}) {
            put.put(r, Claim.DRIFT, Verdict.REPRODUCED, "the notebook's record: drift 0.384");
            // Until issue 27 a finding from the record's X/Y prompts ("refuted"); the repaired rule scores repeated
            // sequences, which only the weights give (RecordedNotebookClaims: the record cannot decide). Not measured here.
            put.put(r, Claim.ATTENTION_CIRCUIT, Verdict.REPRODUCED, "hypothesis: the notebook names (1,6) and (0,3) as "
                    + "the induction circuit, and on repeated random tokens attn-only-2l's layer-1 heads are induction heads "
                    + "(TransformerLens's head detector); under the repaired rule (issue 27) not yet measured");
            put.put(r, Claim.SWEEP_FINDS_CAUSE, Verdict.REPRODUCED, "the notebook's record: (1,6) alone removes 92%");
            put.put(r, Claim.TOP_TWO_COLLAPSE, Verdict.REPRODUCED, "the notebook's record: (1,6) + (0,3) remove 98.4%");
            put.finding(Pins.RULES_STATED, r, Claim.TOWARD_COUNTING, Verdict.PARTLY, "the notebook's record: drift 0.006 after ablation, but MAE "
                    + "to Bayes 0.178 (all P(X) near 0.68); under the repaired rule (2026-12-06) the same verdict: the MAE "
                    + "falls 0.225 -> 0.178, 20.9%, short of 25%");
            put.put(r, Claim.PATTERNS_UNCHANGED, Verdict.REFUTED, "hypothesis, stated 2026-12-06 with the repaired rule "
                    + "before attn-only-2l was measured under it: the notebook's top two include the layer-0 head (0,3), "
                    + "whose output feeds layer 1's queries and keys, and on every toy model a top-two layer-0 head moved a "
                    + "layer-1 weight by 0.04-0.99 (under the old rule: partly)");
            put.put(r, Claim.INDUCTION_CIRCUIT, Verdict.REPRODUCED,
                    "hypothesis: the notebook names (1,6) and (0,3) as the induction circuit");
        }
        // Claim 27 (issue 26), stated 2026-12-06 with its rule. Findings, not hypotheses: the author had
        // computed each toy model's excess drift (model drift minus the ideal observer's) before the rule was written,
        // from the models' recorded drifts; none is material, because each model drifts about as much as the data it
        // was trained on warrant. attn-only-2l records no training mixture, so the rule cannot decide.
        String excess = "finding (issue 26's figures, known before the rule was written): excess drift ";
        put.finding(Pins.EXCESS_DRIFT, d, Claim.EXCESS_DRIFT, Verdict.REFUTED, excess + "0.454 - 0.4907 = -0.037");
        put.finding(Pins.EXCESS_DRIFT, m, Claim.EXCESS_DRIFT, Verdict.REFUTED, excess + "0.390 - 0.479 = -0.089");
        put.finding(Pins.EXCESS_DRIFT, c, Claim.EXCESS_DRIFT, Verdict.REFUTED, excess + "0.002 - 0 = +0.002");
        put.finding(Pins.EXCESS_DRIFT, t, Claim.EXCESS_DRIFT, Verdict.REFUTED, "finding (from its drift 0.450 at ship time and the default "
                + "recipe's ideal drift 0.4907, both known before the rule was written): excess drift about -0.04");
        put.put(ModelUnderTest.ATTN_ONLY_2L, Claim.EXCESS_DRIFT, null, "not determined: TransformerLens's model records "
                + "no training mixture, so there is no ideal observer to compare with");
        // Claims 28 and 29 (issue 28), stated 2026-12-06 with their rules, before either was measured on any model:
        // hypotheses from what each model is and from its claim-7 verdict on the notebook's three orderings.
        // First measured 2026-12-06, after the rules and the hypotheses above were committed; where a verdict differs
        // it is recorded as a finding.
        put.finding(Pins.ORDERINGS_PATCHING, d, Claim.ORDERINGS_COLLAPSE, Verdict.PARTLY, "finding (hypothesis was reproduced): spread over the 20 "
                + "orderings 0.884 -> 0.346 with L1H1 + L0H0 zeroed, 60.8% removed");
        put.finding(Pins.ORDERINGS_PATCHING, d, Claim.PATCHING_TRANSFERS, Verdict.PARTLY, "finding (hypothesis was reproduced): logit diff clumped "
                + "0.114, patterned 4.042, clumped with L1H1 + L0H0 patched 3.084: 75.6% of the gap");
        String part = "hypothesis: its top two carry only part of its drift (claim 7: they remove 59.4% on the three)";
        put.finding(Pins.ORDERINGS_PATCHING, m, Claim.ORDERINGS_COLLAPSE, Verdict.REFUTED, "finding (hypothesis was partly): spread over the 20 "
                + "orderings 0.517 -> 0.321, 37.9% removed");
        put.put(m, Claim.PATCHING_TRANSFERS, Verdict.PARTLY, part);
        put.finding(Pins.ORDERINGS_PATCHING, t, Claim.ORDERINGS_COLLAPSE, Verdict.PARTLY, "finding (hypothesis was reproduced): spread over the 20 "
                + "orderings 0.982 -> 0.234, 76.2% removed");
        put.finding(Pins.ORDERINGS_PATCHING, t, Claim.PATCHING_TRANSFERS, Verdict.REFUTED, "finding (hypothesis was reproduced): logit diff clumped "
                + "0.162, patterned 4.697, clumped with L0H3 + L1H4 patched 0.560: 8.8% of the gap (noising them moves 78.7%: "
                + "necessary, not sufficient; six layer-1 heads score as induction heads)");
        put.put(c, Claim.ORDERINGS_COLLAPSE, Verdict.NOT_APPLICABLE, none + ": equal counts, equal P(X) (no material "
                + "spread)");
        put.put(c, Claim.PATCHING_TRANSFERS, Verdict.NOT_APPLICABLE, none + ": patterned and clumped get the same logit "
                + "difference (no material gap)");
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.EXCESS_DRIFT, Verdict.REFUTED, "finding (" + plan2 + "reproduced, H1): excess drift 0.0844 "
                + "= 0.0913 - ideal 0.0069, under 0.1");
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.ORDERINGS_COLLAPSE, Verdict.REFUTED, firstSeen + "spread over the 20 orderings 0.122 -> "
                + "0.121 with L0H0 + L1H1 zeroed, 0.5% removed");
        put.finding(Pins.LETTERS_DEFAULT, l, Claim.PATCHING_TRANSFERS, Verdict.NOT_APPLICABLE, firstSeen + "logit-difference gap 0.374 between "
                + "patterned and clumped, under the materiality line 0.4 (no gap to move)");
        String notebookCircuit = "hypothesis: the notebook's circuit; (1,6) + (0,3) remove 98.4% of the three orderings' drift";
        put.put(ModelUnderTest.ATTN_ONLY_2L, Claim.ORDERINGS_COLLAPSE, Verdict.REPRODUCED, notebookCircuit);
        put.put(ModelUnderTest.ATTN_ONLY_2L, Claim.PATCHING_TRANSFERS, Verdict.REPRODUCED, notebookCircuit);
        // Claim 30 (issue 26, drift through training), stated 2026-12-06 with its rule (verdict/PhaseChange). Findings
        // from claim 27's figures above, known before this rule was written: the guard needs a material final excess
        // drift, and none of these models has one, so there is no onset of excess drift to time.
        String phase = "finding (claim 27's figures, known before the rule was written): the final excess drift is ";
        put.finding(Pins.LETTERS_PHASE_CHANGE, l, Claim.PHASE_CHANGE, Verdict.NOT_APPLICABLE, phase + "+0.084, not material (its excess peaked at "
                + "0.41 at step 250 and decayed: fixtures/plan-2/RESULTS.md)");
        put.finding(Pins.PHASE_CHANGE, d, Claim.PHASE_CHANGE, Verdict.NOT_APPLICABLE, phase + "-0.037, not material");
        put.finding(Pins.PHASE_CHANGE, m, Claim.PHASE_CHANGE, Verdict.NOT_APPLICABLE, phase + "-0.089, not material");
        put.finding(Pins.PHASE_CHANGE, c, Claim.PHASE_CHANGE, Verdict.NOT_APPLICABLE, phase + "+0.002, not material (and it forms no "
                + "induction head)");
        put.finding(Pins.PHASE_CHANGE, t, Claim.PHASE_CHANGE, Verdict.NOT_APPLICABLE, phase + "about -0.04, not material");
        put.put(ModelUnderTest.ATTN_ONLY_2L, Claim.PHASE_CHANGE, null, "not determined: TransformerLens's model ships "
                + "no training log");
        // Claims 31 to 35 (issue 26: claims 8, 12, 13, 14 and 16 against the ideal observer of the training mixture),
        // rules committed (IdealRules) before any was applied to a model; no hypothesis was stated. First measured
        // 2026-12-06, after that commit: findings. On every toy model ablating the drift heads moves the model away from
        // its ideal, never toward it: its drift heads are what makes it follow its data.
        String first = "finding (first measured 2026-12-06, after the rule was committed; no hypothesis stated): ";
        put.finding(Pins.IDEAL_BASELINES, d, Claim.TOWARD_IDEAL, Verdict.NOT_APPLICABLE, first + "drift of P(X) - ideal P(X) on the three "
                + "orderings 0.038, not material (it drifts as its data warrant)");
        put.finding(Pins.IDEAL_BASELINES, d, Claim.CLOSER_TO_IDEAL, Verdict.REFUTED, first + "MAE of the per-count means to the ideal's 0.061 -> "
                + "0.208 under ablation");
        put.finding(Pins.IDEAL_BASELINES, d, Claim.EXCESS_SENSITIVITY_REMOVED, Verdict.REFUTED, first + "the std of P(X) - ideal P(X) rises at all "
                + "9 counts under ablation (n_X=5: 0.101 -> 0.125)");
        put.finding(Pins.IDEAL_BASELINES, d, Claim.EXCESS_4X1Y_COLLAPSE, Verdict.REFUTED, first + "4X/1Y drift of P(X) - ideal P(X) 0.151 rises to "
                + "0.748 under ablation");
        put.finding(Pins.IDEAL_BASELINES, d, Claim.TRACKING_IDEAL, Verdict.REFUTED, first + "tracking MAE to the ideal 0.053 -> 0.145 under ablation");
        put.finding(Pins.IDEAL_BASELINES, m, Claim.TOWARD_IDEAL, Verdict.NOT_APPLICABLE, first + "drift of P(X) - ideal P(X) on the three "
                + "orderings 0.089, not material");
        put.finding(Pins.IDEAL_BASELINES, m, Claim.CLOSER_TO_IDEAL, Verdict.REFUTED, first + "MAE of the per-count means to the ideal's 0.036 -> "
                + "0.162 under ablation");
        put.finding(Pins.IDEAL_BASELINES, m, Claim.EXCESS_SENSITIVITY_REMOVED, Verdict.REFUTED, first + "the std of P(X) - ideal P(X) rises at all "
                + "9 counts under ablation (n_X=5: 0.036 -> 0.175)");
        put.finding(Pins.IDEAL_BASELINES, m, Claim.EXCESS_4X1Y_COLLAPSE, Verdict.NOT_APPLICABLE, first + "4X/1Y drift of P(X) - ideal P(X) 0.068, "
                + "not material");
        put.finding(Pins.IDEAL_BASELINES, m, Claim.TRACKING_IDEAL, Verdict.REFUTED, first + "tracking MAE to the ideal 0.042 -> 0.091 under ablation");
        put.finding(Pins.IDEAL_BASELINES, t, Claim.TOWARD_IDEAL, Verdict.NOT_APPLICABLE, first + "drift of P(X) - ideal P(X) on the three "
                + "orderings 0.068, not material");
        put.finding(Pins.IDEAL_BASELINES, t, Claim.CLOSER_TO_IDEAL, Verdict.REFUTED, first + "MAE of the per-count means to the ideal's 0.037 -> "
                + "0.115 under ablation");
        put.finding(Pins.IDEAL_BASELINES, t, Claim.EXCESS_SENSITIVITY_REMOVED, Verdict.REFUTED, first + "the std of P(X) - ideal P(X) falls 3x at "
                + "none of the 9 counts (n_X=4: 0.055 -> 0.074)");
        put.finding(Pins.IDEAL_BASELINES, t, Claim.EXCESS_4X1Y_COLLAPSE, Verdict.NOT_APPLICABLE, first + "4X/1Y drift of P(X) - ideal P(X) 0.067, "
                + "not material");
        put.finding(Pins.IDEAL_BASELINES, t, Claim.TRACKING_IDEAL, Verdict.REFUTED, first + "tracking MAE to the ideal 0.040 -> 0.124 under ablation");
        put.finding(Pins.IDEAL_BASELINES, c, Claim.TOWARD_IDEAL, Verdict.NOT_APPLICABLE, first + "drift of P(X) - ideal P(X) on the three "
                + "orderings 0.002, not material");
        put.finding(Pins.IDEAL_BASELINES, c, Claim.CLOSER_TO_IDEAL, Verdict.REFUTED, first + "MAE of the per-count means to the ideal's 0.028 -> "
                + "0.029 under ablation (5.1% higher)");
        put.finding(Pins.IDEAL_BASELINES, c, Claim.EXCESS_SENSITIVITY_REMOVED, Verdict.NOT_APPLICABLE, first + "no count's std of P(X) - ideal "
                + "P(X) reaches 0.025 (largest 0.009)");
        put.finding(Pins.IDEAL_BASELINES, c, Claim.EXCESS_4X1Y_COLLAPSE, Verdict.NOT_APPLICABLE, first + "4X/1Y drift of P(X) - ideal P(X) 0.020, "
                + "not material");
        put.finding(Pins.IDEAL_BASELINES, c, Claim.TRACKING_IDEAL, Verdict.REFUTED, first + "tracking MAE to the ideal 0.034 -> 0.058 under ablation");
        put.finding(Pins.LETTERS_IDEAL, l, Claim.TOWARD_IDEAL, Verdict.NOT_APPLICABLE, first + "drift of P(X) - ideal P(X) on the three "
                + "orderings 0.084, not material");
        put.finding(Pins.LETTERS_IDEAL, l, Claim.CLOSER_TO_IDEAL, Verdict.REFUTED, first + "MAE of the per-count means to the ideal's 0.0549 -> "
                + "0.0598 under ablation");
        put.finding(Pins.LETTERS_IDEAL, l, Claim.EXCESS_SENSITIVITY_REMOVED, Verdict.REFUTED, first + "the std of P(X) - ideal P(X) falls 3x at "
                + "none of the 9 counts (largest baseline std 0.044)");
        put.finding(Pins.LETTERS_IDEAL, l, Claim.EXCESS_4X1Y_COLLAPSE, Verdict.NOT_APPLICABLE, first + "4X/1Y drift of P(X) - ideal P(X) 0.076, "
                + "not material");
        put.finding(Pins.LETTERS_IDEAL, l, Claim.TRACKING_IDEAL, Verdict.PARTLY, first + "tracking MAE to the ideal 0.0664 -> 0.0548, 17.4% lower, "
                + "short of 25%");
        for (Claim ideal : new Claim[] {Claim.TOWARD_IDEAL, Claim.CLOSER_TO_IDEAL, Claim.EXCESS_SENSITIVITY_REMOVED,
                Claim.EXCESS_4X1Y_COLLAPSE, Claim.TRACKING_IDEAL}) {
            put.put(ModelUnderTest.ATTN_ONLY_2L, ideal, Verdict.NOT_APPLICABLE, "by rule: TransformerLens's model records "
                    + "no training mixture, so there is no ideal observer to compare with");
        }
        // Suite check 38 (issue 27, claim 9's bit-identity half): holds for any correct hook on any model.
        for (ModelUnderTest any : ModelUnderTest.values()) {
            put.put(any, Claim.PATTERNS_BIT_IDENTICAL, Verdict.REPRODUCED, "hypothesis: zeroing hook_z cannot reach "
                    + "patterns computed before the head's output exists");
        }
        // Claim 39 (issue 28, circuit discovery), stated 2026-12-06 with its rule (verdict/CircuitRules), before any
        // circuit was discovered on any model: hypotheses from what each model is and from its sufficiency figures
        // (FINDINGS.md, measured before this rule: the drift heads alone keep 58%, 81% and 15% of the 20 orderings'
        // spread on toy-induction-2l, markov-switch-2l and the 8-head model).
        put.put(d, Claim.DISCOVERED_CIRCUIT, Verdict.PARTLY, "hypothesis: built with an induction circuit, so both "
                + "drift heads are in what ACDC keeps, but alone they keep only 58% of the spread, so it keeps more");
        put.put(m, Claim.DISCOVERED_CIRCUIT, Verdict.PARTLY, "hypothesis: drifts without an induction circuit; its "
                + "drift heads are in the circuit but carry only part of the spread (claim 28: 37.9% removed)");
        put.put(t, Claim.DISCOVERED_CIRCUIT, Verdict.PARTLY, "hypothesis: both drift heads are necessary (52% removed) "
                + "but keep 15% alone; six layer-1 heads score as induction heads, so the circuit is larger");
        put.put(c, Claim.DISCOVERED_CIRCUIT, Verdict.NOT_APPLICABLE, none + ": equal counts, equal P(X) (no material "
                + "spread over the 20 orderings)");
        put.put(l, Claim.DISCOVERED_CIRCUIT, Verdict.REFUTED, "hypothesis: its drift heads come from an immaterial "
                + "three-ordering drift and remove 0.5% of its 0.122 spread over the 20 orderings, so they are not what "
                + "carries it");
        put.put(ModelUnderTest.ATTN_ONLY_2L, Claim.DISCOVERED_CIRCUIT, Verdict.REPRODUCED, "hypothesis: the notebook's "
                + "circuit; (1,6) + (0,3) remove 98.4% of the three orderings' drift");
        // Claims 36 and 37 (issue 28), rules committed (CausalRules) before either was applied to a model. Hypotheses
        // from what the model is, stated with the rules, before measuring: toy-induction-2l was built to form an
        // induction circuit, whose induction head finds its target through the previous-token head's output (K-
        // composition) and carries the drift; attn-only-2l is the notebook's circuit. Its path-patching and
        // sufficiency tables had been seen (FINDINGS.md) before these were written: the verdicts are post hoc there.
        String circuit = "hypothesis: built to form an induction circuit (a previous-token head feeding an induction "
                + "head's keys) that carries the drift";
        // First measured 2026-12-06 after the rules and these hypotheses were committed. Every basis below is a
        // "finding: numbers seen before the rule" (FINDINGS.md had the tables), stated after measuring.
        String seen = "finding: numbers seen before the rule (first judged 2026-12-06): ";
        put.finding(Pins.CAUSAL_CLAIMS, d, Claim.KEY_PATH, Verdict.NOT_APPLICABLE, seen + "hypothesis was reproduced; into the drift head L1H1 "
                + "the largest path is L0H1 -> L1H1 v, -0.011 of the gap, under 0.1 (L1H1 carries its share directly)");
        put.put(d, Claim.DRIFT_HEADS_SUFFICIENT, Verdict.REPRODUCED, circuit + " (" + seen.substring(0, seen.length() - 2)
                + ")");
        put.finding(Pins.CAUSAL_CLAIMS, l, Claim.KEY_PATH, Verdict.NOT_APPLICABLE, seen + "logit-difference gap 0.374, under 0.4");
        put.finding(Pins.CAUSAL_CLAIMS, l, Claim.DRIFT_HEADS_SUFFICIENT, Verdict.REFUTED, seen + "spread 0.122; L0H0 + L1H1 alone 0.241 (198%) "
                + "but only 0.091 above the floor 0.149");
        put.put(c, Claim.KEY_PATH, Verdict.NOT_APPLICABLE, none + ": gap 0.002 (no material gap)");
        put.put(c, Claim.DRIFT_HEADS_SUFFICIENT, Verdict.NOT_APPLICABLE, none + ": spread 0.030 (no material spread)");
        put.finding(Pins.CAUSAL_CLAIMS, m, Claim.KEY_PATH, Verdict.NOT_APPLICABLE, seen + "into L1H0 the largest path is L0H1 -> L1H0 k, "
                + "+0.093 of the gap, under 0.1");
        put.finding(Pins.CAUSAL_CLAIMS, m, Claim.DRIFT_HEADS_SUFFICIENT, Verdict.REPRODUCED, seen + "L1H0 + L0H0 alone keep 81.3% of the spread "
                + "0.517, 0.323 above the floor");
        put.finding(Pins.CAUSAL_CLAIMS, t, Claim.KEY_PATH, Verdict.NOT_APPLICABLE, seen + "into L1H4 the largest path is L0H3 -> L1H4 v, -0.008 "
                + "of the gap, under 0.1");
        put.finding(Pins.CAUSAL_CLAIMS, t, Claim.DRIFT_HEADS_SUFFICIENT, Verdict.REFUTED, seen + "L0H3 + L1H4 alone keep 15.4% of the spread "
                + "0.982, below the floor 0.202 (necessary, not sufficient)");
        put.put(ModelUnderTest.ATTN_ONLY_2L, Claim.KEY_PATH, Verdict.REPRODUCED, "hypothesis: the notebook names (0,3) "
                + "-> (1,6) K-composition as the circuit");
        put.put(ModelUnderTest.ATTN_ONLY_2L, Claim.DRIFT_HEADS_SUFFICIENT, Verdict.REPRODUCED, notebookCircuit);
        Map<ModelUnderTest, Map<Claim, Expectation>> frozen = new EnumMap<>(ModelUnderTest.class);
        table.forEach((model, claims) -> frozen.put(model, Map.copyOf(claims)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** {@code put} states a hypothesis, {@code finding} records a finding with the commit that pinned it. */
    interface Put {
        void put(ModelUnderTest m, Claim c, Expectation e);

        default void put(ModelUnderTest m, Claim c, Verdict v, String basis) {
            put(m, c, new Expectation(v, basis));
        }

        default void finding(Pin pin, ModelUnderTest m, Claim c, Verdict v, String basis) {
            put(m, c, Expectation.finding(v, pin, basis));
        }
    }

    private Expected() {}

    static Expectation of(ModelUnderTest m, Claim c) {
        return TABLE.get(m).get(c);
    }

    /** The claims {@link #of(ModelUnderTest, Claim)} states (4-10, 27-35), by model. */
    static Map<ModelUnderTest, Map<Claim, Expectation>> stated() {
        return TABLE;
    }

    /** The later cells' expectations (claims 12-16), by model and prompt style. */
    static Map<ModelUnderTest, Map<PromptStyle, Map<Claim, Expectation>>> statedLater() {
        return LATER;
    }
}
