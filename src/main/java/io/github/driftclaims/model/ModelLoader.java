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
        try (TensorSource source = StateDict.open(files.checkpoint())) {
            // Keys and shapes are checked from the metadata before the engine starts or a value is read.
            StateDict.checkShapes(files.checkpoint(), config, source.shapes(), source.unsupported());
            ModelTokenizer tokenizer = ModelTokenizer.load(files.tokenizer(), files.tokenizerConfig(), config.dVocab());
            DjlRuntime.start();
            NDManager manager = NDManager.newBaseManager();
            try {
                Weights raw = Weights.fromCheckedSource(manager, config, source, files.checkpoint());
                Weights weights = processWeights ? WeightProcessing.processConsuming(manager, raw) : raw;
                return new HookedTransformer(manager, files, weights, tokenizer);
            } catch (RuntimeException e) {
                manager.close();
                tokenizer.close();
                throw e;
            }
        }
    }
}
