package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pass's way in and out of Java memory: token rows checked into ids, logits and captured activations copied out. */
final class HostArrays {

    private HostArrays() {}

    /** The rows as one flat id array, refusing ragged rows, ids outside the vocabulary and {@code length} beyond n_ctx. */
    static long[] checkedIds(int[][] tokens, int length, ModelConfig config, ModelFiles files) {
        int t = tokens[0].length;
        for (int[] row : tokens) {
            if (row.length != t) {
                throw new IllegalArgumentException("rows of a batch must have equal length: "
                        + t + " and " + row.length);
            }
        }
        if (length > config.nCtx()) {
            throw new IllegalArgumentException("the prompt is " + length + " tokens but the model's context n_ctx is "
                    + config.nCtx() + (files == null ? "" : " (" + files.config() + ")") + "; shorten the prompt");
        }
        if (t == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
        long[] flat = new long[tokens.length * t];
        for (int i = 0; i < tokens.length; i++) {
            for (int j = 0; j < t; j++) {
                int id = tokens[i][j];
                if (id < 0 || id >= config.dVocab()) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of "
                            + config.dVocab());
                }
                flat[i * t + j] = id;
            }
        }
        return flat;
    }

    /**
     * Reads [rows, width] logits straight out of native memory, without an intermediate [B*V] Java array.
     * For a loaded checkpoint they must be finite: every activation flows into them (an overflow in the
     * residual stream becomes NaN at the final LayerNorm), and finite weights near the float limit
     * would otherwise print tables of NaN as results.
     */
    static float[][] rows(NDArray logits, int rows, int width, Path finiteSource) {
        FloatBuffer values = logits.toType(DataType.FLOAT32, false).toByteBuffer(true).asFloatBuffer();
        float[][] out = new float[rows][width];
        for (int r = 0; r < rows; r++) {
            values.get(out[r]);
            if (finiteSource != null) {
                for (int v = 0; v < width; v++) {
                    if (!Float.isFinite(out[r][v])) {
                        throw new ModelLoadException(finiteSource, "the forward pass is non-finite (logit " + out[r][v]
                                + " in row " + r + ", column " + v + "): the weights overflow float32 on this prompt",
                                "use the model's real checkpoint; these weights cannot give a valid answer");
                    }
                }
            }
        }
        return out;
    }

    static Map<String, HostTensor> host(Map<String, NDArray> cache) {
        Map<String, HostTensor> acts = new LinkedHashMap<>();
        cache.forEach((k, a) -> acts.put(k, new HostTensor(a.getShape().getShape(), a.toFloatArray())));
        return acts;
    }
}
