package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code HookedTransformer.from_pretrained} does to the weights by default, in its order:
 * fold_ln, center_writing_weights, center_unembed, fold_value_biases.
 *
 * <p>None of these change the model's output distribution (the logits shift by a per-position
 * constant), but they change what hooks mean: after fold_value_biases, {@code hook_z} no longer
 * contains the value bias, so zero-ablating it leaves {@code b_V @ W_O} inside {@code b_O}. Claims
 * about ablation therefore depend on this step, and the raw path stays available.
 */
public final class WeightProcessing {

    private WeightProcessing() {}

    /** Returns new weights, created in {@code manager}; the input is left as it was. */
    public static Weights process(NDManager manager, Weights raw) {
        return process(manager, raw, false);
    }

    /**
     * Processes the weights in place and returns them; {@code raw} must not be used afterwards. The
     * loader uses this, so loading a 200 MB checkpoint never holds a second copy of the model.
     */
    public static Weights processConsuming(NDManager manager, Weights raw) {
        return process(manager, raw, true);
    }

    private static Weights process(NDManager manager, Weights raw, boolean consume) {
        if (raw.processed()) {
            throw new IllegalStateException("weights are already processed");
        }
        ModelConfig c = raw.config();
        Weights p;
        // Every intermediate lives in this scope; only the final tensors are moved to the caller's
        // manager, so processing a 200 MB checkpoint does not leave its temporaries behind. The large
        // matrices are updated in place, on a copy or (consume) on the raw arrays themselves.
        try (NDManager scope = manager.newSubManager()) {
            Weights own = WeightLayout.weights(c, copies(raw, scope, consume));
            p = foldValueBiases(centerUnembed(centerWritingWeights(foldLayerNorm(own, c))), c);
            WeightLayout.name(p);
            WeightLayout.arrays(p).values().forEach(a -> a.attach(manager));
        }
        return p;
    }

    /** The raw arrays by key, each the scope's own: a duplicate, or (consume) the array itself. */
    private static java.util.Map<String, NDArray> copies(Weights raw, NDManager scope, boolean consume) {
        java.util.Map<String, NDArray> p = WeightLayout.arrays(raw);
        p.replaceAll((k, v) -> {
            NDArray own = consume ? v : v.duplicate();
            own.attach(scope);
            return own;
        });
        return p;
    }

    /** fold_layer_norm(fold_biases=True, center_weights=True) for an attention-only model. */
    static Weights foldLayerNorm(Weights p, ModelConfig c) {
        List<Weights.Block> blocks = new ArrayList<>();
        for (Weights.Block k : p.blocks()) {
            // [d_model] -> [1, d_model, 1], to broadcast against [n_heads, d_model, d_head]
            NDArray w3 = k.ln1().w().reshape(1, c.dModel(), 1);
            NDArray b3 = k.ln1().b().reshape(1, c.dModel(), 1);
            NDArray bQ = foldInto(k.W_Q(), k.b_Q(), w3, b3);
            NDArray bK = foldInto(k.W_K(), k.b_K(), w3, b3);
            NDArray bV = foldInto(k.W_V(), k.b_V(), w3, b3);
            blocks.add(new Weights.Block(k.W_Q(), k.W_K(), k.W_V(), k.W_O(), bQ, bK, bV, k.b_O(), null));
        }
        NDArray w = p.ln_final().w();
        NDArray b = p.ln_final().b();
        NDArray wU = p.W_U();
        // b @ W_U, as TransformerLens's (W_U * b[:, None]).sum(-2) but without a W_U-sized temporary (99 MB
        // for attn-only-2l): the peak memory of a load is set by this step.
        NDArray bU = p.b_U().add(b.reshape(1, c.dModel()).matMul(wU).reshape(c.dVocab()));
        NDArray scaled = wU.muli(w.reshape(c.dModel(), 1));
        scaled.subi(scaled.mean(new int[] {0}, true));
        return new Weights(c, p.W_E(), p.W_pos(), blocks, null, wU, bU);
    }

    /** One projection's share of fold_ln: returns the new bias; scales and centres {@code wx} in place. */
    private static NDArray foldInto(NDArray wx, NDArray bx, NDArray w3, NDArray b3) {
        NDArray folded = bx.add(wx.mul(b3).sum(new int[] {1}));
        NDArray scaled = wx.muli(w3);
        scaled.subi(scaled.mean(new int[] {1}, true));
        return folded;
    }

    /** Components that write to the residual stream get zero mean over d_model (LN removes it anyway). */
    static Weights centerWritingWeights(Weights p) {
        NDArray wE = centerLast(p.W_E());
        NDArray wPos = centerLast(p.W_pos());
        List<Weights.Block> blocks = new ArrayList<>();
        for (Weights.Block k : p.blocks()) {
            NDArray wO = centerLast(k.W_O());
            NDArray bO = k.b_O().sub(k.b_O().mean());
            blocks.add(new Weights.Block(k.W_Q(), k.W_K(), k.W_V(), wO, k.b_Q(), k.b_K(), k.b_V(), bO, k.ln1()));
        }
        return new Weights(p.config(), wE, wPos, blocks, p.ln_final(), p.W_U(), p.b_U());
    }

    /** Softmax is shift invariant, so the unembed can have zero mean over the vocabulary. */
    static Weights centerUnembed(Weights p) {
        NDArray wU = centerLast(p.W_U());
        NDArray bU = p.b_U().sub(p.b_U().mean());
        return new Weights(p.config(), p.W_E(), p.W_pos(), p.blocks(), p.ln_final(), wU, bU);
    }

    /** Attention rows sum to 1, so b_V's contribution is constant: move it into b_O and zero b_V. */
    static Weights foldValueBiases(Weights p, ModelConfig c) {
        List<Weights.Block> blocks = new ArrayList<>();
        for (Weights.Block k : p.blocks()) {
            NDArray bV = k.b_V().reshape(c.nHeads(), c.dHead(), 1);
            NDArray folded = bV.mul(k.W_O()).sum(new int[] {0, 1});
            blocks.add(new Weights.Block(k.W_Q(), k.W_K(), k.W_V(), k.W_O(), k.b_Q(), k.b_K(), k.b_V().zerosLike(),
                    k.b_O().add(folded), k.ln1()));
        }
        return new Weights(c, p.W_E(), p.W_pos(), blocks, p.ln_final(), p.W_U(), p.b_U());
    }

    /** In place: the arrays here are processing's own copies, and the largest are 100 MB each. */
    private static NDArray centerLast(NDArray x) {
        return x.subi(x.mean(new int[] {-1}, true));
    }
}
