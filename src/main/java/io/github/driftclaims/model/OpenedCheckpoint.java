package io.github.driftclaims.model;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * A checkpoint file held open for {@link TensorSource}: the shapes read from its header or pickle, a
 * way to read one tensor, and the file handle to release. Both formats open into this.
 */
final class OpenedCheckpoint implements TensorSource {

    /** Writes one tensor's float32 values into a buffer with exactly the room they need. */
    @FunctionalInterface
    interface Reader {
        void read(String key, ByteBuffer dst) throws IOException;
    }

    private final Path file;
    private final Map<String, long[]> shapes;
    private final Map<String, String> unsupported;
    private final Reader reader;
    private final Closeable handle;

    OpenedCheckpoint(Path file, Map<String, long[]> shapes, Map<String, String> unsupported, Reader reader,
            Closeable handle) {
        this.file = file;
        this.shapes = Collections.unmodifiableMap(shapes); // keeps the file order
        this.unsupported = Collections.unmodifiableMap(unsupported);
        this.reader = reader;
        this.handle = handle;
    }

    @Override
    public Map<String, long[]> shapes() {
        return shapes;
    }

    @Override
    public Map<String, String> unsupported() {
        return unsupported;
    }

    @Override
    public void readInto(String key, ByteBuffer dst) {
        long[] shape = shapes.get(key);
        if (shape == null) {
            throw new IllegalArgumentException("no float tensor " + key + " in " + file);
        }
        long need = 4 * HostTensor.numel(shape); // bounded by Limits.TENSOR_BYTES when the file was opened
        if (dst.remaining() != need) {
            throw new IllegalArgumentException("tensor " + key + " needs " + need + " bytes, the buffer has "
                    + dst.remaining());
        }
        try {
            reader.read(key, dst);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read tensor data: " + e, "fetch the file again", e);
        }
    }

    @Override
    public void close() {
        try {
            handle.close();
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be closed: " + e, "", e);
        }
    }

    /**
     * Closes {@code handle} after {@code failure} while opening, and rethrows the failure as a
     * ModelLoadException when it is an I/O error.
     */
    static RuntimeException failedToOpen(Path file, Closeable handle, Exception failure) {
        try {
            handle.close();
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
        if (failure instanceof IOException io) {
            return new ModelLoadException(file, "cannot be read: " + io, "fetch the file again", io);
        }
        return (RuntimeException) failure;
    }
}
