package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's parameters as NDArrays, keyed by TransformerLens names ({@code blocks.0.attn.W_Q}, ...).
 *
 * <p>{@code processed} records whether {@link WeightProcessing} has run: then the LayerNorm weights
 * are folded away ({@code ln1.w/b}, {@code ln_final.w/b} absent) and every LayerNorm is LNPre.
 */
public record Weights(ModelConfig config, Map<String, NDArray> params, boolean processed) {

    public static Weights fromStateDict(NDManager manager, ModelConfig config, StateDict state) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String key : StateDict.expectedShapes(config).keySet()) {
            HostTensor t = state.get(key);
            NDArray a = manager.create(t.data(), new Shape(t.shape()));
            a.setName(key);
            params.put(key, a);
        }
        return new Weights(config, params, false);
    }

    public NDArray get(String key) {
        NDArray a = params.get(key);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + key + (processed
                    ? " (LayerNorm weights are folded away by weight processing)" : ""));
        }
        return a;
    }

    public NDArray layer(int l, String key) {
        return get("blocks." + l + "." + key);
    }

    /** Copies every parameter to Java memory, e.g. to save it or to hash it. */
    public Map<String, HostTensor> toHost() {
        Map<String, HostTensor> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, new HostTensor(v.getShape().getShape(), v.toFloatArray())));
        return out;
    }
}
