package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An attention-only transformer as TransformerLens's {@code HookedTransformer} computes it, with its
 * hook points. The whole forward pass is {@link #forward}, top to bottom; the rest is plumbing.
 *
 * <p>Owns an NDManager holding the weights; close it when done.
 */
public final class HookedTransformer implements AutoCloseable {

    private final NDManager manager;
    private final ModelFiles files;
    private final Weights weights;
    private final ModelTokenizer tokenizer;

    HookedTransformer(NDManager manager, ModelFiles files, Weights weights, ModelTokenizer tokenizer) {
        this.manager = manager;
        this.files = files;
        this.weights = weights;
        this.tokenizer = tokenizer;
    }

    /** A model over weights already in memory (the trainer's); takes ownership of manager and tokenizer. */
    public static HookedTransformer of(ModelFiles files, Weights weights, ModelTokenizer tokenizer, NDManager manager) {
        return new HookedTransformer(manager, files, weights, tokenizer);
    }

    /**
     * A model from weights alone, with no files and no tokenizer, for callers that feed token ids
     * directly (benchmarks on synthetic weights). Takes ownership of {@code manager};
     * {@link #tokenizer()} and {@link #files()} are null.
     */
    public static HookedTransformer ofWeights(NDManager manager, Weights weights) {
        return new HookedTransformer(manager, null, weights, null);
    }

    public ModelConfig config() {
        return weights.config();
    }

    public Weights weights() {
        return weights;
    }

    public ModelTokenizer tokenizer() {
        return tokenizer;
    }

    public ModelFiles files() {
        return files;
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * The forward pass. Every array it creates belongs to {@code tokens}' manager, so the caller's
     * scope decides their lifetime (an inference scope closes them at once; a training step keeps them
     * for the backward pass).
     *
     * <p>DJL gives the result of an operation to the manager of its receiver, so an operation called
     * on a weight ({@code W_E.get(tokens)}, a reshape of {@code W_O}) would hand its result, and every
     * array computed from it, to the weights' manager, where no scope ever closes it. Such results are
     * moved to {@code tokens}' manager with {@link #scoped}.
     *
     * @param tokens [B, T] token ids; rows of equal length
     * @param cache receives every captured hook point
     * @return logits at the last position, [B, V]
     */
    public static NDArray forward(Weights w, NDArray tokens, Hooks hooks, Map<String, NDArray> cache) {
        ModelConfig c = w.config();
        long batch = tokens.getShape().get(0);
        int t = (int) tokens.getShape().get(1);
        int h = c.nHeads();
        int e = c.dHead();
        int d = c.dModel();
        NDManager m = tokens.getManager();

        NDArray embed = hooks.at(HookPoint.EMBED, scoped(m, w.get("embed.W_E").get(tokens)), cache);
        NDArray posEmbed = hooks.at(HookPoint.POS_EMBED,
                scoped(m, w.get("pos_embed.W_pos").get(new NDIndex("0:" + t))), cache);
        NDArray resid = embed.add(posEmbed);
        // Causal mask: 0 where a query may attend, -inf above the diagonal (TransformerLens's IGNORE).
        NDArray mask = causalMask(m, t);
        // Constants are arrays of this scope, not Java numbers: DJL turns a number argument into a
        // tensor over a Java buffer that it frees right after the call, but autograd keeps the divisor
        // for the backward pass, which then read freed memory (random NaNs in training).
        NDArray scale = m.create((float) Math.sqrt(e));

        for (int l = 0; l < c.nLayers(); l++) {
            resid = hooks.at(HookPoint.residPre(l), resid, cache);
            NDArray x = layerNorm(resid, w.processed() ? null : w.layer(l, "ln1.w"),
                    w.processed() ? null : w.layer(l, "ln1.b"));

            NDArray q = headsLinear(x, w.layer(l, "attn.W_Q"), w.layer(l, "attn.b_Q"));   // [B,H,T,E]
            NDArray k = headsLinear(x, w.layer(l, "attn.W_K"), w.layer(l, "attn.b_K"));
            NDArray v = headsLinear(x, w.layer(l, "attn.W_V"), w.layer(l, "attn.b_V"));

            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scale).add(mask);     // [B,H,Tq,Tk]
            NDArray pattern = hooks.at(HookPoint.pattern(l), scores.softmax(-1), cache);

            NDArray z = pattern.matMul(v).transpose(0, 2, 1, 3);                          // [B,T,H,E]
            z = hooks.at(HookPoint.z(l), z, cache);

            // out = sum_h z_h W_O[h] + b_O, as one matmul over the flattened (head, d_head) axis
            NDArray wO = scoped(m, w.layer(l, "attn.W_O").reshape(h * e, d));
            NDArray attnOut = z.reshape(batch, t, h * e).matMul(wO).add(w.layer(l, "attn.b_O"));
            resid = hooks.at(HookPoint.residPost(l), resid.add(attnOut), cache);
        }

        NDArray lnW = w.processed() ? null : w.get("ln_final.w");
        NDArray lnB = w.processed() ? null : w.get("ln_final.b");
        if (hooks.captures().contains(HookPoint.LOGITS)) {
            NDArray all = unembed(w, layerNorm(resid, lnW, lnB));
            cache.put(HookPoint.LOGITS, all);
            return all.get(new NDIndex(":, -1, :"));
        }
        // Only the last position is needed for next-token claims; LN is per position, so slicing
        // first gives the same numbers and skips T-1 rows of the largest matmul.
        NDArray last = resid.get(new NDIndex(":, -1, :"));
        return unembed(w, layerNorm(last, lnW, lnB));
    }

    private static NDArray unembed(Weights w, NDArray x) {
        // in place: the logits are the largest activation, and the matmul's output is not needed again
        return x.matMul(w.get("unembed.W_U")).addi(w.get("unembed.b_U"));
    }

    /**
     * x [B,T,D] times W [H,D,E] plus b [H,E], as [B,H,T,E]. [1, B*T, D] @ [H, D, E] broadcasts to one
     * batched matmul over the heads, which reads W where it lies: flattening W to [D, H*E] instead
     * would copy every projection matrix on every call.
     */
    private static NDArray headsLinear(NDArray x, NDArray weight, NDArray bias) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        long d = x.getShape().get(2);
        long h = weight.getShape().get(0);
        long e = weight.getShape().get(2);
        NDArray perHead = x.reshape(1, b * t, d).matMul(weight);                          // [H, B*T, E]
        perHead.addi(scoped(x.getManager(), bias.reshape(h, 1, e)));
        return perHead.reshape(h, b, t, e).transpose(1, 0, 2, 3);
    }

    /** Moves an array computed from a weight to the forward pass's manager, so its scope frees it. */
    private static NDArray scoped(NDManager m, NDArray a) {
        a.attach(m);
        return a;
    }

    /** TransformerLens's LayerNorm (or LNPre when w and b are null), eps 1e-5, biased variance. */
    static NDArray layerNorm(NDArray x, NDArray w, NDArray b) {
        NDArray centered = x.sub(x.mean(new int[] {-1}, true));
        NDManager m = x.getManager();
        NDArray scale = centered.pow(m.create(2f)).mean(new int[] {-1}, true).add(m.create(ModelConfig.LN_EPS)).sqrt();
        NDArray normalized = centered.div(scale);
        return w == null ? normalized : normalized.mul(w).add(b);
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

    /** Results of {@link #run}, copied to Java memory. */
    public record Run(int[][] tokens, float[][] logitsLast, Map<String, HostTensor> activations) {

        public HostTensor activation(String name) {
            HostTensor a = activations.get(name);
            if (a == null) {
                throw new IllegalArgumentException(name + " was not captured; add it with Hooks.capturing");
            }
            return a;
        }
    }

    /**
     * Runs a batch of equal-length token rows. All intermediate arrays live in a scope that is closed
     * before returning, so repeated runs do not grow native memory.
     */
    public Run run(int[][] tokens, Hooks hooks) {
        int t = tokens[0].length;
        for (int[] row : tokens) {
            if (row.length != t) {
                throw new IllegalArgumentException("rows of a batch must have equal length: "
                        + t + " and " + row.length);
            }
        }
        if (t > config().nCtx()) {
            throw new IllegalArgumentException("the prompt is " + t + " tokens but the model's context n_ctx is "
                    + config().nCtx() + (files == null ? "" : " (" + files.config() + ")") + "; shorten the prompt");
        }
        if (t == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
        long[] flat = new long[tokens.length * t];
        for (int i = 0; i < tokens.length; i++) {
            for (int j = 0; j < t; j++) {
                int id = tokens[i][j];
                if (id < 0 || id >= config().dVocab()) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of "
                            + config().dVocab());
                }
                flat[i * t + j] = id;
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = scope.create(flat, new Shape(tokens.length, t));
            Map<String, NDArray> cache = new LinkedHashMap<>();
            NDArray logits = forward(weights, ids, hooks, cache);
            // Read the rows straight out of native memory, without an intermediate [B*V] Java array.
            FloatBuffer values = logits.toType(DataType.FLOAT32, false).toByteBuffer(true).asFloatBuffer();
            float[][] last = new float[tokens.length][config().dVocab()];
            for (float[] row : last) {
                values.get(row);
            }
            Map<String, HostTensor> acts = new LinkedHashMap<>();
            cache.forEach((k, a) -> acts.put(k, new HostTensor(a.getShape().getShape(), a.toFloatArray())));
            return new Run(tokens, last, acts);
        }
    }

    /** Convenience for one prompt in TransformerLens's {@code model(str)} form (BOS prepended). */
    public Run run(String prompt, Hooks hooks) {
        return run(new int[][] {tokenizer.tokensWithBos(prompt)}, hooks);
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        manager.close();
    }
}
