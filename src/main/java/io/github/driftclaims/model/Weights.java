package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.Function;
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

    /** Moves a validated state dict (see {@link StateDict#validated}) into libtorch memory. */
    public static Weights fromStateDict(NDManager manager, ModelConfig config, StateDict state) {
        return toNative(manager, config, state::get);
    }

    /**
     * Reads, checks and moves the tensors into libtorch memory one at a time, so the Java side never
     * holds more than one tensor of the checkpoint.
     */
    public static Weights fromSource(NDManager manager, ModelConfig config, TensorSource source, Path file) {
        StateDict.checkShapes(file, config, source.shapes());
        return toNative(manager, config, key -> {
            HostTensor t = source.load(key);
            StateDict.checkFinite(file, key, t);
            return t;
        });
    }

    private static Weights toNative(NDManager manager, ModelConfig config, Function<String, HostTensor> tensors) {
        Map<String, long[]> shapes = StateDict.expectedShapes(config);
        long largest = 0;
        for (long[] shape : shapes.values()) {
            largest = Math.max(largest, HostTensor.numel(shape));
        }
        // One staging buffer for every tensor: DJL wraps a direct buffer without copying, and a fresh
        // buffer per tensor would stay allocated until the garbage collector frees it.
        ByteBuffer staging = ByteBuffer.allocateDirect(Math.toIntExact(4 * largest)).order(ByteOrder.nativeOrder());
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String key : shapes.keySet()) {
            NDArray a = owned(manager, tensors.apply(key), staging);
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
