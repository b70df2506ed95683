package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Every layer's keys and values for the positions decoded so far, so that {@link HookedTransformer#step}
 * computes only the new position: its query attends to the stored keys, and its own K and V are written
 * after them. One buffer of [B, H, capacity, E] per layer and kind, allocated once: appending by
 * concatenation would copy the whole prefix at every step, which at attn-only-2l's shapes costs as much
 * memory traffic as the step's matmuls cost arithmetic.
 *
 * <p>The buffers live in a manager of their own; close the cache when decoding ends.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;
    private int length;

    /** Room for {@code capacity} positions of {@code batch} rows; {@code parent} is the model's manager. */
    public KvCache(NDManager parent, ModelConfig c, int batch, int capacity) {
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.keys = new NDArray[c.nLayers()];
        this.values = new NDArray[c.nLayers()];
        Shape shape = new Shape(batch, c.nHeads(), capacity, c.dHead());
        for (int l = 0; l < c.nLayers(); l++) {
            keys[l] = manager.zeros(shape, DataType.FLOAT32);
            values[l] = manager.zeros(shape, DataType.FLOAT32);
        }
    }

    /** Positions stored so far: the next position to compute. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Writes this layer's K and V ([B, H, t, E]) at positions {@code length .. length + t - 1} and returns
     * every stored position's K and V, [B, H, length + t, E], as arrays of {@code scope} (views of the
     * buffers, which the forward pass's scope may close without freeing the buffers).
     */
    NDArray[] append(int layer, NDArray k, NDArray v, NDManager scope) {
        int t = (int) k.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalArgumentException("the KV cache holds " + capacity + " positions; " + (length + t)
                    + " were asked for");
        }
        NDIndex written = new NDIndex(":, :, {}:{}, :", length, length + t);
        keys[layer].set(written, k);
        values[layer].set(written, v);
        NDIndex stored = new NDIndex(":, :, 0:{}, :", length + t);
        NDArray kAll = keys[layer].get(stored);
        NDArray vAll = values[layer].get(stored);
        kAll.attach(scope);
        vAll.attach(scope);
        return new NDArray[] {kAll, vAll};
    }

    /** Called once per forward, after every layer has appended its {@code t} positions. */
    void advance(int t) {
        length += t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
