package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.util.List;

/**
 * What claims 17 to 22 rest on for one model, measured once on the notebook's three sequences: the sweep and the
 * exhaustive pair search under each {@link AblationKind#standard() ablation kind} (one batch each), and the direct
 * logit attribution of every head.
 */
public record AblationKindsEvidence(List<KindSweep> kinds, LogitAttribution attribution) {

    public AblationKindsEvidence {
        kinds = List.copyOf(kinds);
    }

    public static AblationKindsEvidence measure(HookedTransformer model) {
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        List<KindSweep> kinds = AblationKind.standard().stream().map(k -> KindSweep.measure(probe, k)).toList();
        return new AblationKindsEvidence(kinds, LogitAttribution.measure(probe));
    }

    public KindSweep kind(String id) {
        return kinds.stream().filter(k -> k.kind().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ablation kind " + id));
    }

    /** The zero-ablation sweep's top two: the notebook's drift heads. */
    public List<Head> driftHeads() {
        return kind("zero").greedy();
    }
}
