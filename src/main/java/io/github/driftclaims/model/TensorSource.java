package io.github.driftclaims.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * A checkpoint opened for reading one tensor at a time: the shapes are known (and checked against the
 * file's size) up front, the values are read on demand. The loader reads each tensor straight into
 * the libtorch memory it ends up in, so a 200 MB checkpoint never sits in Java memory.
 */
public interface TensorSource extends AutoCloseable {

    /** The tensors this reader can give as float32 (F32, F16, BF16), by key, in file order. */
    Map<String, long[]> shapes();

    /**
     * Tensors in the file whose dtype is not read (integers, booleans, float64...), key to dtype name:
     * a key the model needs is then reported as an unsupported dtype rather than as missing.
     */
    Map<String, String> unsupported();

    /**
     * Writes one tensor's values as float32 in native byte order into {@code dst}, from its position;
     * {@code dst} must have exactly 4 bytes per element remaining.
     */
    void readInto(String key, ByteBuffer dst);

    /** Reads one tensor as float32 into Java memory; for small checkpoints and tests. */
    default HostTensor load(String key) {
        long[] shape = shapes().get(key);
        if (shape == null) {
            throw new IllegalArgumentException("no float tensor " + key);
        }
        float[] values = new float[Math.toIntExact(HostTensor.numel(shape))];
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
        readInto(key, bytes);
        bytes.flip().asFloatBuffer().get(values);
        return new HostTensor(shape, values);
    }

    /** Every float tensor, in file order; for small checkpoints and tests. */
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
