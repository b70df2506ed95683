package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import java.util.ArrayList;
import java.util.List;

/**
 * The notebook's whole workload on one model: baseline readouts and drift, attention patterns of
 * every sequence, the single-head sweep, and the top-K ablation (K = 2 in the notebook).
 *
 * @param extraAblation heads the user asked to ablate with {@code --ablate}, and its result (or null)
 */
public record NotebookRun(DriftResult baseline, List<AttentionPatterns> patterns, AblationSweep sweep,
        AblationSweep.TopK topK, List<Head> extraAblation, DriftResult extraResult) {

    public static final int NOTEBOOK_TOP_K = 2;

    public static NotebookRun of(HookedTransformer model, int topK, List<Head> extra) {
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        AblationSweep sweep = AblationSweep.run(probe, true);
        List<AttentionPatterns> patterns = new ArrayList<>();
        for (int i = 0; i < probe.stimuli().size(); i++) {
            patterns.add(AttentionPatterns.of(model, probe.stimuli().get(i).name(), probe.tokens(i), Hooks.none()));
        }
        AblationSweep.TopK top = sweep.ablateTop(probe, topK);
        DriftResult extraResult = extra.isEmpty() ? null : probe.evaluate(extra);
        return new NotebookRun(sweep.baseline(), patterns, sweep, top, List.copyOf(extra), extraResult);
    }
}
