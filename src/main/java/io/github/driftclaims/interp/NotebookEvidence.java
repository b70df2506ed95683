package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Everything the claims measure on one model, computed once: the notebook's workload, head scores and
 * drift over all 20 orderings of XXXYYY.
 */
public record NotebookEvidence(NotebookRun run, AblationSweep.TopK top3, HeadScores scores, DriftResult allOrderings) {

    public static NotebookEvidence measure(HookedTransformer model) {
        NotebookRun run = NotebookRun.of(model, NotebookRun.NOTEBOOK_TOP_K, List.of());
        HeadScores scores = HeadScores.measure(model, scorePool(model), CircuitSummary.SCORE_LENGTH,
                CircuitSummary.SCORE_BATCH, CircuitSummary.SCORE_SEED);
        DriftProbe orderings = new DriftProbe(model, Stimulus.allOrderingsOf3X3Y());
        DriftResult all = orderings.evaluateAll(List.of(List.of())).get(0);
        // The notebook's "TOPK = 2  # increase if drift remains": the next K is measured too.
        AblationSweep.TopK top3 = run.sweep().ablateTop(new DriftProbe(model, Stimulus.NOTEBOOK), 3);
        return new NotebookEvidence(run, top3, scores, all);
    }

    public Map<String, Double> numbers() {
        return ClaimNumbers.of(run, top3, scores, allOrderings);
    }

    /**
     * The tokens random repeated sequences are drawn from. TransformerLens draws from the whole
     * vocabulary; a toy model trained by this project has only seen its letter tokens, and its other
     * byte-level tokens are untrained, so for it the letters " A".." Z" are used.
     */
    public static int[] scorePool(HookedTransformer model) {
        boolean toy = Files.isRegularFile(model.files().config().resolveSibling("training.json"));
        if (toy) {
            return IntStream.rangeClosed('A', 'Z')
                    .map(c -> model.tokenizer().toSingleToken(" " + (char) c)).toArray();
        }
        int bos = model.tokenizer().bosId();
        return IntStream.range(0, model.config().dVocab()).filter(t -> t != bos).toArray();
    }
}
