package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
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
        int largest = 0;
        for (String key : StateDict.expectedShapes(config).keySet()) {
            largest = Math.max(largest, state.get(key).data().length);
        }
        // One staging buffer for every tensor: DJL wraps a direct buffer without copying, and a fresh
        // buffer per tensor would stay allocated until the garbage collector frees it.
        ByteBuffer staging = ByteBuffer.allocateDirect(4 * largest).order(ByteOrder.nativeOrder());
        for (String key : StateDict.expectedShapes(config).keySet()) {
            NDArray a = owned(manager, state.get(key), staging);
            a.setName(key);
            params.put(key, a);
        }
        return new Weights(config, params, false);
    }

    /**
     * Reads, checks and moves the tensors into libtorch memory one at a time, so the Java side never
     * holds more than one tensor of the checkpoint.
     */
    public static Weights fromSource(NDManager manager, ModelConfig config, TensorSource source, Path file) {
        StateDict.checkShapes(file, config, source.shapes());
        Map<String, NDArray> params = new LinkedHashMap<>();
        int largest = 0;
        for (Map.Entry<String, long[]> e : StateDict.expectedShapes(config).entrySet()) {
            largest = (int) Math.max(largest, HostTensor.numel(e.getValue()));
        }
        ByteBuffer staging = ByteBuffer.allocateDirect(4 * largest).order(ByteOrder.nativeOrder());
        for (String key : StateDict.expectedShapes(config).keySet()) {
            HostTensor t = source.load(key);
            StateDict.checkFinite(file, key, t);
            NDArray a = owned(manager, t, staging);
            a.setName(key);
            params.put(key, a);
        }
        return new Weights(config, params, false);
    }

    /**
     * An NDArray in libtorch's own (64-byte aligned) memory. DJL's {@code create} wraps a Java direct
     * buffer, whose address and alignment vary from run to run; matmul kernels pick code paths by
     * alignment, and training on such buffers was observed to give different bits in the same JVM.
     */
    public static NDArray owned(NDManager manager, HostTensor t) {
        return owned(manager, t, ByteBuffer.allocateDirect(4 * t.data().length).order(ByteOrder.nativeOrder()));
    }

    private static NDArray owned(NDManager manager, HostTensor t, ByteBuffer staging) {
        staging.clear();
        staging.asFloatBuffer().put(t.data());
        staging.limit(4 * t.data().length);
        try (NDArray wrapped = manager.create(staging.slice().order(ByteOrder.nativeOrder()), new Shape(t.shape()),
                DataType.FLOAT32)) {
            NDArray copy = wrapped.duplicate();
            copy.attach(manager);
            return copy;
        }
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
