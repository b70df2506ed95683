package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/**
 * Zero-ablation at {@code hook_z}, written once: z [B,T,H,E] times a keep mask [rows,1,H,1], 1 to keep a head and
 * 0 to zero it, one mask per batch row (rows = B) or one for the whole batch (rows = 1). The batch of
 * {@code Ablation.zeroHeads} and {@code zeroHeadsPerRow}, the rows of {@link SharedRows} and the kept part of the
 * mean and resample ablations all go through it, so that each computes the same product.
 */
public final class HeadMask {

    private HeadMask() {}

    /**
     * @param keep [rows * heads], row-major
     * @return z with each row's heads kept or zeroed, in z's manager
     */
    public static NDArray apply(NDArray z, float[] keep, int rows, int heads) {
        return z.mul(z.getManager().create(keep, new Shape(rows, 1, heads, 1)));
    }

    /** {@link #apply} as a {@code hook_z} replacement. */
    public static UnaryOperator<NDArray> hook(float[] keep, int rows, int heads) {
        return z -> apply(z, keep, rows, heads);
    }
}
