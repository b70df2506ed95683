package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state-dict layout: TransformerLens's key names ({@code blocks.0.attn.W_Q}, ...) and shapes, and the
 * translation between named arrays and typed {@link Weights}. The only place that spells a key, used where
 * weights cross a file or a key-addressed consumer (loading, saving, hashing, the trainer's optimiser); the
 * forward pass and the experiments read the typed fields.
 */
public final class WeightLayout {

    private WeightLayout() {}

    /** What a parameter is, for the trainer's initialisation and its choice of what trains and decays. */
    public enum Role { EMBED, POS_EMBED, LN_WEIGHT, LN_BIAS, ATTN_WEIGHT, ATTN_BIAS, UNEMBED, UNEMBED_BIAS }

    /** One parameter of the raw (unprocessed) checkpoint. */
    public record Param(String key, long[] shape, Role role) {}

    /** Every parameter the raw checkpoint of an attention-only LN model holds, in state-dict order. */
    public static List<Param> params(ModelConfig c) {
        List<Param> out = new ArrayList<>();
        out.add(new Param("embed.W_E", new long[] {c.dVocab(), c.dModel()}, Role.EMBED));
        out.add(new Param("pos_embed.W_pos", new long[] {c.nCtx(), c.dModel()}, Role.POS_EMBED));
        for (int l = 0; l < c.nLayers(); l++) {
            String p = "blocks." + l + ".";
            out.add(new Param(p + "ln1.w", new long[] {c.dModel()}, Role.LN_WEIGHT));
            out.add(new Param(p + "ln1.b", new long[] {c.dModel()}, Role.LN_BIAS));
            for (String w : List.of("W_Q", "W_K", "W_V")) {
                out.add(new Param(p + "attn." + w, new long[] {c.nHeads(), c.dModel(), c.dHead()}, Role.ATTN_WEIGHT));
            }
            for (String b : List.of("b_Q", "b_K", "b_V")) {
                out.add(new Param(p + "attn." + b, new long[] {c.nHeads(), c.dHead()}, Role.ATTN_BIAS));
            }
            out.add(new Param(p + "attn.W_O", new long[] {c.nHeads(), c.dHead(), c.dModel()}, Role.ATTN_WEIGHT));
            out.add(new Param(p + "attn.b_O", new long[] {c.dModel()}, Role.ATTN_BIAS));
        }
        out.add(new Param("ln_final.w", new long[] {c.dModel()}, Role.LN_WEIGHT));
        out.add(new Param("ln_final.b", new long[] {c.dModel()}, Role.LN_BIAS));
        out.add(new Param("unembed.W_U", new long[] {c.dModel(), c.dVocab()}, Role.UNEMBED));
        out.add(new Param("unembed.b_U", new long[] {c.dVocab()}, Role.UNEMBED_BIAS));
        return out;
    }

    /** {@link #params}' keys and shapes. */
    public static Map<String, long[]> shapes(ModelConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        params(c).forEach(p -> m.put(p.key(), p.shape()));
        return m;
    }

    /**
     * Typed weights over the arrays of a raw state dict (every key of {@link #params}); the arrays are
     * used as they are, not copied.
     */
    public static Weights weights(ModelConfig c, Map<String, NDArray> byKey) {
        List<Weights.Block> blocks = new ArrayList<>();
        for (int l = 0; l < c.nLayers(); l++) {
            String p = "blocks." + l + ".";
            String a = p + "attn.";
            blocks.add(new Weights.Block(get(byKey, a + "W_Q"), get(byKey, a + "W_K"), get(byKey, a + "W_V"),
                    get(byKey, a + "W_O"), get(byKey, a + "b_Q"), get(byKey, a + "b_K"), get(byKey, a + "b_V"),
                    get(byKey, a + "b_O"), new Weights.Norm(get(byKey, p + "ln1.w"), get(byKey, p + "ln1.b"))));
        }
        return new Weights(c, get(byKey, "embed.W_E"), get(byKey, "pos_embed.W_pos"), blocks,
                new Weights.Norm(get(byKey, "ln_final.w"), get(byKey, "ln_final.b")),
                get(byKey, "unembed.W_U"), get(byKey, "unembed.b_U"));
    }

    /**
     * The weights' arrays by key, in state-dict order; processed weights have no LayerNorm keys (they are
     * folded away).
     */
    public static Map<String, NDArray> arrays(Weights w) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put("embed.W_E", w.W_E());
        m.put("pos_embed.W_pos", w.W_pos());
        for (int l = 0; l < w.blocks().size(); l++) {
            Weights.Block b = w.blocks().get(l);
            String p = "blocks." + l + ".";
            if (b.ln1() != null) {
                m.put(p + "ln1.w", b.ln1().w());
                m.put(p + "ln1.b", b.ln1().b());
            }
            m.put(p + "attn.W_Q", b.W_Q());
            m.put(p + "attn.W_K", b.W_K());
            m.put(p + "attn.W_V", b.W_V());
            m.put(p + "attn.b_Q", b.b_Q());
            m.put(p + "attn.b_K", b.b_K());
            m.put(p + "attn.b_V", b.b_V());
            m.put(p + "attn.W_O", b.W_O());
            m.put(p + "attn.b_O", b.b_O());
        }
        if (w.ln_final() != null) {
            m.put("ln_final.w", w.ln_final().w());
            m.put("ln_final.b", w.ln_final().b());
        }
        m.put("unembed.W_U", w.W_U());
        m.put("unembed.b_U", w.b_U());
        return m;
    }

    /** Names every array by its key (libtorch's error messages and DJL's debugging show the name). */
    static void name(Weights w) {
        arrays(w).forEach((k, a) -> a.setName(k));
    }

    private static NDArray get(Map<String, NDArray> byKey, String key) {
        NDArray a = byKey.get(key);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return a;
    }
}
