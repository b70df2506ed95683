package io.github.driftclaims.model;

import java.util.Map;

/**
 * A checkpoint opened for reading one tensor at a time: the shapes are known up front, the values are
 * read on demand. The loader moves each tensor into libtorch memory before reading the next, so a
 * 200 MB checkpoint never sits in Java memory whole.
 */
public interface TensorSource extends AutoCloseable {

    /** Float tensors by TransformerLens key, in file order. */
    Map<String, long[]> shapes();

    /** Reads one tensor as float32. */
    HostTensor load(String key);

    /** Every tensor, in file order; for small checkpoints and tests. */
    default Map<String, HostTensor> loadAll() {
        Map<String, HostTensor> out = new java.util.LinkedHashMap<>();
        for (String key : shapes().keySet()) {
            out.put(key, load(key));
        }
        return out;
    }

    @Override
    void close();
}
