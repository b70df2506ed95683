package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one forward pass does besides computing the logits: the hooks it applies, where captured activations go,
 * which columns of W_U it computes, the KV cache it fills or continues, and the shared-rows plan it follows.
 *
 * @param cache receives every captured hook point
 * @param unembed the columns of W_U to compute at the last position
 * @param kv null, or a cache that receives every layer's K and V; when it already holds positions, the pass
 *     computes the positions after them (one decoding step)
 * @param shared null, or the plan of rows that differ only in heads zeroed at {@code hook_z}
 *     ({@link SharedRows}); such a pass has no hooks of its own
 */
public record Pass(Hooks hooks, Map<String, NDArray> cache, Unembed unembed, KvCache kv, SharedRows shared) {

    public Pass {
        if (shared != null && (!hooks.replacements().isEmpty() || !hooks.captures().isEmpty() || kv != null)) {
            throw new IllegalArgumentException("a shared-rows pass is its own ablation: no hooks and no KV cache");
        }
    }

    /** Hooks and a cache, with the full unembedding and no KV cache. */
    public static Pass hooked(Hooks hooks, Map<String, NDArray> cache) {
        return new Pass(hooks, cache, Unembed.FULL, null, null);
    }

    /** The rows of a {@link SharedRows} plan, without hooks. */
    public static Pass shared(SharedRows rows, Unembed unembed) {
        return new Pass(Hooks.none(), new LinkedHashMap<>(), unembed, null, rows);
    }

    /** Positions already in the KV cache: where this pass's positions start. */
    int past() {
        return kv == null ? 0 : kv.length();
    }
}
