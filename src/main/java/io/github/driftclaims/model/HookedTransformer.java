package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An attention-only transformer as TransformerLens's {@code HookedTransformer} computes it, with its
 * hook points. The forward pass itself is {@link Forward}, top to bottom; this class holds the weights and runs
 * passes from and to Java arrays.
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

    /** The forward pass with the full unembedding and no KV cache; see {@link #forward(Weights, NDArray, Pass)}. */
    public static NDArray forward(Weights w, NDArray tokens, Hooks hooks, Map<String, NDArray> cache) {
        return forward(w, tokens, Pass.hooked(hooks, cache));
    }

    /**
     * The forward pass, with a KV cache to fill when {@code kv} is not null (and empty), so that {@link #step} can
     * go on from here; see {@link #forward(Weights, NDArray, Pass)}.
     */
    public static NDArray forward(Weights w, NDArray tokens, Hooks hooks, Map<String, NDArray> cache,
            Unembed unembed, KvCache kv) {
        return forward(w, tokens, new Pass(hooks, cache, unembed, kv, null));
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
        return forward(w, distinctTokens, Pass.shared(rows, unembed));
    }

    /**
     * The forward pass ({@link Forward}). Every array it creates belongs to {@code tokens}' manager, so the
     * caller's scope decides their lifetime (an inference scope closes them at once; a training step keeps them
     * for the backward pass).
     *
     * @param tokens [B, T] token ids; rows of equal length
     * @return logits at the last position, [B, V] (or [B, columns])
     */
    public static NDArray forward(Weights w, NDArray tokens, Pass pass) {
        return Forward.run(w, tokens, pass);
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
        if (tokens.getShape().get(1) != 1) {
            throw new IllegalArgumentException("a decoding step computes one position; got " + tokens.getShape());
        }
        return forward(w, tokens, new Pass(hooks, cache, unembed, kv, null));
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
        return run(tokens, hooks, Unembed.FULL);
    }

    /** {@link #run(int[][], Hooks)} with only some columns of W_U at the last position. */
    public Run run(int[][] tokens, Hooks hooks, Unembed unembed) {
        long[] flat = checkedIds(tokens, tokens[0].length);
        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = scope.create(flat, new Shape(tokens.length, tokens[0].length));
            Map<String, NDArray> cache = new LinkedHashMap<>();
            NDArray logits = forward(weights, ids, hooks, cache, unembed, null);
            return new Run(tokens, hostRows(logits, tokens.length, unembed.width(config())), HostArrays.host(cache));
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

    private long[] checkedIds(int[][] tokens, int length) {
        return HostArrays.checkedIds(tokens, length, config(), files);
    }

    private float[][] hostRows(NDArray logits, int rows, int width) {
        return HostArrays.rows(logits, rows, width, finiteSource);
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
