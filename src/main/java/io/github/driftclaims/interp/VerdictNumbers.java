package io.github.driftclaims.interp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers verdicts rest on beyond {@link ClaimNumbers} (issue 27: every number a verdict rests on goes into the
 * regression record): claims 17-21's sweeps and pair drifts under each ablation kind (every pair, the greedy pair's
 * and the best pair's, the greedy pair's rank), claim 22's attribution spread per head, claims 12-16 under mean and
 * resample ablation, claim 28's 20 orderings with the drift heads ablated, and claim 29's patch of the drift heads.
 * They need measurements {@link CircuitEvidence} does not make, so each sits under a prefix of {@link #PREFIXES}: a
 * run that did not make them (an ensemble member in verify's scope) compares its record without them.
 */
public final class VerdictNumbers {

    /** Every key of {@link #of} starts with one of these; no key of {@link ClaimNumbers} does. */
    public static final List<String> PREFIXES = List.of("kinds.", "attribution.", "orderings20.top2.", "patching.");

    private VerdictNumbers() {}

    public static Map<String, Double> of(CircuitEvidence e, AblationKindsEvidence kinds, ActivationPatching patching) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (KindSweep k : kinds.kinds()) {
            String p = "kinds." + k.kind().id() + ".";
            m.put(p + "baseline.drift", k.sweep().baseline().drift());
            for (AblationSweep.Row r : k.sweep().ranked()) {
                m.put(p + "sweep." + r.head() + ".drift", r.drift());
            }
            for (KindSweep.Pair pair : k.pairs()) {
                m.put(p + "pair." + pair.a() + "+" + pair.b() + ".drift", pair.result().drift());
            }
            // Claims 19-21 compare these two; the rank says how far the greedy pair is from the best.
            m.put(p + "greedy_pair.drift", k.greedyPair().result().drift());
            m.put(p + "best_pair.drift", k.best().result().drift());
            m.put(p + "greedy_pair.rank", (double) k.greedyRank());
        }
        LogitAttribution a = kinds.attribution();
        for (int h = 0; h < a.heads().size(); h++) {
            m.put("attribution." + a.heads().get(h) + ".spread", a.spread(h));
        }
        for (LaterCells l : kinds.later()) {
            ClaimNumbers.later(m, "kinds." + l.kind() + ".later." + l.style().id() + ".", l);
        }
        ClaimNumbers.readouts(m, "orderings20.top2", e.orderings().ablated());
        ActivationPatching.Patch drift = patching.driftHeadsPatch(ActivationPatching.Direction.DENOISING);
        m.put("patching.drift_heads.ld_clean", drift.ldSource());
        m.put("patching.drift_heads.ld_corrupt", drift.ldBase());
        m.put("patching.drift_heads.ld_patched", drift.ldPatched());
        return m;
    }
}
