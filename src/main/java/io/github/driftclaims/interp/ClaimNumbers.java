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

    public static Map<String, Double> of(NotebookRun run, AblationSweep.TopK top3, HeadScores scores,
            DriftResult allOrderings) {
        Map<String, Double> m = new LinkedHashMap<>();
        readouts(m, "baseline", run.baseline());
        for (AblationSweep.Row r : run.sweep().ranked()) {
            m.put("sweep." + r.head() + ".drift", r.drift());
            m.put("sweep." + r.head() + ".mae_to_bayes", r.maeToBayes());
        }
        readouts(m, "top" + run.topK().heads().size(), run.topK().result());
        readouts(m, "top" + top3.heads().size(), top3.result());
        m.put("orderings20.drift", allOrderings.drift());
        m.put("orderings20.mae_to_bayes", allOrderings.maeToBayes());
        for (int l = 0; l < scores.induction().length; l++) {
            for (int h = 0; h < scores.induction()[l].length; h++) {
                m.put("scores.induction." + new Head(l, h), scores.induction()[l][h]);
                m.put("scores.previous_token." + new Head(l, h), scores.previousToken()[l][h]);
            }
        }
        return m;
    }

    private static void readouts(Map<String, Double> m, String prefix, DriftResult d) {
        m.put(prefix + ".drift", d.drift());
        m.put(prefix + ".mae_to_bayes", d.maeToBayes());
        for (Readout r : d.rows()) {
            m.put(prefix + "." + r.name() + ".p_X_norm", r.pXNorm());
            m.put(prefix + "." + r.name() + ".logit_diff", r.logitDiff());
        }
    }
}
