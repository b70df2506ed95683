package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, NDArray> p = new LinkedHashMap<>();
        // Every intermediate lives in this scope; only the final tensors are moved to the caller's
        // manager, so processing a 200 MB checkpoint does not leave its temporaries behind. The large
        // matrices are updated in place, on a copy or (consume) on the raw arrays themselves.
        try (NDManager scope = manager.newSubManager()) {
            raw.params().forEach((k, v) -> {
                NDArray own = consume ? v : v.duplicate();
                own.attach(scope);
                p.put(k, own);
            });
            foldLayerNorm(p, c);
            centerWritingWeights(p, c);
            centerUnembed(p);
            foldValueBiases(p, c);
            p.forEach((k, v) -> {
                v.setName(k);
                v.attach(manager);
            });
        }
        return new Weights(c, p, true);
    }

    /** fold_layer_norm(fold_biases=True, center_weights=True) for an attention-only model. */
    static void foldLayerNorm(Map<String, NDArray> p, ModelConfig c) {
        for (int l = 0; l < c.nLayers(); l++) {
            String a = "blocks." + l + ".attn.";
            NDArray w = p.remove("blocks." + l + ".ln1.w");
            NDArray b = p.remove("blocks." + l + ".ln1.b");
            // [d_model] -> [1, d_model, 1], to broadcast against [n_heads, d_model, d_head]
            NDArray w3 = w.reshape(1, c.dModel(), 1);
            NDArray b3 = b.reshape(1, c.dModel(), 1);
            for (String x : new String[] {"Q", "K", "V"}) {
                NDArray wx = p.get(a + "W_" + x);
                p.put(a + "b_" + x, p.get(a + "b_" + x).add(wx.mul(b3).sum(new int[] {1})));
                NDArray scaled = wx.muli(w3);
                scaled.subi(scaled.mean(new int[] {1}, true));
            }
        }
        NDArray w = p.remove("ln_final.w");
        NDArray b = p.remove("ln_final.b");
        NDArray wU = p.get("unembed.W_U");
        // b @ W_U, as TransformerLens's (W_U * b[:, None]).sum(-2) but without a W_U-sized temporary (99 MB
        // for attn-only-2l): the peak memory of a load is set by this step.
        p.put("unembed.b_U", p.get("unembed.b_U").add(b.reshape(1, c.dModel()).matMul(wU).reshape(c.dVocab())));
        NDArray scaled = wU.muli(w.reshape(c.dModel(), 1));
        scaled.subi(scaled.mean(new int[] {0}, true));
    }

    /** Components that write to the residual stream get zero mean over d_model (LN removes it anyway). */
    static void centerWritingWeights(Map<String, NDArray> p, ModelConfig c) {
        p.put("embed.W_E", centerLast(p.get("embed.W_E")));
        p.put("pos_embed.W_pos", centerLast(p.get("pos_embed.W_pos")));
        for (int l = 0; l < c.nLayers(); l++) {
            String a = "blocks." + l + ".attn.";
            p.put(a + "W_O", centerLast(p.get(a + "W_O")));
            NDArray bO = p.get(a + "b_O");
            p.put(a + "b_O", bO.sub(bO.mean()));
        }
    }

    /** Softmax is shift invariant, so the unembed can have zero mean over the vocabulary. */
    static void centerUnembed(Map<String, NDArray> p) {
        p.put("unembed.W_U", centerLast(p.get("unembed.W_U")));
        NDArray bU = p.get("unembed.b_U");
        p.put("unembed.b_U", bU.sub(bU.mean()));
    }

    /** Attention rows sum to 1, so b_V's contribution is constant: move it into b_O and zero b_V. */
    static void foldValueBiases(Map<String, NDArray> p, ModelConfig c) {
        for (int l = 0; l < c.nLayers(); l++) {
            String a = "blocks." + l + ".attn.";
            NDArray bV = p.get(a + "b_V").reshape(c.nHeads(), c.dHead(), 1);
            NDArray folded = bV.mul(p.get(a + "W_O")).sum(new int[] {0, 1});
            p.put(a + "b_O", p.get(a + "b_O").add(folded));
            p.put(a + "b_V", p.get(a + "b_V").zerosLike());
        }
    }

    /** In place: the arrays here are processing's own copies, and the largest are 100 MB each. */
    private static NDArray centerLast(NDArray x) {
        return x.subi(x.mean(new int[] {-1}, true));
    }
}
