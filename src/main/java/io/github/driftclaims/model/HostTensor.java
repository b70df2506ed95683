package io.github.driftclaims.model;

import java.util.Arrays;

/**
 * A float32 tensor in Java memory, row-major. Checkpoint readers produce these so that every dtype
 * is widened to float32 before any NDArray exists (BF16 NDArrays abort the JVM in DJL 0.36).
 */
public record HostTensor(long[] shape, float[] data) {

    public HostTensor {
        long n = numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
