package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.file.Path;
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

    /**
     * The checkpoint whose forward passes must stay finite, named when one does not; null for weights
     * made in memory (a diverging training run reports its NaN rather than stopping on it).
     */
    private final Path finiteSource;

    /** A model loaded from {@code files}: its every forward is checked finite, naming the checkpoint. */
    HookedTransformer(NDManager manager, ModelFiles files, Weights weights, ModelTokenizer tokenizer) {
        this(manager, files, weights, tokenizer, files == null ? null : files.checkpoint());
    }

    private HookedTransformer(NDManager manager, ModelFiles files, Weights weights, ModelTokenizer tokenizer,
            Path finiteSource) {
        this.manager = manager;
        this.files = files;
        this.weights = weights;
        this.tokenizer = tokenizer;
        this.finiteSource = finiteSource;
    }

    /** A model over weights already in memory (the trainer's); takes ownership of manager and tokenizer. */
    public static HookedTransformer of(ModelFiles files, Weights weights, ModelTokenizer tokenizer, NDManager manager) {
        return new HookedTransformer(manager, files, weights, tokenizer, null);
    }

    /**
     * A model from weights alone, with no files and no tokenizer, for callers that feed token ids
     * directly (benchmarks on synthetic weights). Takes ownership of {@code manager};
     * {@link #tokenizer()} and {@link #files()} are null.
     */
    public static HookedTransformer ofWeights(NDManager manager, Weights weights) {
        return new HookedTransformer(manager, null, weights, null, null);
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

    /** The forward pass with the full unembedding and no KV cache; see {@link #forward(Weights, NDArray, Hooks, Map, Unembed, KvCache)}. */
    public static NDArray forward(Weights w, NDArray tokens, Hooks hooks, Map<String, NDArray> cache) {
        return forward(w, tokens, hooks, cache, Unembed.FULL, null);
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
     * @param unembed the columns of W_U to compute at the last position
     * @param kv when not null (and empty), receives every layer's K and V, so that {@link #step} can go on from here
     * @return logits at the last position, [B, V] (or [B, columns])
     */
    public static NDArray forward(Weights w, NDArray tokens, Hooks hooks, Map<String, NDArray> cache,
            Unembed unembed, KvCache kv) {
        return forward(w, tokens, hooks, cache, unembed, kv, null);
    }

    /**
     * The forward pass of rows that differ only in heads zeroed at {@code hook_z}, each layer computed once per
     * distinct input to it ({@link SharedRows}). No hooks, no cache: the plan is the ablation. Only the last
     * position is read out, so the last layer computes only the last position's query and output (its query
     * attends to every key, so it needs no mask).
     *
     * @param distinctTokens [rows.groups(0), T]: {@link SharedRows#distinctTokens}
     * @return logits at the last position of every row asked for, [rows.rows(), V] (or [rows, columns])
     */
    public static NDArray forward(Weights w, NDArray distinctTokens, SharedRows rows, Unembed unembed) {
        return forward(w, distinctTokens, Hooks.none(), new LinkedHashMap<>(), unembed, null, rows);
    }

    private static NDArray forward(Weights w, NDArray tokens, Hooks hooks, Map<String, NDArray> cache,
            Unembed unembed, KvCache kv, SharedRows shared) {
        ModelConfig c = w.config();
        hooks.requireKnown(c.nLayers());
        int t = (int) tokens.getShape().get(1);
        NDManager m = tokens.getManager();

        NDArray resid = embed(w, tokens, 0, hooks, cache);
        // Causal mask: 0 where a query may attend, -inf above the diagonal (TransformerLens's IGNORE).
        NDArray mask = causalMask(m, t);
        NDArray scale = attentionScale(m, c);

        for (int l = 0; l < c.nLayers(); l++) {
            // Shared rows read out only the last position: the last layer's other queries would be discarded.
            boolean lastOnly = shared != null && l == c.nLayers() - 1;
            resid = hooks.at(HookPoint.residPre(l), resid, cache);
            NDArray x = layerNorm(resid, w.processed() ? null : w.block(l).ln1().w(),
                    w.processed() ? null : w.block(l).ln1().b());

            // Each input is x, unless its per-head hook is used (then each head's own LayerNorm'd copy).
            NDArray q = headsLinear(lastOnly ? x.get(LAST) : headInput(w, l, HookPoint.qInput(l), resid, x, hooks, cache),
                    w.block(l).W_Q(), w.block(l).b_Q());
            NDArray k = headsLinear(headInput(w, l, HookPoint.kInput(l), resid, x, hooks, cache),
                    w.block(l).W_K(), w.block(l).b_K());                     // [B,H,T,E]
            NDArray v = headsLinear(headInput(w, l, HookPoint.vInput(l), resid, x, hooks, cache),
                    w.block(l).W_V(), w.block(l).b_V());
            if (kv != null) {
                kv.append(l, k, v, m);
            }

            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scale);                // [B,H,Tq,Tk]
            if (!lastOnly) {
                scores = scores.add(mask);
            }
            NDArray pattern = hooks.at(HookPoint.pattern(l), scores.softmax(-1), cache);

            NDArray z = pattern.matMul(v).transpose(0, 2, 1, 3);                          // [B,Tq,H,E]
            z = hooks.at(HookPoint.z(l), z, cache);
            if (shared != null) {
                // To the next level's rows, this layer's heads zeroed as each row asks.
                NDArray[] next = shared.expand(l, z, lastOnly ? resid.get(LAST) : resid);
                z = next[0];
                resid = next[1];
            }

            resid = hooks.at(HookPoint.residPost(l), resid.add(attnOut(w, l, z)), cache);
        }
        if (shared != null) {
            resid = shared.toRows(resid);
        }
        if (kv != null) {
            kv.advance(t);
        }
        return unembedLast(w, resid, hooks, cache, unembed);
    }

    /**
     * One incremental decoding step: the same computation as {@link #forward} for the position after the
     * {@code kv.length()} already decoded, given their keys and values. Only the new position's Q, K and V
     * are computed; its query attends to every stored key and its own (a causal mask over one query masks
     * nothing). Hooks apply as in {@link #forward}, on activations of one position: {@code hook_pattern}
     * is [B,H,1,T], {@code hook_z} [B,1,H,E], so a z-ablation applies at every step.
     *
     * @param tokens [B, 1] the new position's token ids
     * @return logits at the new position, [B, V] (or [B, columns])
     */
    public static NDArray step(Weights w, KvCache kv, NDArray tokens, Hooks hooks, Map<String, NDArray> cache,
            Unembed unembed) {
        ModelConfig c = w.config();
        hooks.requireKnown(c.nLayers());
        NDManager m = tokens.getManager();

        NDArray resid = embed(w, tokens, kv.length(), hooks, cache);
        NDArray scale = attentionScale(m, c);

        for (int l = 0; l < c.nLayers(); l++) {
            resid = hooks.at(HookPoint.residPre(l), resid, cache);
            NDArray x = layerNorm(resid, w.processed() ? null : w.block(l).ln1().w(),
                    w.processed() ? null : w.block(l).ln1().b());

            NDArray q = headsLinear(headInput(w, l, HookPoint.qInput(l), resid, x, hooks, cache),
                    w.block(l).W_Q(), w.block(l).b_Q());                     // [B,H,1,E]
            NDArray[] kvAll = kv.append(l, headsLinear(headInput(w, l, HookPoint.kInput(l), resid, x, hooks, cache),
                    w.block(l).W_K(), w.block(l).b_K()),
                    headsLinear(headInput(w, l, HookPoint.vInput(l), resid, x, hooks, cache),
                    w.block(l).W_V(), w.block(l).b_V()), m);
            NDArray k = kvAll[0];                                                         // [B,H,T,E]
            NDArray v = kvAll[1];

            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scale);                // [B,H,1,T]
            NDArray pattern = hooks.at(HookPoint.pattern(l), scores.softmax(-1), cache);

            NDArray z = pattern.matMul(v).transpose(0, 2, 1, 3);                          // [B,1,H,E]
            z = hooks.at(HookPoint.z(l), z, cache);

            resid = hooks.at(HookPoint.residPost(l), resid.add(attnOut(w, l, z)), cache);
        }
        kv.advance(1);
        return unembedLast(w, resid, hooks, cache, unembed);
    }

    /** Token plus position embeddings for positions {@code start .. start + T - 1}, each hooked. */
    private static NDArray embed(Weights w, NDArray tokens, int start, Hooks hooks, Map<String, NDArray> cache) {
        NDManager m = tokens.getManager();
        int t = (int) tokens.getShape().get(1);
        NDArray embed = hooks.at(HookPoint.EMBED, scoped(m, w.W_E().get(tokens)), cache);
        NDArray posEmbed = hooks.at(HookPoint.POS_EMBED,
                scoped(m, w.W_pos().get(new NDIndex(start + ":" + (start + t)))), cache);
        return embed.add(posEmbed);
    }

    /**
     * 1 / sqrt(d_head) as an array of this scope, not a Java number: DJL turns a number argument into a
     * tensor over a Java buffer that it frees right after the call, but autograd keeps the divisor for the
     * backward pass, which then read freed memory (random NaNs in training).
     */
    private static NDArray attentionScale(NDManager m, ModelConfig c) {
        return m.create((float) Math.sqrt(c.dHead()));
    }

    /** out = sum_h z_h W_O[h] + b_O, as one matmul over the flattened (head, d_head) axis. */
    private static NDArray attnOut(Weights w, int l, NDArray z) {
        ModelConfig c = w.config();
        long batch = z.getShape().get(0);
        long t = z.getShape().get(1);
        NDArray wO = scoped(z.getManager(), w.block(l).W_O().reshape(c.nHeads() * c.dHead(), c.dModel()));
        return z.reshape(batch, t, (long) c.nHeads() * c.dHead()).matMul(wO).add(w.block(l).b_O());
    }

    /** The final LayerNorm and the unembedding, of the last position (of every position when logits are captured). */
    private static NDArray unembedLast(Weights w, NDArray resid, Hooks hooks, Map<String, NDArray> cache,
            Unembed unembed) {
        NDArray lnW = w.processed() ? null : w.ln_final().w();
        NDArray lnB = w.processed() ? null : w.ln_final().b();
        if (hooks.captures().contains(HookPoint.LOGITS)) {
            NDArray all = unembed(w, layerNorm(resid, lnW, lnB), unembed);
            cache.put(HookPoint.LOGITS, all);
            return all.get(new NDIndex(":, -1, :"));
        }
        // Only the last position is needed for next-token claims; LN is per position, so slicing
        // first gives the same numbers and skips T-1 rows of the largest matmul.
        NDArray last = resid.get(new NDIndex(":, -1, :"));
        return unembed(w, layerNorm(last, lnW, lnB), unembed);
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
    private static NDArray headInput(Weights w, int l, String name, NDArray resid, NDArray x, Hooks hooks,
            Map<String, NDArray> cache) {
        if (!hooks.touches(name)) {
            return x;
        }
        NDArray perHead = hooks.at(name, resid.expandDims(2).repeat(2, w.config().nHeads()), cache);
        return layerNorm(perHead, w.processed() ? null : w.block(l).ln1().w(), w.processed() ? null : w.block(l).ln1().b());
    }

    /**
     * x [B,T,D] (or one input per head, [B,T,H,D]) times W [H,D,E] plus b [H,E], as [B,H,T,E]. [1, B*T, D] @ [H, D, E]
     * broadcasts to one batched matmul over the heads, which reads W where it lies: flattening W to [D, H*E] instead
     * would copy every projection matrix on every call.
     */
    private static NDArray headsLinear(NDArray x, NDArray weight, NDArray bias) {
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

    /** The last position of every row, kept as an axis: [B, 1, ...]. */
    private static final NDIndex LAST = new NDIndex(":, -1:");

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
        return run(tokens, hooks, Unembed.FULL);
    }

    /** {@link #run(int[][], Hooks)} with only some columns of W_U at the last position. */
    public Run run(int[][] tokens, Hooks hooks, Unembed unembed) {
        long[] flat = checkedIds(tokens, tokens[0].length);
        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = scope.create(flat, new Shape(tokens.length, tokens[0].length));
            Map<String, NDArray> cache = new LinkedHashMap<>();
            NDArray logits = forward(weights, ids, hooks, cache, unembed, null);
            return new Run(tokens, hostRows(logits, tokens.length, unembed.width(config())), host(cache));
        }
    }

    /**
     * Logits at the last position of rows that differ only in heads zeroed at {@code hook_z}, each layer computed
     * once per distinct input ({@link SharedRows}); the same numbers as {@link #run} with
     * {@code Ablation.zeroHeadsPerRow}, up to float rounding. [rows][width].
     */
    public float[][] runShared(SharedRows rows, Unembed unembed) {
        if (!rows.config().equals(config())) {
            throw new IllegalArgumentException("the rows were planned for another model's shape");
        }
        int[][] distinct = rows.distinctTokens();
        long[] flat = checkedIds(distinct, distinct[0].length);
        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = scope.create(flat, new Shape(distinct.length, distinct[0].length));
            return hostRows(forward(weights, ids, rows, unembed), rows.rows(), unembed.width(config()));
        }
    }

    /**
     * Starts incremental decoding: runs {@code prefix} once, keeping every layer's K and V, with room for
     * {@code steps} more positions. Each {@link Decoding#next} then computes one position per row. Close it.
     */
    public Decoding decode(int[][] prefix, Hooks hooks, Unembed unembed, int steps) {
        int t = prefix[0].length;
        long[] flat = checkedIds(prefix, t + steps);
        KvCache kv = new KvCache(manager, config(), prefix.length, t + steps);
        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = scope.create(flat, new Shape(prefix.length, t));
            NDArray logits = forward(weights, ids, hooks, new LinkedHashMap<>(), unembed, kv);
            return new Decoding(kv, hooks, unembed, hostRows(logits, prefix.length, unembed.width(config())));
        } catch (RuntimeException e) {
            kv.close();
            throw e;
        }
    }

    /** Incremental decoding over a {@link KvCache}; from {@link #decode}. */
    public final class Decoding implements AutoCloseable {
        private final KvCache kv;
        private final Hooks hooks;
        private final Unembed unembed;
        private float[][] logits;

        private Decoding(KvCache kv, Hooks hooks, Unembed unembed, float[][] logits) {
            this.kv = kv;
            this.hooks = hooks;
            this.unembed = unembed;
            this.logits = logits;
        }

        /** The logits at the last position decoded so far, [B][width]. */
        public float[][] logits() {
            return logits;
        }

        /** Positions decoded so far. */
        public int length() {
            return kv.length();
        }

        /** Appends one token per row and returns the logits at that new position. */
        public float[][] next(int[] tokens) {
            return nextWith(hooks, tokens);
        }

        /** {@link #next} with other hooks for this step only (a test that dropping a hook is visible uses it). */
        public float[][] nextWith(Hooks stepHooks, int[] tokens) {
            if (kv.length() >= kv.capacity()) {
                throw new IllegalStateException("decoding was started for " + kv.capacity() + " positions");
            }
            int[][] rows = new int[tokens.length][];
            for (int i = 0; i < tokens.length; i++) {
                rows[i] = new int[] {tokens[i]};
            }
            long[] flat = checkedIds(rows, kv.length() + 1);
            try (NDManager scope = manager.newSubManager()) {
                NDArray ids = scope.create(flat, new Shape(tokens.length, 1));
                NDArray out = step(weights, kv, ids, stepHooks, new LinkedHashMap<>(), unembed);
                logits = hostRows(out, tokens.length, unembed.width(config()));
                return logits;
            }
        }

        @Override
        public void close() {
            kv.close();
        }
    }

    /** The rows as one flat id array, refusing ragged rows, ids outside the vocabulary and {@code length} beyond n_ctx. */
    private long[] checkedIds(int[][] tokens, int length) {
        int t = tokens[0].length;
        for (int[] row : tokens) {
            if (row.length != t) {
                throw new IllegalArgumentException("rows of a batch must have equal length: "
                        + t + " and " + row.length);
            }
        }
        if (length > config().nCtx()) {
            throw new IllegalArgumentException("the prompt is " + length + " tokens but the model's context n_ctx is "
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
        return flat;
    }

    /**
     * Reads [rows, width] logits straight out of native memory, without an intermediate [B*V] Java array.
     * For a loaded checkpoint they must be finite: every activation flows into them (an overflow in the
     * residual stream becomes NaN at the final LayerNorm), and finite weights near the float limit
     * would otherwise print tables of NaN as results.
     */
    private float[][] hostRows(NDArray logits, int rows, int width) {
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

    private static Map<String, HostTensor> host(Map<String, NDArray> cache) {
        Map<String, HostTensor> acts = new LinkedHashMap<>();
        cache.forEach((k, a) -> acts.put(k, new HostTensor(a.getShape().getShape(), a.toFloatArray())));
        return acts;
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
