package io.github.driftclaims.interp;

import io.github.driftclaims.model.HeadMask;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import java.util.Collection;

/**
 * Zero-ablation at {@code hook_z}, as the notebook's {@code ablate_heads}: the head's z is set to 0
 * before W_O, so the head contributes nothing to the residual stream except what weight processing
 * folded into {@code b_O}. Its attention pattern is computed as usual.
 */
public final class Ablation {

    private Ablation() {}

    /**
     * The keep mask of one row, [layer][head]: 1 for every head but {@code zeroed}, 0 for those; each head checked
     * against the model. The per-row masks of {@link #zeroHeadsPerRow} and {@code SharedRows.plan} are rows of it.
     */
    public static float[][] keep(ModelConfig c, Collection<Head> zeroed) {
        float[][] keep = new float[c.nLayers()][c.nHeads()];
        for (float[] row : keep) {
            java.util.Arrays.fill(row, 1f);
        }
        for (Head h : zeroed) {
            check(c, h);
            keep[h.layer()][h.head()] = 0f;
        }
        return keep;
    }

    /** The same heads zeroed in every row of the batch: one row's mask, broadcast over the batch. */
    public static Hooks zeroHeads(ModelConfig c, Collection<Head> heads) {
        return zeroHeadsPerRow(c, new float[][][] {keep(c, heads)});
    }

    /**
     * A different set of zeroed heads per batch row, so a whole ablation sweep runs as one batch.
     *
     * @param keep [row][layer][head], 1 to keep, 0 to zero
     */
    public static Hooks zeroHeadsPerRow(ModelConfig c, float[][][] keep) {
        Hooks hooks = Hooks.none();
        int rows = keep.length;
        for (int l = 0; l < c.nLayers(); l++) {
            float[] mask = new float[rows * c.nHeads()];
            boolean any = false;
            for (int r = 0; r < rows; r++) {
                for (int h = 0; h < c.nHeads(); h++) {
                    mask[r * c.nHeads() + h] = keep[r][l][h];
                    any |= keep[r][l][h] == 0f;
                }
            }
            if (any) {
                hooks = hooks.replacing(HookPoint.z(l), HeadMask.hook(mask, rows, c.nHeads()));
            }
        }
        return hooks;
    }

    /** Fails with the model's shape unless {@code h} is one of its heads. */
    public static void check(ModelConfig c, Head h) {
        if (h.layer() < 0 || h.layer() >= c.nLayers() || h.head() < 0 || h.head() >= c.nHeads()) {
            throw new IllegalArgumentException(h + " does not exist in a model with " + c.nLayers()
                    + " layers of " + c.nHeads() + " heads");
        }
    }

}
