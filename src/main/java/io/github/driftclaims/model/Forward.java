package io.github.driftclaims.model;

import static io.github.driftclaims.model.ForwardParts.LAST;
import static io.github.driftclaims.model.ForwardParts.attentionScale;
import static io.github.driftclaims.model.ForwardParts.attnOut;
import static io.github.driftclaims.model.ForwardParts.causalMask;
import static io.github.driftclaims.model.ForwardParts.embed;
import static io.github.driftclaims.model.ForwardParts.headInput;
import static io.github.driftclaims.model.ForwardParts.headsLinear;
import static io.github.driftclaims.model.ForwardParts.layerNorm;
import static io.github.driftclaims.model.ForwardParts.unembedLast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The forward pass of an attention-only transformer as TransformerLens computes it, top to bottom, with its hook
 * points; the same code for a whole prompt, a decoding step over a {@link KvCache} and a {@link SharedRows} plan.
 * The arithmetic of the parts (embedding, projections, LayerNorm, unembedding) is in {@link ForwardParts}.
 */
final class Forward {

    private Forward() {}

    /**
     * Every array it creates belongs to {@code tokens}' manager, so the caller's scope decides their lifetime.
     *
     * @param tokens [B, T] token ids, rows of equal length; with a {@link Pass#shared} plan its distinct rows
     * @return logits at the last position, [B, V] (or [B, columns]; [rows, ...] with a shared plan)
     */
    static NDArray run(Weights w, NDArray tokens, Pass p) {
        ModelConfig c = w.config();
        p.hooks().requireKnown(c.nLayers());
        int t = (int) tokens.getShape().get(1);
        NDManager m = tokens.getManager();
        int past = p.past();

        NDArray resid = embed(w, tokens, past, p);
        // Causal mask over this pass's own positions: 0 where a query may attend, -inf above the diagonal
        // (TransformerLens's IGNORE). A decoding step's one query attends to every stored key and its own: no mask.
        NDArray mask = past == 0 ? causalMask(m, t) : null;
        NDArray scale = attentionScale(m, c);

        for (int l = 0; l < c.nLayers(); l++) {
            // Shared rows read out only the last position: the last layer's other queries would be discarded.
            boolean lastOnly = p.shared() != null && l == c.nLayers() - 1;
            resid = p.hooks().at(HookPoint.residPre(l), resid, p.cache());
            NDArray z = attention(w, l, resid, p, m, lastOnly ? null : mask, scale, lastOnly);
            if (p.shared() != null) {
                // To the next level's rows, this layer's heads zeroed as each row asks.
                NDArray[] next = p.shared().expand(l, z, lastOnly ? resid.get(LAST) : resid);
                z = next[0];
                resid = next[1];
            }
            resid = p.hooks().at(HookPoint.residPost(l), resid.add(attnOut(w, l, z)), p.cache());
        }
        if (p.shared() != null) {
            resid = p.shared().toRows(resid);
        }
        if (p.kv() != null) {
            p.kv().advance(t);
        }
        return unembedLast(w, resid, p);
    }

    /**
     * Layer l's attention up to {@code hook_z}: [B, Tq, H, E]. Each of Q, K, V reads ln1 of the residual stream
     * (or, when its per-head hook is used, each head's own copy). With a KV cache the new K and V are stored, and
     * a query after stored positions attends to all of them.
     *
     * @param m the pass's manager, which receives the stored K and V
     * @param mask [Tq, Tk] added to the scores, or null
     * @param lastOnly compute only the last position's query (its query attends to every key: no mask)
     */
    private static NDArray attention(Weights w, int l, NDArray resid, Pass p, NDManager m, NDArray mask,
            NDArray scale, boolean lastOnly) {
        Weights.Block b = w.block(l);
        NDArray x = layerNorm(resid, b.ln1());
        NDArray q = headsLinear(lastOnly ? x.get(LAST) : headInput(w, l, HookPoint.qInput(l), resid, x, p),
                b.W_Q(), b.b_Q());                                                        // [B,H,Tq,E]
        NDArray k = headsLinear(headInput(w, l, HookPoint.kInput(l), resid, x, p), b.W_K(), b.b_K());
        NDArray v = headsLinear(headInput(w, l, HookPoint.vInput(l), resid, x, p), b.W_V(), b.b_V());
        if (p.kv() != null) {
            NDArray[] stored = p.kv().append(l, k, v, m);
            if (p.past() > 0) {
                // every position decoded so far, this one last: [B,H,Tk,E]
                k = stored[0];
                v = stored[1];
            }
        }

        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scale);                    // [B,H,Tq,Tk]
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray pattern = p.hooks().at(HookPoint.pattern(l), scores.softmax(-1), p.cache());

        NDArray z = pattern.matMul(v).transpose(0, 2, 1, 3);                              // [B,Tq,H,E]
        return p.hooks().at(HookPoint.z(l), z, p.cache());
    }
}
