package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.AblationKind;

/**
 * The notebook's statements that a rule decides, numbered as in the README. Claims 1 to 3 (tokens,
 * counts, order-invariant baselines) are facts about the stimuli, checked by tests, not verdicts.
 */
public enum Claim {
    DRIFT(4, "drift", "the model's P(X | {X,Y}) differs across orderings with equal counts (drift)"),
    ATTENTION_CIRCUIT(5, "induction circuit in the attention patterns", "its attention patterns show the induction circuit"),
    SWEEP_FINDS_CAUSE(6, "the sweep finds a drift head", "a single-head zero-ablation sweep at hook_z finds a head that causes the drift"),
    TOP_TWO_COLLAPSE(7, "the top two collapse the drift", "ablating the sweep's top two heads collapses the drift"),
    TOWARD_COUNTING(8, "... toward counting", "... toward an order-invariant counting baseline"),
    PATTERNS_UNCHANGED(9, "z-ablation leaves later layers' patterns unchanged", "z-ablation leaves attention patterns "
            + "unchanged (judged in the layers after the ablated drift heads, the only ones it can change; the rest is "
            + "suite check 38)"),
    INDUCTION_CIRCUIT(10, "a previous-token and an induction head compose", "the heads found are a previous-token head and an induction head that compose"),
    CLOSER_TO_BAYES(12, "ablation moves toward two-generator Bayes", "ablating the drift heads brings the model closer to the two-generator Bayes predictor"),
    ORDER_SENSITIVITY_REMOVED(13, "ablation removes order sensitivity at every count", "ablation removes order sensitivity at every count"),
    DRIFT_4X1Y_COLLAPSE(14, "4X/1Y drift collapses", "4X/1Y drift collapses under ablation"),
    ABLATION_CHANGES_OUTPUT(15, "every ablation changes the output", "every ablation changes the output"),
    REAL_TIME_TRACKING(16, "tracking a hidden bias (seeded)", "real-time tracking of a hidden bias 0.75: the ablated model follows the Bayes predictor "
            + "more closely (not reproducible from the notebook; seeded here)"),
    SAME_HEADS_MEAN(17, "the same drift heads under mean ablation", "the drift heads do not depend on the ablation kind: mean ablation at hook_z finds the same top "
            + "two, and ablating them collapses the drift"),
    SAME_HEADS_RESAMPLE(18, "the same drift heads under resample ablation", "the drift heads do not depend on the ablation kind: resample ablation at hook_z finds the "
            + "same top two, and ablating them collapses the drift"),
    BEST_PAIR_ZERO(19, "the greedy pair is the best zero-ablation pair", "the greedy top two are the best pair of heads to zero-ablate (exhaustive search over all pairs)"),
    BEST_PAIR_MEAN(20, "the greedy pair is the best mean-ablation pair", "the greedy top two are the best pair of heads to mean-ablate (exhaustive search over all pairs)"),
    BEST_PAIR_RESAMPLE(21, "the greedy pair is the best resample-ablation pair", "the greedy top two are the best pair of heads to resample-ablate (exhaustive search over "
            + "all pairs)"),
    ATTRIBUTION_DIFFERS(22, "the drift heads differ most in direct logit attribution", "the drift heads are the heads whose direct logit attribution differs most across orderings"),
    // Issue 14 (Falck, Wang, Holmes's martingale diagnostics). Numbered from 23: issue 15 takes 17 to 22.
    MARTINGALE(23, "continuations keep the martingale property", "the model's own continuations keep the martingale property (T1 and T2,k inside the "
            + "Beta-Bernoulli reference's 95% intervals)"),
    MARTINGALE_ABLATED(24, "... with the drift heads ablated", "with the drift heads ablated, its continuations keep the martingale property"),
    BAYESIAN_UNCERTAINTY(25, "a Bayesian's epistemic uncertainty (T3)", "its epistemic uncertainty (T3, the spread of its paths' MLEs) is the Bayesian "
            + "reference's"),
    MARTINGALE_RESTORED(26, "ablation restores the martingale property", "ablating the drift heads restores the martingale property"),
    // Issue 26: the ideal observer of the training mixture as the baseline drift is measured against.
    EXCESS_DRIFT(27, "drifts more than its data warrant (ideal observer)", "the model drifts more than its training data warrant (excess drift over the ideal observer of "
            + "its training mixture is material)"),
    ORDERINGS_COLLAPSE(28, "the drift heads collapse drift over all 20 orderings",
            "ablating the drift heads collapses drift over all 20 orderings of 3X/3Y"),
    PATCHING_TRANSFERS(29, "patching the drift heads moves the drift gap",
            "patching the drift heads' output (patterned into clumped) moves most of the gap in logit_X - logit_Y"),
    // Issue 26, drift through training: the rule is verdict/PhaseChange (plan 2's H6, fixed before its models).
    PHASE_CHANGE(30, "excess drift appears as the induction head forms", "the excess drift appears when the induction "
            + "head forms (through training, the two reach half their final values within one logging interval)"),
    // Issue 26: claims 8, 12, 13, 14 and 16 again with the ideal observer of the model's training mixture as the
    // baseline (IdealRules; claim 4's is claim 27, claim 15 has no baseline). Numbered from 31: 30 is the phase change.
    TOWARD_IDEAL(31, "... toward the ideal observer (claim 8)", "after the top-two ablation the model orders the "
            + "notebook's three orderings as the ideal observer of its training mixture does, and predicts near it"),
    CLOSER_TO_IDEAL(32, "ablation moves toward the ideal observer (claim 12)", "ablating the drift heads brings the "
            + "model's evidence sweep closer to the ideal observer of its training mixture"),
    EXCESS_SENSITIVITY_REMOVED(33, "ablation removes order sensitivity beyond the ideal's (claim 13)", "ablation removes, "
            + "at every count, the order sensitivity that the ideal observer of the training mixture does not share"),
    EXCESS_4X1Y_COLLAPSE(34, "4X/1Y drift beyond the ideal's collapses (claim 14)", "the 4X/1Y drift beyond the ideal "
            + "observer's collapses under ablation"),
    TRACKING_IDEAL(35, "tracking: ablation moves toward the ideal observer (claim 16)", "real-time tracking of a hidden "
            + "bias 0.75: the ablated model follows the ideal observer of its training mixture more closely"),
    // Issue 28: path patching and sufficiency as claims (CausalRules), rules committed before either was measured
    // with them. Numbered 36 and 37 (reserved this round; 38 and 39 are other claims).
    KEY_PATH(36, "the drift flows through K-composition", "the layer-0 -> layer-1 path that carries the drift is the "
            + "key path (K-composition), not the query or value path"),
    DRIFT_HEADS_SUFFICIENT(37, "the drift heads alone carry most of the drift", "the drift heads are sufficient for "
            + "most of the drift: kept alone, every other head mean-ablated, they reproduce most of the spread over the "
            + "20 orderings of 3X/3Y"),
    // Issue 27: the half of claim 9 that holds for any correct hook implementation, a suite check (as claim 15).
    PATTERNS_BIT_IDENTICAL(38, "z-ablation leaves own and earlier layers bit-identical", "zeroing a head at hook_z "
            + "leaves every attention pattern of its own and earlier layers bit-identical"),
    // Issue 28, automatic circuit discovery: the rule is verdict/CircuitRules, committed before any circuit was measured.
    DISCOVERED_CIRCUIT(39, "circuit discovery finds the drift heads", "the circuit that ACDC-style pruning of the head "
            + "graph discovers contains both drift heads and, with at most half the model's heads, reproduces the spread "
            + "of P(X | {X,Y}) over the 20 orderings");

    private final int number;
    private final String title;
    private final String statement;

    Claim(int number, String title, String statement) {
        this.number = number;
        this.title = title;
        this.statement = statement;
    }

    public int number() {
        return number;
    }

    /** A few words that name the claim, for a table a reader takes in at a glance (the README's). */
    public String title() {
        return title;
    }

    public String statement() {
        return statement;
    }

    /** Claim 17 or 18: the sweep under an ablation kind other than zero (mean, resample). */
    public static Claim sameHeads(AblationKind.Id kind) {
        return switch (kind) {
            case MEAN -> SAME_HEADS_MEAN;
            case RESAMPLE -> SAME_HEADS_RESAMPLE;
            case ZERO -> throw new IllegalArgumentException("claims 17 and 18 compare mean or resample ablation with "
                    + "zero ablation, not " + kind.text());
        };
    }

    /** Claim 19, 20 or 21: the pair search under an ablation kind. */
    public static Claim bestPair(AblationKind.Id kind) {
        return switch (kind) {
            case ZERO -> BEST_PAIR_ZERO;
            case MEAN -> BEST_PAIR_MEAN;
            case RESAMPLE -> BEST_PAIR_RESAMPLE;
        };
    }

    /**
     * A suite check rather than a claim about the model (issue 27): it holds for any correct implementation of the
     * hooks, so its verdict is evidence about this suite, not about the model, and the matrix shows it apart. Claim 15
     * (every ablation changes the output) is one; claim 38, the bit-identity half split from claim 9, the other.
     */
    public boolean isSuiteCheck() {
        return this == ABLATION_CHANGES_OUTPUT || this == PATTERNS_BIT_IDENTICAL;
    }

    /** "4 drift", as in the matrix's first column. */
    public String label() {
        return number + " " + statement;
    }
}
