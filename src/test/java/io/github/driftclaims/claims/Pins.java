package io.github.driftclaims.claims;

import io.github.driftclaims.report.Pin;
import java.util.List;

/**
 * The commits that pinned the expected verdicts recorded as findings, one constant per commit (cells pinned together
 * share it). Found with {@code git log -S} on each finding's numbers in the expectation tables (Expected,
 * ExpectedAblationKinds, ExpectedLaterKinds, ExpectedMartingale, RecordedNotebookClaims): the oldest commit that wrote
 * the finding as it stands today (a finding restated under a later label, such as "not applicable", is pinned by
 * that later commit). ExpectationKindsTest checks that every finding names one and that each is in the history.
 */
final class Pins {

    /** The rules stated in main code; the 8-head model's ship-time verdicts and attn-only-2l's recorded claim 8. */
    static final Pin RULES_STATED = new Pin("72e1921", "2026-12-02");
    /** Claim 5 on attn-only-2l's recorded patterns. */
    static final Pin RECORDED_CLAIM_5 = new Pin("e23f85c", "2026-12-02");
    /** The plan-1 default (toy-induction-2l seed 0) and the markov-switch control first measured in the matrix. */
    static final Pin SEED_0_DEFAULT = new Pin("051e27d", "2026-12-02");
    /** Claims 12-16 first measured on the 8-head model. */
    static final Pin LATER_CELLS = new Pin("15fe61a", "2026-12-02");
    /** Claims 17-22 first measured on the 8-head model. */
    static final Pin ABLATION_KINDS = new Pin("dc58c32", "2026-12-02");
    /** Claims 17-22 first measured on the plan-1 default and the markov-switch control. */
    static final Pin ABLATION_KINDS_SEED_0 = new Pin("a21c537", "2026-12-02");
    /** Claims 23-26 first measured (verify grid, seed 14). */
    static final Pin MARTINGALE = new Pin("2e7a243", "2026-12-02");
    /** Claims 12-16 under mean and resample ablation first measured. */
    static final Pin LATER_KINDS = new Pin("5b4a327", "2026-12-03");
    /** The full martingale grid's first run (-Pmartingale). */
    static final Pin MARTINGALE_FULL_GRID = new Pin("af280b8", "2026-12-03");
    /** The "not applicable" verdict: findings restated where the precondition is absent. */
    static final Pin NOT_APPLICABLE = new Pin("b158ce5", "2026-12-06");
    /** Claim 27 (excess drift), from the figures known before the rule. */
    static final Pin EXCESS_DRIFT = new Pin("eb4fdad", "2026-12-06");
    /** Claims 28 and 29 first measured. */
    static final Pin ORDERINGS_PATCHING = new Pin("0c3ef54", "2026-12-06");
    /** Claim 30 (phase change), from claim 27's figures. */
    static final Pin PHASE_CHANGE = new Pin("9c67f32", "2026-12-06");
    /** Claims 31-35 first measured. */
    static final Pin IDEAL_BASELINES = new Pin("0af52f0", "2026-12-06");
    /** letters-only-2l seed 0 became the default: the cells plan 2 stated no hypothesis for, first measured. */
    static final Pin LETTERS_DEFAULT = new Pin("a2bbcd5", "2026-12-06");
    /** Claim 30 on the letters-only default (merge of wip-curves). */
    static final Pin LETTERS_PHASE_CHANGE = new Pin("ef22124", "2026-12-06");
    /** Claims 31-35 on the letters-only default (merge of wip-ideal). */
    static final Pin LETTERS_IDEAL = new Pin("5a5e5ae", "2026-12-06");

    /** Claims 5, 8, 9 and 10 (and 31) re-measured under their repaired rules (issue 27). */
    static final Pin REPAIRED_RULES = new Pin("e3f052a", "2026-12-06");

    /** Claims 36 and 37 (path patching, sufficiency) first judged, on tables seen before their rules (issue 28). */
    static final Pin CAUSAL_CLAIMS = new Pin("b01ba20", "2026-12-06");

    /**
     * Claims 23-26 on the full martingale design with 10 observed sequences a cell: the commit whose design and
     * calibrated threshold gave them (measured after it, recorded in the next commits).
     */
    static final Pin MARTINGALE_TEN_SEQUENCES = new Pin("e2c94a3", "2026-12-06");

    static final List<Pin> ALL = List.of(REPAIRED_RULES, CAUSAL_CLAIMS, MARTINGALE_TEN_SEQUENCES, RULES_STATED, RECORDED_CLAIM_5, SEED_0_DEFAULT, LATER_CELLS, ABLATION_KINDS,
            ABLATION_KINDS_SEED_0, MARTINGALE, LATER_KINDS, MARTINGALE_FULL_GRID, NOT_APPLICABLE, EXCESS_DRIFT,
            ORDERINGS_PATCHING, PHASE_CHANGE, IDEAL_BASELINES, LETTERS_DEFAULT, LETTERS_PHASE_CHANGE, LETTERS_IDEAL);

    private Pins() {}
}
