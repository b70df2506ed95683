package io.github.driftclaims.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * Reads a {@code torch.save}d state dict (the zip format PyTorch has written since 1.6), the form of
 * Neel Nanda's {@code *final.pth} checkpoints, without Python.
 *
 * <p>The pickle inside is interpreted by {@link RestrictedUnpickler}, which knows only the handful of
 * globals a state dict needs; anything else is refused before it is called. Non-float tensors (the
 * {@code mask} buffer) are skipped: the forward pass builds its own mask.
 */
public final class TorchCheckpoint {

    private TorchCheckpoint() {}

    public static Map<String, HostTensor> read(Path file) {
        try (TensorSource source = open(file)) {
            return source.loadAll();
        }
    }

    /**
     * Unpickles the state dict's structure (no tensor data yet) and keeps the archive open, so each
     * tensor's storage is read only when the loader asks for it.
     */
    public static TensorSource open(Path file) {
        if (!Files.exists(file)) {
            throw new ModelLoadException(file, "checkpoint file not found",
                    "check the path, or fetch the model first");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelLoadException(file, "not a zip archive (" + e.getMessage() + "); only the zip "
                    + "format of torch.save is read", "re-save it with a PyTorch >= 1.6 torch.save", e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e, "fetch the file again", e);
        }
        try {
            String prefix = archivePrefix(file, zip);
            Object root;
            try (InputStream pkl = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
                root = new RestrictedUnpickler(file, zip, prefix).load(pkl);
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new ModelLoadException(file, "the pickle holds a " + describe(root)
                        + ", not a state dict", "save model.state_dict(), not the model object");
            }
            Map<String, LazyTensor> tensors = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof LazyTensor t) {
                    tensors.put(String.valueOf(e.getKey()), t);
                    shapes.put(String.valueOf(e.getKey()), t.shape());
                }
            }
            return new OpenedCheckpoint(file, shapes, key -> {
                LazyTensor t = tensors.get(key);
                return rebuild(file, zip, prefix, t.storage(), t.offset(), t.shape(), t.stride());
            }, zip);
        } catch (PickleException e) {
            throw OpenedCheckpoint.failedToOpen(file, zip, new ModelLoadException(file,
                    "the pickle could not be read: " + e.getMessage(),
                    "re-save the state dict with torch.save(model.state_dict(), path)", e));
        } catch (IOException | RuntimeException e) {
            throw OpenedCheckpoint.failedToOpen(file, zip, e);
        }
    }

    /** A float tensor as the pickle describes it; its values are read from the archive on demand. */
    record LazyTensor(StorageRef storage, long offset, long[] shape, long[] stride) {}

    /** torch.save puts every entry under one top-level folder whose name varies with the file name. */
    private static String archivePrefix(Path file, ZipFile zip) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith("data.pkl")) {
                return name.substring(0, name.length() - "data.pkl".length());
            }
        }
        throw new ModelLoadException(file, "a zip archive without data.pkl, so not a torch.save file",
                "point at the *final.pth checkpoint");
    }

    static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /** A storage as the pickle names it; its bytes are read from the archive when a tensor uses it. */
    record StorageRef(String key, StorageType type, long numel) {}

    /** The storage classes a state dict may reference, with their element width. */
    enum StorageType {
        FLOAT(4, true), HALF(2, true), BFLOAT16(2, true), DOUBLE(8, false), LONG(8, false),
        INT(4, false), SHORT(2, false), CHAR(1, false), BYTE(1, false), BOOL(1, false);

        final int width;
        final boolean floating;

        StorageType(int width, boolean floating) {
            this.width = width;
            this.floating = floating;
        }

        static StorageType forClassName(String name) {
            return switch (name) {
                case "FloatStorage" -> FLOAT;
                case "HalfStorage" -> HALF;
                case "BFloat16Storage" -> BFLOAT16;
                case "DoubleStorage" -> DOUBLE;
                case "LongStorage" -> LONG;
                case "IntStorage" -> INT;
                case "ShortStorage" -> SHORT;
                case "CharStorage" -> CHAR;
                case "ByteStorage" -> BYTE;
                case "BoolStorage" -> BOOL;
                default -> null;
            };
        }
    }

    /** A tensor the project does not use (integer or boolean buffers); kept out of the state dict. */
    record SkippedTensor(StorageType type) {}

    /**
     * Builds a float32 tensor from a storage, an element offset, a shape and strides, widening half
     * precisions in Java. Strides are honoured, so a transposed or sliced tensor reads correctly.
     */
    static HostTensor rebuild(Path file, ZipFile zip, String prefix, StorageRef storage, long offset, long[] shape,
            long[] stride) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "data/" + storage.key());
        if (entry == null) {
            throw new ModelLoadException(file, "storage data/" + storage.key() + " is missing from the archive",
                    "the file is incomplete; fetch it again");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        if (bytes.length < storage.numel() * storage.type().width) {
            throw new ModelLoadException(file, "storage data/" + storage.key() + " has " + bytes.length
                    + " bytes, fewer than its " + storage.numel() + " elements need", "fetch the file again");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(HostTensor.numel(shape));
        float[] values = new float[n];
        long[] index = new long[shape.length];
        for (int i = 0; i < n; i++) {
            long element = offset;
            for (int d = 0; d < shape.length; d++) {
                element += index[d] * stride[d];
            }
            if (element >= storage.numel()) {
                throw new ModelLoadException(file, "a tensor reads element " + element + " of storage "
                        + storage.key() + " which has " + storage.numel(), "the checkpoint is corrupt");
            }
            values[i] = switch (storage.type()) {
                case FLOAT -> buf.getFloat((int) (element * 4));
                case HALF -> DTypes.f16ToFloat(buf.getShort((int) (element * 2)));
                default -> DTypes.bf16ToFloat(buf.getShort((int) (element * 2)));
            };
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new HostTensor(shape, values);
    }
}
