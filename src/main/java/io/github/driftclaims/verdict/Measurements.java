package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.AttentionStripes;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.Composition;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.HeadScores;
import io.github.driftclaims.interp.NotebookRecord;
import io.github.driftclaims.interp.OrderingResamples;
import io.github.driftclaims.interp.PatternInvariance;
import java.util.List;

/**
 * The numbers the rules read, and nothing else: a rule cannot see which model they came from. Built
 * from a measurement on a model's weights ({@link #of(CircuitEvidence)}), or from the numbers a notebook
 * run recorded, in which case what the record lacks is null and the rules that need it say so.
 *
 * @param layers the model's layer count (claims 9 and 10 ask which layer a head is in)
 * @param drift baseline drift over the notebook's three orderings
 * @param maeToBayes baseline mean absolute error to Beta(1,1)
 * @param topHead the sweep's first-ranked head
 * @param topHeadReduction baseline drift minus drift with only {@code topHead} ablated
 * @param top2 the sweep's top two heads
 * @param top2Drift drift with both ablated
 * @param top2Mae MAE to Beta(1,1) with both ablated
 * @param top3Drift drift with the top three ablated; null when not measured
 * @param stripes claim 5's attention stripes on repeated sequences of the model's trained letters
 *     ({@code AttentionStripes.distinctKeys}); null for a notebook record, whose X/Y prompts score no query
 * @param scores TransformerLens head scores; null without weights
 * @param composition claim 10's composition check; null without weights, or when the top two are not one
 *     first-layer and one last-layer head
 * @param invariance claim 9's pattern comparison; null without weights
 * @param triples the sampling spread of claims 4, 6, 7 and 8's deciding numbers over every triple of the 20 orderings
 *     of 3X/3Y; null without weights (QUALITY.md, "Margins and fragile verdicts")
 */
public record Measurements(int layers, double drift, double maeToBayes, Head topHead, double topHeadReduction,
        List<Head> top2, double top2Drift, double top2Mae, Double top3Drift, AttentionStripes stripes,
        HeadScores scores, Composition composition, PatternInvariance invariance, OrderingResamples.Triples triples) {

    public Measurements {
        top2 = List.copyOf(top2);
    }

    /** Without sampling spreads (a notebook record, hand-made numbers). */
    public Measurements(int layers, double drift, double maeToBayes, Head topHead, double topHeadReduction,
            List<Head> top2, double top2Drift, double top2Mae, Double top3Drift, AttentionStripes stripes,
            HeadScores scores, Composition composition, PatternInvariance invariance) {
        this(layers, drift, maeToBayes, topHead, topHeadReduction, top2, top2Drift, top2Mae, top3Drift, stripes, scores,
                composition, invariance, null);
    }

    public static Measurements of(CircuitEvidence e) {
        AblationSweep.Row top = e.run().sweep().ranked().get(0);
        AblationSweep.TopK two = e.run().topK();
        if (two.heads().size() != 2) {
            throw new IllegalArgumentException("the verdicts are about the top two heads; this run ablated the top "
                    + two.heads().size());
        }
        return new Measurements(e.scores().induction().length, e.run().baseline().drift(),
                e.run().baseline().maeToBayes(), top.head(), top.driftReduction(), two.heads(), two.result().drift(),
                two.result().maeToBayes(), e.top3().result().drift(), e.repeats(), e.scores(), e.composition(),
                e.invariance(), e.triples());
    }

    /**
     * From a notebook's record alone: no top three, no head scores, no composition check, no patterns under ablation
     * and no patterns on repeated sequences (the record's stripes are on the notebook's X/Y prompts, where every
     * induction key is the previous token: issue 27), so the rules that need them stay undetermined.
     */
    public static Measurements of(NotebookRecord r) {
        AblationSweep.Row top = r.sweepTop().get(0);
        return new Measurements(r.layers(), r.drift(), r.maeToBayes(), top.head(), top.driftReduction(), r.top2(),
                r.top2Drift(), r.top2Mae(), null, null, null, null, null);
    }

    /** Share of the baseline drift the top head removes (0 when there is no drift). */
    public double topHeadShare() {
        return share(topHeadReduction);
    }

    public double top2Share() {
        return share(drift - top2Drift);
    }

    public Double top3Share() {
        return top3Drift == null ? null : share(drift - top3Drift);
    }

    private double share(double reduction) {
        return drift == 0 ? 0 : reduction / drift;
    }
}
