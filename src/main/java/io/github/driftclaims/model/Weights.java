package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
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

    /** Moves a validated state dict (see {@link StateDict#validated}) into libtorch memory. */
    public static Weights fromStateDict(NDManager manager, ModelConfig config, StateDict state) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String key : StateDict.expectedShapes(config).keySet()) {
            NDArray a = owned(manager, state.get(key));
            a.setName(key);
            params.put(key, a);
        }
        return new Weights(config, params, false);
    }

    /**
     * Reads each tensor straight from the file into the libtorch memory it ends up in, and checks its
     * values there: no Java copy of the checkpoint, and no staging buffer, exists at any point.
     */
    public static Weights fromSource(NDManager manager, ModelConfig config, TensorSource source, Path file) {
        StateDict.checkShapes(file, config, source.shapes(), source.unsupported());
        Map<String, NDArray> params = new LinkedHashMap<>();
        // On a failure the arrays made so far belong to the manager, which the caller closes.
        for (Map.Entry<String, long[]> e : StateDict.expectedShapes(config).entrySet()) {
            NDArray a = empty(manager, e.getValue());
            a.setName(e.getKey());
            params.put(e.getKey(), a);
            ByteBuffer view = a.toByteBuffer(true);
            source.readInto(e.getKey(), view);
            checkFinite(file, e.getKey(), a, view.flip());
        }
        return new Weights(config, params, false);
    }

    /**
     * Refuses a tensor holding NaN or infinity. Its sum is finite only if every value is (NaN and
     * infinities propagate through additions), and libtorch sums 100 MB several times faster than a
     * Java loop scans it; only a non-finite sum (or one that overflowed) has the values scanned, to
     * name the first bad one.
     */
    private static void checkFinite(Path file, String key, NDArray a, ByteBuffer view) {
        try (NDArray sum = a.sum()) {
            if (Float.isFinite(sum.getFloat())) {
                return;
            }
        }
        StateDict.checkFinite(file, key, view.asFloatBuffer());
    }

    /**
     * A float32 NDArray in libtorch's own memory, left uninitialised, with a direct view of it for the
     * caller to fill. Libtorch allocates (64-byte aligned) and frees it. DJL's {@code create(Buffer)}
     * instead wraps a Java direct buffer, whose address and alignment vary from run to run; matmul
     * kernels pick code paths by alignment, and training on such buffers was observed to give
     * different bits in the same JVM, and NaNs once the Java buffer was freed. The view from
     * {@code toByteBuffer(true)} points into the tensor's storage (it is contiguous and on the CPU) and
     * is used only while the tensor is filled.
     */
    private static NDArray empty(NDManager manager, long[] shape) {
        return manager.create(new Shape(shape), DataType.FLOAT32);
    }

    /** A Java tensor copied into libtorch-owned memory (see {@link #empty}). */
    public static NDArray owned(NDManager manager, HostTensor t) {
        NDArray a = empty(manager, t.shape());
        a.toByteBuffer(true).asFloatBuffer().put(t.data());
        return a;
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
