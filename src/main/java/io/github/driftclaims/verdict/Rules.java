package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Thresholds.COLLAPSE_SHARE;
import static io.github.driftclaims.verdict.Thresholds.COMPOSITION_DROP;
import static io.github.driftclaims.verdict.Thresholds.HEAD_SCORE;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;
import static io.github.driftclaims.verdict.Thresholds.NEAR_COUNTING;
import static io.github.driftclaims.verdict.Thresholds.ORDER_INVARIANT;
import static io.github.driftclaims.verdict.Thresholds.ROLE_MARGIN;
import static io.github.driftclaims.verdict.Thresholds.SINGLE_HEAD_SHARE;
import static io.github.driftclaims.verdict.Thresholds.STRIPE_CLEAR;
import static io.github.driftclaims.verdict.Thresholds.STRIPE_VISIBLE;

import io.github.driftclaims.interp.AttentionStripes;
import io.github.driftclaims.interp.Composition;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.HeadScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One rule per claim, each a pure function of {@link Measurements}: the only place a verdict is
 * decided. A rule whose inputs are missing (a notebook record without weights) returns an
 * undetermined finding that says what is missing, never a guess.
 */
public final class Rules {

    private Rules() {}

    /** Every claim's finding, in claim order. */
    public static List<Finding> all(Measurements m) {
        return List.of(drift(m), attentionCircuit(m), sweepFindsCause(m), topTwoCollapse(m), towardCounting(m),
                patternsUnchanged(m), inductionCircuit(m));
    }

    /** Claim 4: reproduced when drift >= 0.10, else refuted. */
    public static Finding drift(Measurements m) {
        return new Finding(Claim.DRIFT, m.drift() >= MATERIAL_DRIFT ? Verdict.REPRODUCED : Verdict.REFUTED,
                "drift " + num(m.drift()) + " vs material " + MATERIAL_DRIFT);
    }

    /**
     * Claim 5, on the notebook's prompts: the last layer's best head on the induction stripe and the first
     * layer's best head on the previous-token stripe. Both clear (>= 0.5): reproduced; both at least
     * visible (>= 0.25): partly; else refuted.
     */
    public static Finding attentionCircuit(Measurements m) {
        AttentionStripes s = m.stripes();
        if (s == null) {
            return Finding.undetermined(Claim.ATTENTION_CIRCUIT, "no attention patterns recorded");
        }
        Head ind = s.bestInduction(m.layers() - 1);
        Head prev = s.bestPreviousToken(0);
        double i = s.induction(ind);
        double p = s.previousToken(prev);
        Verdict v = i >= STRIPE_CLEAR && p >= STRIPE_CLEAR ? Verdict.REPRODUCED
                : i >= STRIPE_VISIBLE && p >= STRIPE_VISIBLE ? Verdict.PARTLY : Verdict.REFUTED;
        return new Finding(Claim.ATTENTION_CIRCUIT, v, "induction stripe " + ind + " " + num(i) + ", previous-token "
                + "stripe " + prev + " " + num(p) + " vs clear " + STRIPE_CLEAR + " / visible " + STRIPE_VISIBLE);
    }

    /** Claim 6: reproduced when drift is material and the top head alone removes >= 50% of it. */
    public static Finding sweepFindsCause(Measurements m) {
        boolean material = m.drift() >= MATERIAL_DRIFT;
        Verdict v = material && m.topHeadShare() >= SINGLE_HEAD_SHARE ? Verdict.REPRODUCED : Verdict.REFUTED;
        return new Finding(Claim.SWEEP_FINDS_CAUSE, v, "top head " + m.topHead() + " removes " + pct(m.topHeadShare())
                + " of drift " + num(m.drift()) + " vs " + pct(SINGLE_HEAD_SHARE) + materialNote(material));
    }

    /**
     * Claim 7: reproduced when drift is material and the top two remove >= 80% of it. The notebook's
     * {@code TOPK = 2  # increase if drift remains} allows more heads: when only the top three do it, partly.
     */
    public static Finding topTwoCollapse(Measurements m) {
        boolean material = m.drift() >= MATERIAL_DRIFT;
        String reason = "top two " + m.top2() + " remove " + pct(m.top2Share()) + " vs " + pct(COLLAPSE_SHARE)
                + (m.top3Share() == null ? "" : "; top three " + pct(m.top3Share())) + materialNote(material);
        if (!material) {
            return new Finding(Claim.TOP_TWO_COLLAPSE, Verdict.REFUTED, reason);
        }
        if (m.top2Share() >= COLLAPSE_SHARE) {
            return new Finding(Claim.TOP_TWO_COLLAPSE, Verdict.REPRODUCED, reason);
        }
        if (m.top3Share() == null) {
            return Finding.undetermined(Claim.TOP_TWO_COLLAPSE, reason + "; the top three were not recorded");
        }
        return new Finding(Claim.TOP_TWO_COLLAPSE, m.top3Share() >= COLLAPSE_SHARE ? Verdict.PARTLY : Verdict.REFUTED,
                reason);
    }

    /**
     * Claim 8: after the top-two ablation, order-invariant (drift < 0.05) and near the counting baseline
     * (MAE to Beta(1,1) < 0.05): both reproduced, the first only partly, else refuted. Without material
     * drift there is nothing to collapse: refuted.
     */
    public static Finding towardCounting(Measurements m) {
        boolean material = m.drift() >= MATERIAL_DRIFT;
        boolean invariant = m.top2Drift() < ORDER_INVARIANT;
        boolean counting = m.top2Mae() < NEAR_COUNTING;
        Verdict v = !material ? Verdict.REFUTED
                : invariant && counting ? Verdict.REPRODUCED : invariant ? Verdict.PARTLY : Verdict.REFUTED;
        return new Finding(Claim.TOWARD_COUNTING, v, "after ablating " + m.top2() + ": drift " + num(m.top2Drift())
                + " vs " + ORDER_INVARIANT + ", MAE to Bayes " + num(m.top2Mae()) + " vs " + NEAR_COUNTING
                + materialNote(material));
    }

    /**
     * Claim 9: zeroing hook_z must leave the ablated head's own and earlier layers bit-identical (else
     * refuted). The literal claim, "patterns unchanged", also covers later layers: when ablating one of
     * the top two changes a later layer's patterns, partly; when neither does, reproduced.
     */
    public static Finding patternsUnchanged(Measurements m) {
        if (m.invariance() == null) {
            return Finding.undetermined(Claim.PATTERNS_UNCHANGED, "needs patterns under ablation, which were not recorded");
        }
        if (!m.invariance().earlierLayersIdentical()) {
            return new Finding(Claim.PATTERNS_UNCHANGED, Verdict.REFUTED, "own or earlier layers changed: "
                    + m.invariance().violations());
        }
        List<String> changing = new ArrayList<>();
        for (Head h : m.top2()) {
            double c = m.invariance().laterChange().getOrDefault(h, 0.0);
            if (c > 0) {
                changing.add(h + " (" + num(c) + ")");
            }
        }
        return new Finding(Claim.PATTERNS_UNCHANGED, changing.isEmpty() ? Verdict.REPRODUCED : Verdict.PARTLY,
                "own and earlier layers bit-identical for every head; later-layer patterns "
                        + (changing.isEmpty() ? "unchanged by the top two" : "changed by ablating " + changing));
    }

    /**
     * Claim 10: the top two are one first-layer head P and one last-layer head I with
     * <ul>
     *   <li>roles: P's previous-token score and I's induction score >= 0.5;
     *   <li>specificity: each within 0.05 of the best score of its layer;
     *   <li>composition: zero-ablating P lowers I's induction score by >= 50%.
     * </ul>
     * All three: reproduced; roles but not specificity or composition: partly; no roles: refuted.
     */
    public static Finding inductionCircuit(Measurements m) {
        HeadScores s = m.scores();
        if (s == null) {
            return Finding.undetermined(Claim.INDUCTION_CIRCUIT, "needs head scores and the composition check, "
                    + "which need the weights");
        }
        int last = m.layers() - 1;
        Head p = m.top2().stream().filter(h -> h.layer() == 0).findFirst().orElse(null);
        Head i = m.top2().stream().filter(h -> h.layer() == last).findFirst().orElse(null);
        if (p == null || i == null || last == 0) {
            return new Finding(Claim.INDUCTION_CIRCUIT, Verdict.REFUTED, "top two " + m.top2()
                    + " are not one first-layer and one last-layer head");
        }
        double ps = s.previousToken(p);
        double is = s.induction(i);
        double bestP = s.previousToken(s.bestPreviousTokenHead(0));
        double bestI = s.induction(s.bestInductionHead(last));
        boolean roles = ps >= HEAD_SCORE && is >= HEAD_SCORE;
        boolean specific = bestP - ps <= ROLE_MARGIN && bestI - is <= ROLE_MARGIN;
        Composition c = m.composition();
        boolean composes = c != null && c.previousToken().equals(p) && c.induction().equals(i)
                && c.drop() >= COMPOSITION_DROP;
        String reason = String.format(Locale.ROOT, "%s previous-token %.4f (layer best %.4f), %s induction %.4f "
                + "(layer best %.4f) vs %.2f within %.2f; ablating %s takes %s's induction score %s", p, ps, bestP, i, is,
                bestI, HEAD_SCORE, ROLE_MARGIN, p, i, c == null ? "(not measured)"
                        : String.format(Locale.ROOT, "%.4f -> %.4f (%s lower, needs %s)", c.before(), c.after(),
                                pct(c.drop()), pct(COMPOSITION_DROP)));
        Verdict v = !roles ? Verdict.REFUTED : specific && composes ? Verdict.REPRODUCED : Verdict.PARTLY;
        return new Finding(Claim.INDUCTION_CIRCUIT, v, reason);
    }

    /** Each rule in one line of words, for the verdict matrix and the CLI. */
    public static String describe(Claim c) {
        return switch (c) {
            case DRIFT -> "reproduced when drift (max - min of P(X|{X,Y}) over the three orderings) >= " + MATERIAL_DRIFT;
            case ATTENTION_CIRCUIT -> "on the notebook's prompts, the best last-layer head's attention on the induction "
                    + "stripe and the best first-layer head's attention to the previous token: both >= " + STRIPE_CLEAR
                    + " reproduced, both >= " + STRIPE_VISIBLE + " partly";
            case SWEEP_FINDS_CAUSE -> "drift >= " + MATERIAL_DRIFT + " and the top head alone removes >= "
                    + pct(SINGLE_HEAD_SHARE) + " of it";
            case TOP_TWO_COLLAPSE -> "drift >= " + MATERIAL_DRIFT + " and the top two remove >= " + pct(COLLAPSE_SHARE)
                    + " of it; partly when only the top three do";
            case TOWARD_COUNTING -> "after the top two: drift < " + ORDER_INVARIANT + " and MAE to Beta(1,1) < "
                    + NEAR_COUNTING + "; partly when only the drift is";
            case PATTERNS_UNCHANGED -> "own and earlier layers bit-identical under every head's ablation (else refuted); "
                    + "partly when ablating a top-two head changes a later layer";
            case INDUCTION_CIRCUIT -> "top two = first-layer previous-token head and last-layer induction head (scores >= "
                    + HEAD_SCORE + "), each within " + ROLE_MARGIN + " of its layer's best, and ablating the first lowers "
                    + "the second's induction score by >= " + pct(COMPOSITION_DROP) + "; partly with the roles only";
        };
    }

    private static String materialNote(boolean material) {
        return material ? "" : " (drift not material: nothing to remove)";
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
