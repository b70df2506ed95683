package io.github.driftclaims.interp;

import java.util.ArrayList;
import java.util.List;

/**
 * What one ablation setting did to the readout: the largest |change| of P(X | {X,Y}) over the rows it
 * was applied to, against the same rows unablated. An ablation that changes nothing is a hook that did
 * not apply (the notebook's sibling urn notebook had one and did not notice), so every setting the suite
 * runs is listed here and claim 15 reads them all.
 *
 * @param experiment where the ablation ran ("sweep", "top2", "later.toy.evidence", ...)
 * @param setting the heads zeroed, e.g. "[L1H6, L0H3]"
 */
public record AblationEffect(String experiment, String setting, double change) {

    public static AblationEffect of(String experiment, List<Head> heads, DriftResult base, DriftResult ablated) {
        return of(experiment, heads, base.rows().stream().map(Readout::pXNorm).toList(),
                ablated.rows().stream().map(Readout::pXNorm).toList());
    }

    /** From paired values of P(X | {X,Y}), row i unablated and ablated. */
    public static AblationEffect of(String experiment, List<Head> heads, List<Double> base, List<Double> ablated) {
        if (base.size() != ablated.size() || base.isEmpty()) {
            throw new IllegalArgumentException(experiment + ": " + base.size() + " baseline rows, " + ablated.size()
                    + " ablated");
        }
        double change = 0;
        for (int i = 0; i < base.size(); i++) {
            change = Math.max(change, Math.abs(ablated.get(i) - base.get(i)));
        }
        return new AblationEffect(experiment, heads.toString(), change);
    }

    /** Every ablation the claims rest on: each single head of the sweep, the top two and three, the later cells'. */
    public static List<AblationEffect> of(CircuitEvidence e) {
        List<AblationEffect> out = new ArrayList<>(mainExperiment(e));
        for (LaterCells l : e.later()) {
            out.addAll(l.effects());
        }
        return List.copyOf(out);
    }

    /** The main experiment's: each single head of the sweep, the top two and the top three. */
    public static List<AblationEffect> mainExperiment(CircuitEvidence e) {
        List<AblationEffect> out = new ArrayList<>();
        AblationSweep sweep = e.run().sweep();
        sweep.results().forEach((h, r) -> out.add(of("sweep", List.of(h), sweep.baseline(), r)));
        out.add(of("top" + e.run().topK().heads().size(), e.run().topK().heads(), sweep.baseline(),
                e.run().topK().result()));
        out.add(of("top" + e.top3().heads().size(), e.top3().heads(), sweep.baseline(), e.top3().result()));
        return List.copyOf(out);
    }
}
