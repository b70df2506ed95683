package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.at;
import static io.github.driftclaims.verdict.Rules.finding;
import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.COMPOSITION_DROP;
import static io.github.driftclaims.verdict.Thresholds.HEAD_SCORE;
import static io.github.driftclaims.verdict.Thresholds.PATTERN_CHANGE;
import static io.github.driftclaims.verdict.Thresholds.ROLE_LETTERS;
import static io.github.driftclaims.verdict.Thresholds.ROLE_MARGIN;
import static io.github.driftclaims.verdict.Thresholds.STRIPE_CLEAR;
import static io.github.driftclaims.verdict.Thresholds.STRIPE_QUERIES;
import static io.github.driftclaims.verdict.Thresholds.STRIPE_VISIBLE;

import io.github.driftclaims.interp.AttentionStripes;
import io.github.driftclaims.interp.Composition;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.HeadScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Claims 5, 9 and 10 and suite check 38: what the attention patterns and head scores say about the induction circuit,
 * and whether z-ablation leaves the patterns it cannot change alone. Each rule with its description ({@link
 * #describe}).
 */
public final class PatternRules {

    private PatternRules() {}

    /**
     * Claim 5 (repaired, issue 27; committed before any model was measured under it), on {@link
     * io.github.driftclaims.interp.RepeatedSequences}: patterns of 3 to 8 distinct letters the model was trained on,
     * repeated after the notebook's prefix. Only queries whose induction key lies before their previous position are
     * scored ({@link AttentionStripes#distinctKeys}): the last layer's best head on the induction stripe and the first
     * layer's best head on the previous-token stripe. Both clear (>= 0.5): reproduced; both at least visible (>= 0.25):
     * partly; else refuted. Trained on fewer than {@link Thresholds#ROLE_LETTERS} letters: no repeated sequence tells
     * the two heads apart, not applicable. Fewer than {@link Thresholds#STRIPE_QUERIES} scored queries (the notebook's
     * record: its X/Y prompts have none): not determined.
     */
    public static Finding attentionCircuit(Measurements m) {
        AttentionStripes s = m.stripes();
        if (s == null) {
            return Finding.undetermined(Claim.ATTENTION_CIRCUIT, "no attention patterns on repeated sequences recorded "
                    + "(on the notebook's X/Y prompts no induction key is apart from the previous token)");
        }
        if (s.letters() < ROLE_LETTERS) {
            return new Finding(Claim.ATTENTION_CIRCUIT, Verdict.NOT_APPLICABLE, "trained on " + s.letters()
                    + " letters: no repeated sequence of fewer than " + ROLE_LETTERS + " distinct letters has an induction "
                    + "key apart from the previous token (nothing tells the two heads apart)");
        }
        if (s.inductionQueries() < STRIPE_QUERIES) {
            return Finding.undetermined(Claim.ATTENTION_CIRCUIT, "the induction stripe is over " + s.inductionQueries()
                    + " queries, fewer than the " + STRIPE_QUERIES + " the rule needs");
        }
        Head ind = s.bestInduction(m.layers() - 1);
        Head prev = s.bestPreviousToken(0);
        double i = s.induction(ind);
        double p = s.previousToken(prev);
        Verdict v = i >= STRIPE_CLEAR && p >= STRIPE_CLEAR ? Verdict.REPRODUCED
                : i >= STRIPE_VISIBLE && p >= STRIPE_VISIBLE ? Verdict.PARTLY : Verdict.REFUTED;
        // A stripe's line changes the verdict only where the other stripe clears the same line.
        return finding(Claim.ATTENTION_CIRCUIT, v, "induction stripe " + ind + " " + num(i) + ", previous-token "
                + "stripe " + prev + " " + num(p) + " vs clear " + STRIPE_CLEAR + " / visible " + STRIPE_VISIBLE + " ("
                + s.inductionQueries() + " queries with the induction key apart from the previous token, "
                + s.letters() + " letters)",
                p >= STRIPE_CLEAR ? at("induction stripe", i, STRIPE_CLEAR, Uncertainty.mean(), null) : null,
                p >= STRIPE_VISIBLE ? at("induction stripe", i, STRIPE_VISIBLE, Uncertainty.mean(), null) : null,
                i >= STRIPE_CLEAR ? at("previous-token stripe", p, STRIPE_CLEAR, Uncertainty.mean(), null) : null,
                i >= STRIPE_VISIBLE ? at("previous-token stripe", p, STRIPE_VISIBLE, Uncertainty.mean(), null) : null);
    }

    /**
     * Claim 9 (repaired, issue 27; committed before any model was measured under it): "z-ablation leaves attention
     * patterns unchanged", judged where it can fail, in the layers after each of the top two. Its other half (own and
     * earlier layers bit-identical) holds for any correct hook and is suite check 38 ({@link #patternsBitIdentical}).
     * Reproduced when ablating either top-two head moves no later-layer attention weight on the notebook's prompts by
     * {@link Thresholds#PATTERN_CHANGE} or more; refuted when one does; not applicable when both are last-layer heads
     * (no later layer to change).
     */
    public static Finding patternsUnchanged(Measurements m) {
        if (m.invariance() == null) {
            return Finding.undetermined(Claim.PATTERNS_UNCHANGED, "needs patterns under ablation, which were not recorded");
        }
        List<Head> withLater = m.top2().stream().filter(h -> h.layer() < m.layers() - 1).toList();
        if (withLater.isEmpty()) {
            return new Finding(Claim.PATTERNS_UNCHANGED, Verdict.NOT_APPLICABLE, "top two " + m.top2() + " are both "
                    + "last-layer heads: no later layer whose patterns they could change");
        }
        List<String> changes = new ArrayList<>();
        double largest = 0;
        for (Head h : withLater) {
            double c = m.invariance().laterChange().getOrDefault(h, 0.0);
            largest = Math.max(largest, c);
            changes.add(h + " " + num(c));
        }
        // A change is a difference of two attention weights, each within the input's uncertainty.
        return finding(Claim.PATTERNS_UNCHANGED, largest >= PATTERN_CHANGE ? Verdict.REFUTED : Verdict.REPRODUCED,
                "largest later-layer attention change when ablating " + String.join(", ", changes) + " vs material "
                        + PATTERN_CHANGE, at("largest later-layer change", largest, PATTERN_CHANGE,
                        Uncertainty.difference(Uncertainty.input(), Uncertainty.input()), null));
    }

    /**
     * Suite check 38 (claim 9's other half, issue 27): zeroing any head at hook_z leaves every pattern of its own and
     * earlier layers bit-identical on the notebook's prompts (they are computed before its output exists): reproduced;
     * any difference: refuted (a hook that leaks). Holds for any correct implementation, so it says nothing about the
     * model. Exact: no margin.
     */
    public static Finding patternsBitIdentical(Measurements m) {
        if (m.invariance() == null) {
            return Finding.undetermined(Claim.PATTERNS_BIT_IDENTICAL, "needs patterns under ablation, which were not "
                    + "recorded");
        }
        return m.invariance().earlierLayersIdentical()
                ? new Finding(Claim.PATTERNS_BIT_IDENTICAL, Verdict.REPRODUCED, "own and earlier layers bit-identical "
                        + "under every head's ablation")
                : new Finding(Claim.PATTERNS_BIT_IDENTICAL, Verdict.REFUTED, "own or earlier layers changed: "
                        + m.invariance().violations());
    }

    /**
     * Claim 10: the top two are one first-layer head P and one last-layer head I with
     * <ul>
     *   <li>roles: P's previous-token score and I's induction score >= 0.5;
     *   <li>specificity: each within 0.05 of the best score of its layer;
     *   <li>composition: zero-ablating P lowers I's induction score by >= 50%.
     * </ul>
     * All three: reproduced; roles but not specificity or composition: partly; no roles: refuted. The scores are drawn
     * from the letters the model was trained on (its model card); trained on fewer than {@link Thresholds#ROLE_LETTERS}
     * (the controls see X and Y alone), no sequence it knows tells the roles apart: not applicable (issue 27; committed
     * before any model was measured under it).
     */
    public static Finding inductionCircuit(Measurements m) {
        HeadScores s = m.scores();
        if (s == null) {
            return Finding.undetermined(Claim.INDUCTION_CIRCUIT, "needs head scores and the composition check, "
                    + "which need the weights");
        }
        if (s.poolSize() < ROLE_LETTERS) {
            return new Finding(Claim.INDUCTION_CIRCUIT, Verdict.NOT_APPLICABLE, "trained on " + s.poolSize()
                    + " letters: on fewer than " + ROLE_LETTERS + " no repeated sequence has an induction key apart from "
                    + "the previous token, so neither role can be scored");
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
        // Each line changes the verdict only where the other conditions of its tier hold.
        double gap = Uncertainty.difference(Uncertainty.input(), Uncertainty.input());
        boolean matched = c != null && c.previousToken().equals(p) && c.induction().equals(i);
        return finding(Claim.INDUCTION_CIRCUIT, v, reason,
                is >= HEAD_SCORE ? at(p + " previous-token score", ps, HEAD_SCORE, Uncertainty.mean(), null) : null,
                ps >= HEAD_SCORE ? at(i + " induction score", is, HEAD_SCORE, Uncertainty.mean(), null) : null,
                roles && composes && bestI - is <= ROLE_MARGIN ? at(p + " gap to its layer's best", bestP - ps,
                        ROLE_MARGIN, gap, null) : null,
                roles && composes && bestP - ps <= ROLE_MARGIN ? at(i + " gap to its layer's best", bestI - is,
                        ROLE_MARGIN, gap, null) : null,
                roles && specific && matched ? at("composition drop", c.drop(), COMPOSITION_DROP,
                        Uncertainty.share(c.before(), c.after(), Uncertainty.mean(), Uncertainty.mean()), null) : null);
    }

    /** Each rule of this family in one line of words, for the verdict matrix and the CLI ({@link Rules#describe}). */
    static String describe(Claim c) {
        return switch (c) {
            case ATTENTION_CIRCUIT -> "on " + io.github.driftclaims.interp.RepeatedSequences.SEQUENCES + " repeats of "
                    + "3-8 distinct letters the model was trained on, scoring only queries whose induction key (after the "
                    + "previous occurrence) lies before the previous token (>= " + STRIPE_QUERIES + " queries): the best "
                    + "last-layer head's attention on that key and the best first-layer head's on the previous token, both "
                    + ">= " + STRIPE_CLEAR + " reproduced, both >= " + STRIPE_VISIBLE + " partly; not applicable when "
                    + "trained on fewer than " + ROLE_LETTERS + " letters";
            case PATTERNS_UNCHANGED -> "ablating a top-two head moves no attention weight of a later layer by >= "
                    + PATTERN_CHANGE + " on the notebook's prompts (else refuted); not applicable when both are last-layer "
                    + "heads";
            case PATTERNS_BIT_IDENTICAL -> "every head's hook_z ablation leaves every pattern of its own and earlier "
                    + "layers bit-identical (else a hook leaks: refuted)";
            case INDUCTION_CIRCUIT -> "top two = first-layer previous-token head and last-layer induction head (scores >= "
                    + HEAD_SCORE + "), each within " + ROLE_MARGIN + " of its layer's best, and ablating the first lowers "
                    + "the second's induction score by >= " + pct(COMPOSITION_DROP) + "; partly with the roles only; "
                    + "scored on the letters the model was trained on, not applicable on fewer than " + ROLE_LETTERS;
            default -> throw new IllegalArgumentException("claim " + c.number() + " is not in this family");
        };
    }
}
