package io.github.driftclaims.claims;

/**
 * The lines the verdicts draw, stated once. An exchangeable counter has drift exactly 0; these say
 * how much order sensitivity counts as the notebook's "drift" and how much of it a head must carry.
 */
final class Thresholds {

    /** Drift at or above this is material (the notebook's is 0.384; a counting model's ~0.04). */
    static final double MATERIAL_DRIFT = 0.10;
    /** A single head "causes" drift when ablating it removes at least this share of it. */
    static final double SINGLE_HEAD_SHARE = 0.5;
    /** Ablating the top K "collapses" drift when it removes at least this share of it. */
    static final double COLLAPSE_SHARE = 0.8;
    /** After ablation, drift below this counts as order-invariant. */
    static final double ORDER_INVARIANT = 0.05;
    /** Mean absolute error to Beta(1,1) below this counts as the counting baseline. */
    static final double NEAR_COUNTING = 0.05;
    /** TransformerLens-style head scores at or above this identify an induction or previous-token head. */
    static final double HEAD_SCORE = 0.5;
    /** Agreement with the notebook's recorded fp32 numbers. */
    static final double REFERENCE_TOLERANCE = 1e-4;

    private Thresholds() {}
}
