package io.github.driftclaims.model;

import ai.djl.ndarray.NDManager;

/** Reads a model's files, validates them, and optionally applies TransformerLens's weight processing. */
public final class ModelLoader {

    private ModelLoader() {}

    /**
     * @param processWeights true for {@code from_pretrained}'s defaults (fold_ln, center_writing_weights,
     *     center_unembed, fold_value_biases); false for the checkpoint as saved
     */
    public static HookedTransformer load(ModelFiles files, boolean processWeights) {
        ModelConfig config = ModelConfig.read(files.config());
        // Validated before the engine starts, so a bad checkpoint costs no native memory.
        StateDict state = StateDict.read(files.checkpoint()).validated(files.checkpoint(), config);
        ModelTokenizer tokenizer = ModelTokenizer.load(files.tokenizer(), files.tokenizerConfig());
        DjlRuntime.start();
        NDManager manager = NDManager.newBaseManager();
        try {
            Weights raw = Weights.fromStateDict(manager, config, state);
            state = null; // the Java copy is no longer needed; let it go before processing copies again
            Weights weights = raw;
            if (processWeights) {
                weights = WeightProcessing.processConsuming(manager, raw);
            }
            return new HookedTransformer(manager, files, weights, tokenizer);
        } catch (RuntimeException e) {
            manager.close();
            tokenizer.close();
            throw e;
        }
    }
}
