package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The parts of {@link Forward}: embedding, per-head projections, LayerNorm, the attention output and the
 * unembedding, each as TransformerLens computes it.
 *
 * <p>DJL gives the result of an operation to the manager of its receiver, so an operation called on a weight
 * ({@code W_E.get(tokens)}, a reshape of {@code W_O}) would hand its result, and every array computed from it, to
 * the weights' manager, where no scope ever closes it. Such results are moved to the pass's manager with
 * {@link #scoped}.
 */
final class ForwardParts {

    /** The last position of every row, kept as an axis: [B, 1, ...]. */
    static final NDIndex LAST = new NDIndex(":, -1:");

    private ForwardParts() {}

    /** Token plus position embeddings for positions {@code start .. start + T - 1}, each hooked. */
    static NDArray embed(Weights w, NDArray tokens, int start, Pass p) {
        NDManager m = tokens.getManager();
        int t = (int) tokens.getShape().get(1);
        NDArray embed = p.hooks().at(HookPoint.EMBED, scoped(m, w.W_E().get(tokens)), p.cache());
        NDArray posEmbed = p.hooks().at(HookPoint.POS_EMBED,
                scoped(m, w.W_pos().get(new NDIndex(start + ":" + (start + t)))), p.cache());
        return embed.add(posEmbed);
    }

    /**
     * 1 / sqrt(d_head) as an array of this scope, not a Java number: DJL turns a number argument into a
     * tensor over a Java buffer that it frees right after the call, but autograd keeps the divisor for the
     * backward pass, which then read freed memory (random NaNs in training).
     */
    static NDArray attentionScale(NDManager m, ModelConfig c) {
        return m.create((float) Math.sqrt(c.dHead()));
    }

    /** out = sum_h z_h W_O[h] + b_O, as one matmul over the flattened (head, d_head) axis. */
    static NDArray attnOut(Weights w, int l, NDArray z) {
        ModelConfig c = w.config();
        long batch = z.getShape().get(0);
        long t = z.getShape().get(1);
        Weights.Block b = w.block(l);
        NDArray wO = scoped(z.getManager(), b.W_O().reshape(c.nHeads() * c.dHead(), c.dModel()));
        return z.reshape(batch, t, (long) c.nHeads() * c.dHead()).matMul(wO).add(b.b_O());
    }

    /** The final LayerNorm and the unembedding, of the last position (of every position when logits are captured). */
    static NDArray unembedLast(Weights w, NDArray resid, Pass p) {
        if (p.hooks().captures().contains(HookPoint.LOGITS)) {
            NDArray all = unembed(w, layerNorm(resid, w.ln_final()), p.unembed());
            p.cache().put(HookPoint.LOGITS, all);
            return all.get(new NDIndex(":, -1, :"));
        }
        // Only the last position is needed for next-token claims; LN is per position, so slicing
        // first gives the same numbers and skips T-1 rows of the largest matmul.
        NDArray last = resid.get(new NDIndex(":, -1, :"));
        return unembed(w, layerNorm(last, w.ln_final()), p.unembed());
    }

    private static NDArray unembed(Weights w, NDArray x, Unembed unembed) {
        if (unembed.full()) {
            // in place: the logits are the largest activation, and the matmul's output is not needed again
            return x.matMul(w.W_U()).addi(w.b_U());
        }
        // Only the asked-for columns of W_U and b_U: a [D, C] gather of the weights, then a matmul of C columns.
        NDManager m = x.getManager();
        NDArray cols = m.create(java.util.Arrays.stream(unembed.columns()).asLongStream().toArray());
        NDArray wU = scoped(m, w.W_U().get(new NDIndex(":, {}", cols)));
        NDArray bU = scoped(m, w.b_U().get(new NDIndex("{}", cols)));
        return x.matMul(wU).addi(bU);
    }

    /**
     * What one of layer l's projections reads: the shared ln1 output {@code x} [B,T,D], or, when the point
     * {@code name} (hook_q_input, _k_ or _v_) is hooked or captured, ln1 of the residual stream copied once per head,
     * [B,T,H,D], as TransformerLens's use_split_qkv_input: the hook sees (and may replace) each head's own copy before
     * ln1, so a patched residual is normalised as the model normalises it. The copies cost H times x, so a plain
     * forward never makes them.
     */
    static NDArray headInput(Weights w, int l, String name, NDArray resid, NDArray x, Pass p) {
        if (!p.hooks().touches(name)) {
            return x;
        }
        NDArray perHead = p.hooks().at(name, resid.expandDims(2).repeat(2, w.config().nHeads()), p.cache());
        return layerNorm(perHead, w.block(l).ln1());
    }

    /**
     * x [B,T,D] (or one input per head, [B,T,H,D]) times W [H,D,E] plus b [H,E], as [B,H,T,E]. [1, B*T, D] @ [H, D, E]
     * broadcasts to one batched matmul over the heads, which reads W where it lies: flattening W to [D, H*E] instead
     * would copy every projection matrix on every call.
     */
    static NDArray headsLinear(NDArray x, NDArray weight, NDArray bias) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        long d = x.getShape().get(x.getShape().dimension() - 1);
        long h = weight.getShape().get(0);
        long e = weight.getShape().get(2);
        NDArray rows = x.getShape().dimension() == 4
                ? x.transpose(2, 0, 1, 3).reshape(h, b * t, d)                                // [H, B*T, D]
                : x.reshape(1, b * t, d);
        NDArray perHead = rows.matMul(weight);                                            // [H, B*T, E]
        perHead.addi(scoped(x.getManager(), bias.reshape(h, 1, e)));
        return perHead.reshape(h, b, t, e).transpose(1, 0, 2, 3);
    }

    /** Moves an array computed from a weight to the forward pass's manager, so its scope frees it. */
    private static NDArray scoped(NDManager m, NDArray a) {
        a.attach(m);
        return a;
    }

    /** TransformerLens's LayerNorm, or LNPre when {@code norm} is null (processed weights), eps 1e-5, biased variance. */
    static NDArray layerNorm(NDArray x, Weights.Norm norm) {
        NDArray centered = x.sub(x.mean(new int[] {-1}, true));
        NDManager m = x.getManager();
        NDArray scale = centered.pow(m.create(2f)).mean(new int[] {-1}, true).add(m.create(ModelConfig.LN_EPS)).sqrt();
        NDArray normalized = centered.div(scale);
        return norm == null ? normalized : normalized.mul(norm.w()).add(norm.b());
    }

    static NDArray causalMask(NDManager m, int t) {
        float[] mask = new float[t * t];
        for (int q = 0; q < t; q++) {
            for (int k = q + 1; k < t; k++) {
                mask[q * t + k] = Float.NEGATIVE_INFINITY;
            }
        }
        return m.create(mask, new Shape(t, t));
    }
}
