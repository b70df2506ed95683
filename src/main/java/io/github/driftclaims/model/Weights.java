package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's parameters as NDArrays, in TransformerLens's names: {@code W_E}, {@code W_pos}, one {@link Block}
 * per layer, {@code ln_final}, {@code W_U}, {@code b_U}. The state-dict keys they are saved under live in
 * {@link WeightLayout} alone.
 *
 * <p>After {@link WeightProcessing} the LayerNorm weights are folded away: {@code ln_final} and every block's
 * {@code ln1} are null and every LayerNorm is LNPre ({@link #processed}).
 *
 * @param ln_final the final LayerNorm's scale and bias; null once processed
 */
public record Weights(ModelConfig config, NDArray W_E, NDArray W_pos, List<Block> blocks, Norm ln_final,
        NDArray W_U, NDArray b_U) {

    public Weights {
        blocks = List.copyOf(blocks);
    }

    /** A LayerNorm's scale {@code w} and bias {@code b}, [d_model] each. */
    public record Norm(NDArray w, NDArray b) {}

    /**
     * One attention block: W_Q, W_K, W_V [H, D, E], W_O [H, E, D], b_Q, b_K, b_V [H, E], b_O [D].
     *
     * @param ln1 the LayerNorm before attention; null once processed
     */
    public record Block(NDArray W_Q, NDArray W_K, NDArray W_V, NDArray W_O, NDArray b_Q, NDArray b_K, NDArray b_V,
            NDArray b_O, Norm ln1) {}

    /** Whether {@link WeightProcessing} has run: the LayerNorm weights are folded into the others. */
    public boolean processed() {
        return ln_final == null;
    }

    public Block block(int layer) {
        return blocks.get(layer);
    }

    /** Moves a validated state dict (see {@link StateDict#validated}) into libtorch memory. */
    public static Weights fromStateDict(NDManager manager, ModelConfig config, StateDict state) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String key : WeightLayout.shapes(config).keySet()) {
            params.put(key, owned(manager, state.get(key)));
        }
        Weights w = WeightLayout.weights(config, params);
        WeightLayout.name(w);
        return w;
    }

    /**
     * Reads each tensor straight from the file into the libtorch memory it ends up in, and checks its
     * values there: no Java copy of the checkpoint, and no staging buffer, exists at any point. Checks the
     * keys and shapes first (from the metadata alone).
     */
    public static Weights fromSource(NDManager manager, ModelConfig config, TensorSource source, Path file) {
        StateDict.checkShapes(file, config, source.shapes(), source.unsupported());
        return fromCheckedSource(manager, config, source, file);
    }

    /** {@link #fromSource} for a source whose shapes the caller has just checked ({@link ModelLoader}). */
    static Weights fromCheckedSource(NDManager manager, ModelConfig config, TensorSource source, Path file) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        // On a failure the arrays made so far belong to the manager, which the caller closes.
        for (Map.Entry<String, long[]> e : WeightLayout.shapes(config).entrySet()) {
            NDArray a = empty(manager, e.getValue());
            params.put(e.getKey(), a);
            ByteBuffer view = a.toByteBuffer(true);
            source.readInto(e.getKey(), view);
            checkFinite(file, e.getKey(), a, view.flip());
        }
        Weights w = WeightLayout.weights(config, params);
        WeightLayout.name(w);
        return w;
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

    /** Copies every parameter to Java memory by its state-dict key, e.g. to save it or to hash it. */
    public Map<String, HostTensor> toHost() {
        Map<String, HostTensor> out = new TreeMap<>();
        WeightLayout.arrays(this).forEach((k, v) -> out.put(k, new HostTensor(v.getShape().getShape(), v.toFloatArray())));
        return out;
    }
}
