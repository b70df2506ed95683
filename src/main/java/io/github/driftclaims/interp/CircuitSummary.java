package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.util.List;

/**
 * The numbers that say whether a model has the notebook's circuit: head scores, drift on the
 * notebook's sequences, the sweep's top K heads and what ablating them together does.
 */
public record CircuitSummary(HeadScores scores, DriftResult baseline, AblationSweep sweep, AblationSweep.TopK top2,
        AblationSweep.TopK top3) {

    public static final int SCORE_LENGTH = 20;
    public static final int SCORE_BATCH = 32;
    public static final long SCORE_SEED = 1234;

    public static CircuitSummary measure(HookedTransformer model, int[] scorePool) {
        HeadScores scores = HeadScores.measure(model, scorePool, SCORE_LENGTH, SCORE_BATCH, SCORE_SEED);
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        AblationSweep sweep = AblationSweep.run(probe, true);
        return new CircuitSummary(scores, sweep.baseline(), sweep, sweep.ablateTop(probe, 2), sweep.ablateTop(probe, 3));
    }

    public Head inductionHead() {
        return scores.bestInductionHead(scores.induction().length - 1);
    }

    public Head previousTokenHead() {
        return scores.bestPreviousTokenHead(0);
    }

    public double inductionScore() {
        Head h = inductionHead();
        return scores.induction()[h.layer()][h.head()];
    }

    public double previousTokenScore() {
        Head h = previousTokenHead();
        return scores.previousToken()[h.layer()][h.head()];
    }

    /** The smallest K (2, else 3) whose top-K ablation removes at least {@code fraction} of the drift. */
    public AblationSweep.TopK smallestTopKRemoving(double fraction) {
        return top2.reductionFraction() >= fraction ? top2 : top3;
    }

    /**
     * Issue 3's acceptance criteria for the shipped toy model, each as a sentence with its numbers.
     */
    public List<String> unmetCriteria() {
        List<String> unmet = new java.util.ArrayList<>();
        if (inductionScore() < 0.5) {
            unmet.add(String.format("best layer-1 induction score %.3f < 0.5", inductionScore()));
        }
        if (previousTokenScore() < 0.5) {
            unmet.add(String.format("best layer-0 previous-token score %.3f < 0.5", previousTokenScore()));
        }
        if (baseline.drift() < 0.15) {
            unmet.add(String.format("drift %.3f < 0.15", baseline.drift()));
        }
        AblationSweep.TopK k = smallestTopKRemoving(0.8);
        if (k.reductionFraction() < 0.8) {
            unmet.add(String.format("top-3 ablation removes %.1f%% of drift (< 80%%)", 100 * k.reductionFraction()));
        }
        if (!k.heads().contains(previousTokenHead())) {
            unmet.add("previous-token head " + previousTokenHead() + " not among top-K " + k.heads());
        }
        boolean hasInduction = k.heads().stream().anyMatch(h -> h.layer() == scores.induction().length - 1
                && scores.induction()[h.layer()][h.head()] >= 0.5);
        if (!hasInduction) {
            unmet.add("no layer-1 head with induction score >= 0.5 among top-K " + k.heads());
        }
        return unmet;
    }
}
