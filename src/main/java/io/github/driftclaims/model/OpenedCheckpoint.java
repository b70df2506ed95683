package io.github.driftclaims.model;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A checkpoint file held open for {@link TensorSource}: the shapes read from its header or pickle, a
 * way to read one tensor, and the file handle to release. Both formats open into this.
 */
final class OpenedCheckpoint implements TensorSource {

    /** Reads one tensor's values from the open file. */
    @FunctionalInterface
    interface Reader {
        HostTensor read(String key) throws IOException;
    }

    private final Path file;
    private final Map<String, long[]> shapes;
    private final Reader reader;
    private final Closeable handle;

    OpenedCheckpoint(Path file, Map<String, long[]> shapes, Reader reader, Closeable handle) {
        this.file = file;
        this.shapes = java.util.Collections.unmodifiableMap(shapes); // keeps the file order
        this.reader = reader;
        this.handle = handle;
    }

    @Override
    public Map<String, long[]> shapes() {
        return shapes;
    }

    @Override
    public HostTensor load(String key) {
        try {
            return reader.read(key);
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
