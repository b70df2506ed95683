package io.github.driftclaims.interp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every number the claims rest on, flattened to named values ({@code baseline.drift},
 * {@code baseline.patterned.p_X_norm}, {@code sweep.L1H6.drift}, {@code top2.drift},
 * {@code scores.induction.L1H6}, ...). The regression gate compares these with a committed record,
 * so any change in what the claims measure shows up by name.
 */
public final class ClaimNumbers {

    private ClaimNumbers() {}

    public static Map<String, Double> of(CircuitEvidence e) {
        NotebookRun run = e.run();
        HeadScores scores = e.scores();
        Map<String, Double> m = new LinkedHashMap<>();
        readouts(m, "baseline", run.baseline());
        for (AblationSweep.Row r : run.sweep().ranked()) {
            m.put("sweep." + r.head() + ".drift", r.drift());
            m.put("sweep." + r.head() + ".mae_to_bayes", r.maeToBayes());
        }
        readouts(m, "top" + run.topK().heads().size(), run.topK().result());
        readouts(m, "top" + e.top3().heads().size(), e.top3().result());
        m.put("orderings20.drift", e.allOrderings().drift());
        m.put("orderings20.mae_to_bayes", e.allOrderings().maeToBayes());
        for (int l = 0; l < scores.induction().length; l++) {
            for (int h = 0; h < scores.induction()[l].length; h++) {
                m.put("scores.induction." + new Head(l, h), scores.induction()[l][h]);
                m.put("scores.previous_token." + new Head(l, h), scores.previousToken()[l][h]);
                m.put("stripes.induction." + new Head(l, h), e.stripes().induction()[l][h]);
                m.put("stripes.previous_token." + new Head(l, h), e.stripes().previousToken()[l][h]);
            }
        }
        e.invariance().laterChange().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(c -> m.put("patterns.later_layer_change." + c.getKey(), c.getValue()));
        if (e.composition() != null) {
            m.put("composition.induction_before", e.composition().before());
            m.put("composition.induction_after", e.composition().after());
        }
        e.later().forEach(l -> later(m, "later." + l.style().id() + ".", l));
        return m;
    }

    /** The later cells under {@code p} ({@code later.<style>.}): per-count means and stds, 4X/1Y, sanity check, tracking. */
    static void later(Map<String, Double> m, String p, LaterCells l) {
        for (LaterCells.Count c : l.evidence().counts()) {
            String k = p + "evidence.n" + c.nX() + ".";
            m.put(k + "baseline_mean", c.baselineMean());
            m.put(k + "baseline_std", c.baselineStd());
            m.put(k + "ablated_mean", c.ablatedMean());
            m.put(k + "ablated_std", c.ablatedStd());
        }
        m.put(p + "evidence.mae_to_bayes.baseline", l.evidence().maeBaseline());
        m.put(p + "evidence.mae_to_bayes.ablated", l.evidence().maeAblated());
        m.put(p + "drift_4x1y.baseline", l.drift4x1Baseline().drift());
        m.put(p + "drift_4x1y.ablated", l.drift4x1Ablated().drift());
        m.put(p + "sanity_check.baseline", l.sanityBaseline().pXNorm());
        m.put(p + "sanity_check.ablated", l.sanityAblated().pXNorm());
        for (LaterCells.Step s : l.tracking().steps()) {
            String k = p + "tracking.s" + s.stream() + ".t" + s.t() + ".";
            m.put(k + "baseline", s.baseline());
            m.put(k + "ablated", s.ablated());
        }
        m.put(p + "tracking.mae_to_bayes.baseline", l.tracking().maeBaseline());
        m.put(p + "tracking.mae_to_bayes.ablated", l.tracking().maeAblated());
    }

    static void readouts(Map<String, Double> m, String prefix, DriftResult d) {
        m.put(prefix + ".drift", d.drift());
        m.put(prefix + ".mae_to_bayes", d.maeToBayes());
        for (Readout r : d.rows()) {
            m.put(prefix + "." + r.name() + ".p_X_norm", r.pXNorm());
            m.put(prefix + "." + r.name() + ".logit_diff", r.logitDiff());
        }
    }
}
