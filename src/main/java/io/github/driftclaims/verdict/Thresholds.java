package io.github.driftclaims.verdict;

/**
 * Every line a verdict draws, stated once. The claims, the CLI's verdict table and the trainer's
 * end-of-training summary all read these through {@link Rules}.
 *
 * <p>When they were fixed: the drift, share, counting and head-score lines came with the suite's
 * first version (before any toy model was trained). The claim-5 stripe lines, the claim-10
 * specificity margin and composition drop were committed on 2026-12-02 before the stripe and
 * composition numbers had been computed on any model. They are not to be moved to change a verdict.
 */
public final class Thresholds {

    /**
     * Drift at or above this is material. An exchangeable counter has drift exactly 0; the notebook's
     * model has 0.384. The line sits well above what fp16/fp32 differences move (0.002 on attn-only-2l).
     */
    public static final double MATERIAL_DRIFT = 0.10;

    /** A single head "causes" drift when ablating it alone removes at least this share of it. */
    public static final double SINGLE_HEAD_SHARE = 0.5;

    /** Ablating the top heads "collapses" drift when it removes at least this share of it. */
    public static final double COLLAPSE_SHARE = 0.8;

    /** After ablation, drift below this counts as order-invariant (half the material line). */
    public static final double ORDER_INVARIANT = 0.05;

    /** Mean absolute error to Beta(1,1) below this counts as the counting baseline. */
    public static final double NEAR_COUNTING = 0.05;

    /**
     * TransformerLens-style induction / previous-token scores at or above this identify the head's role
     * (on repeated random tokens a uniform head scores about 1/(position + 1), under 0.1 past position 10).
     */
    public static final double HEAD_SCORE = 0.5;

    /**
     * Claim 10's specificity: the candidate's score must be within this of the best score of its layer,
     * so that "an induction head" means the layer's induction head, not one of several similar heads.
     * A score is a mean over 32 x 20 attention weights; 0.05 is several times its sampling error.
     */
    public static final double ROLE_MARGIN = 0.05;

    /**
     * Claim 10's composition: zero-ablating the previous-token candidate at hook_z must lower the
     * induction candidate's induction score by at least this share (K-composition: the induction head
     * finds its target through the previous-token head's output).
     */
    public static final double COMPOSITION_DROP = 0.5;

    /**
     * Claim 5: mean attention on the induction stripe (layer 1) or the previous position (layer 0) on
     * the notebook's prompts at or above this is a clear stripe: most of the head's attention.
     */
    public static final double STRIPE_CLEAR = 0.5;

    /**
     * Claim 5: at or above this the stripe is visible but weak. Uniform attention over the keys up to a
     * query at positions 4 to 8 of the 9-token prompts puts 1/5 to 1/9 on any one key; 0.25 is above
     * that at every position.
     */
    public static final double STRIPE_VISIBLE = 0.25;

    /** Agreement with the notebook's recorded fp32 numbers (the suite runs fp32 on CPU, as the record). */
    public static final double REFERENCE_TOLERANCE = 1e-4;

    private Thresholds() {}
}
