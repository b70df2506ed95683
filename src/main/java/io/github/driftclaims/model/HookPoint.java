package io.github.driftclaims.model;

/**
 * Names of the points in the forward pass where an activation can be read or replaced, spelled as
 * TransformerLens spells them so that an experiment reads the same in Python and here.
 *
 * <p>Shapes (B batch, T positions, H heads, E d_head, D d_model, V d_vocab):
 * {@code hook_embed}, {@code hook_pos_embed}, {@code hook_resid_pre}, {@code hook_resid_post}: [B,T,D];
 * {@code hook_q_input}, {@code hook_k_input}, {@code hook_v_input}: [B,T,H,D], the residual stream as each head's
 * query, key or value reads it, before ln1 as in TransformerLens's {@code use_split_qkv_input} (computed only when
 * hooked or captured; ln1 is applied to the hooked value, so a replacement there is normalised as the model would);
 * {@code hook_pattern}: [B,H,T(query),T(key)]; {@code hook_z}: [B,T,H,E];
 * {@code logits}: [B,T,V] (computed only when captured; the last position is always returned).
 */
public final class HookPoint {

    /** Every point of a model with {@code layers} layers, in forward order. */
    public static java.util.List<String> all(int layers) {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(EMBED, POS_EMBED));
        for (int l = 0; l < layers; l++) {
            out.addAll(java.util.List.of(residPre(l), qInput(l), kInput(l), vInput(l), pattern(l), z(l), residPost(l)));
        }
        out.add(LOGITS);
        return out;
    }

    public static final String EMBED = "hook_embed";
    public static final String POS_EMBED = "hook_pos_embed";
    public static final String LOGITS = "logits";

    private HookPoint() {}

    public static String residPre(int layer) {
        return "blocks." + layer + ".hook_resid_pre";
    }

    /** The residual stream each head's query reads, [B,T,H,D], before ln1 (TransformerLens's name). */
    public static String qInput(int layer) {
        return "blocks." + layer + ".hook_q_input";
    }

    public static String kInput(int layer) {
        return "blocks." + layer + ".hook_k_input";
    }

    public static String vInput(int layer) {
        return "blocks." + layer + ".hook_v_input";
    }

    public static String pattern(int layer) {
        return "blocks." + layer + ".attn.hook_pattern";
    }

    public static String z(int layer) {
        return "blocks." + layer + ".attn.hook_z";
    }

    public static String residPost(int layer) {
        return "blocks." + layer + ".hook_resid_post";
    }
}
