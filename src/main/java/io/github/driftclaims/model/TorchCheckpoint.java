package io.github.driftclaims.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a {@code torch.save}d state dict (the zip format PyTorch has written since 1.6), the form of
 * Neel Nanda's {@code *final.pth} checkpoints, without Python.
 *
 * <p>The pickle inside is interpreted by {@link RestrictedUnpickler}, which knows only the handful of
 * globals a state dict needs; anything else is refused before it is called. Non-float tensors (the
 * {@code mask} buffer) are listed as unsupported and never read: the forward pass builds its own mask.
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
     * tensor's storage is read only when the loader asks for it. The pickle is read whole, up to
     * {@link Limits#PICKLE_BYTES}, and interpreted within the unpickler's limits.
     */
    public static TensorSource open(Path file) {
        ModelInputs.requireRegularFile(file, "checkpoint file not found", "check the path, or fetch the model first");
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
            Object root = new RestrictedUnpickler(file).load(pickleBytes(file, zip, zip.getEntry(prefix + "data.pkl")));
            if (!(root instanceof Map<?, ?> map)) {
                throw new ModelLoadException(file, "the pickle holds a " + describe(root)
                        + ", not a state dict", "save model.state_dict(), not the model object");
            }
            Map<String, LazyTensor> tensors = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            Map<String, String> unsupported = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new ModelLoadException(file, "the state dict has a key of type " + describe(e.getKey())
                            + "; state dict keys are strings", RESAVE);
                }
                if (e.getValue() instanceof LazyTensor t) {
                    if (t.storage().type().format == null) {
                        unsupported.put(key, t.storage().type().name());
                        continue;
                    }
                    Safetensors.checkFloat32Size(file, key, t.shape());
                    storageEntry(file, zip, prefix, t.storage()); // a bomb or a short entry is refused here, unread
                    tensors.put(key, t);
                    shapes.put(key, t.shape());
                }
            }
            ByteBuffer chunk = DTypes.chunk();
            return new OpenedCheckpoint(file, shapes, unsupported,
                    (key, dst) -> rebuild(file, zip, prefix, tensors.get(key), dst, chunk), zip);
        } catch (IOException | RuntimeException e) {
            throw OpenedCheckpoint.failedToOpen(file, zip, e);
        }
    }

    static final String RESAVE = "re-save the state dict with torch.save(model.state_dict(), path)";

    /** data.pkl, read whole but never past {@link Limits#PICKLE_BYTES}, whatever the archive claims. */
    private static byte[] pickleBytes(Path file, ZipFile zip, ZipEntry entry) throws IOException {
        String tooBig = "data.pkl is larger than " + Limits.named("PICKLE_BYTES", Limits.PICKLE_BYTES)
                + "; a state dict's pickle is a few kilobytes";
        if (entry.getSize() > Limits.PICKLE_BYTES) {
            throw new ModelLoadException(file, tooBig, RESAVE);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(Limits.PICKLE_BYTES + 1);
        }
        if (bytes.length > Limits.PICKLE_BYTES) {
            throw new ModelLoadException(file, tooBig, RESAVE);
        }
        return bytes;
    }

    /**
     * A tensor as the pickle describes it; its values are read from the archive on demand. Checked
     * when it is built ({@link #of}), so that every index computed from it later fits a long.
     *
     * @param span storage elements from {@code offset} the tensor reaches: its last element + 1 - offset
     */
    record LazyTensor(StorageRef storage, long offset, long[] shape, long[] stride, long span) {

        /** Refuses negative or overflowing numbers and any view that reaches past its storage. */
        static LazyTensor of(Path file, StorageRef storage, long offset, long[] shape, long[] stride) {
            if (shape.length > Limits.TENSOR_DIMS) {
                throw corrupt(file, "a tensor has " + shape.length + " dimensions, more than "
                        + Limits.named("TENSOR_DIMS", Limits.TENSOR_DIMS));
            }
            if (stride.length != shape.length) {
                throw corrupt(file, "a tensor of shape " + Arrays.toString(shape) + " has " + stride.length
                        + " strides " + Arrays.toString(stride));
            }
            if (offset < 0 || Arrays.stream(shape).anyMatch(d -> d < 0) || Arrays.stream(stride).anyMatch(d -> d < 0)) {
                throw corrupt(file, "a tensor has a negative offset, size or stride (offset " + offset + ", shape "
                        + Arrays.toString(shape) + ", stride " + Arrays.toString(stride) + ")");
            }
            long span;
            try {
                long numel = HostTensor.numel(shape);
                long last = 0;
                for (int d = 0; d < shape.length; d++) {
                    last = Math.addExact(last, Math.multiplyExact(Math.max(shape[d] - 1, 0), stride[d]));
                }
                span = numel == 0 ? 0 : Math.addExact(last, 1);
                if (Math.addExact(offset, span) > storage.numel()) {
                    throw corrupt(file, "a tensor of shape " + Arrays.toString(shape) + ", stride "
                            + Arrays.toString(stride) + " at offset " + offset + " reaches element "
                            + (offset + span) + " of storage " + storage.key() + ", which has " + storage.numel());
                }
            } catch (ArithmeticException overflow) {
                throw corrupt(file, "a tensor's offset " + offset + ", shape " + Arrays.toString(shape)
                        + " and stride " + Arrays.toString(stride) + " overflow a long");
            }
            return new LazyTensor(storage, offset, shape, stride, span);
        }

        boolean contiguous() {
            long expected = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (shape[d] != 1 && stride[d] != expected) {
                    return false;
                }
                expected *= shape[d]; // no overflow: numel was computed exactly in of()
            }
            return true;
        }
    }

    static ModelLoadException corrupt(Path file, String detail) {
        return new ModelLoadException(file, "the checkpoint is corrupt: " + detail, RESAVE);
    }

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

    /**
     * A storage as the pickle names it; its bytes are read from the archive when a tensor uses it.
     * {@code numel * type.width} is checked not to overflow when the pickle is read.
     */
    record StorageRef(String key, StorageType type, long numel) {}

    /** The storage classes a state dict may reference, with their element width and float format (null: not read). */
    enum StorageType {
        FLOAT(4, DTypes.FloatFormat.F32), HALF(2, DTypes.FloatFormat.F16), BFLOAT16(2, DTypes.FloatFormat.BF16),
        DOUBLE(8, null), LONG(8, null), INT(4, null), SHORT(2, null), CHAR(1, null), BYTE(1, null), BOOL(1, null);

        final int width;
        final DTypes.FloatFormat format;

        StorageType(int width, DTypes.FloatFormat format) {
            this.width = width;
            this.format = format;
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

    /**
     * The archive entry of a storage, whose size as the archive declares it must be exactly what the
     * storage's elements need: checked from the central directory, before a byte is inflated.
     */
    private static ZipEntry storageEntry(Path file, ZipFile zip, String prefix, StorageRef storage) {
        ZipEntry entry = zip.getEntry(prefix + "data/" + storage.key());
        if (entry == null) {
            throw new ModelLoadException(file, "storage data/" + storage.key() + " is missing from the archive",
                    "the file is incomplete; fetch it again");
        }
        long declared = storage.numel() * storage.type().width; // exact: checked when the pickle was read
        if (entry.getSize() != declared) {
            throw corrupt(file, "storage data/" + storage.key() + " is " + entry.getSize() + " bytes in the archive "
                    + "but its " + storage.numel() + " " + storage.type() + " elements are " + declared);
        }
        return entry;
    }

    /**
     * A tensor that reaches the end of its storage has read every byte the archive declares for it: the
     * entry must end there. Its directory size was checked, but a deflated entry can inflate to more than
     * it declares (ZipFile checks neither size nor CRC); one more byte is inflated to see, never more.
     */
    private static void requireEndOfStorage(Path file, InputStream in, LazyTensor t) throws IOException {
        StorageRef storage = t.storage();
        if (t.offset() + t.span() == storage.numel() && in.read() != -1) {
            throw corrupt(file, "storage data/" + storage.key() + " inflates to more than the "
                    + storage.numel() * storage.type().width + " bytes its entry in the archive declares");
        }
    }

    /**
     * Writes a float32 tensor from its storage entry into {@code dst}, widening half precisions in Java.
     * Only the bytes the tensor needs are inflated: a storage entry that declares another size than
     * its elements need is refused before it is read, and one that ends early is reported. Strides
     * are honoured, so a transposed or sliced tensor reads correctly.
     */
    static void rebuild(Path file, ZipFile zip, String prefix, LazyTensor t, ByteBuffer dst, ByteBuffer chunk)
            throws IOException {
        StorageRef storage = t.storage();
        ZipEntry entry = storageEntry(file, zip, prefix, storage);
        DTypes.FloatFormat format = storage.type().format;
        long numel = HostTensor.numel(t.shape());
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(t.offset() * format.width);
            if (t.contiguous()) {
                DTypes.read(Channels.newChannel(in), format, dst, chunk);
                requireEndOfStorage(file, in, t);
                return;
            }
            // A view: its span of the storage is copied once (bounded by VIEW_SPAN_FACTOR), then gathered.
            if (t.span() > Limits.VIEW_SPAN_FACTOR * Math.max(numel, 1)) {
                throw corrupt(file, "a view of shape " + Arrays.toString(t.shape()) + " spans " + t.span()
                        + " elements of storage " + storage.key() + ", more than "
                        + Limits.named("VIEW_SPAN_FACTOR", Limits.VIEW_SPAN_FACTOR) + " times its own");
            }
            ByteBuffer span = ByteBuffer.allocate(Math.toIntExact(t.span() * format.width)).order(ByteOrder.LITTLE_ENDIAN);
            DTypes.readFully(Channels.newChannel(in), span);
            requireEndOfStorage(file, in, t);
            FloatBuffer out = dst.slice().order(dst.order()).asFloatBuffer();
            long[] shape = t.shape();
            long[] index = new long[shape.length];
            for (long i = 0; i < numel; i++) {
                long element = 0;
                for (int d = 0; d < shape.length; d++) {
                    element += index[d] * t.stride()[d];
                }
                out.put(DTypes.get(span, format, (int) (element * format.width)));
                for (int d = shape.length - 1; d >= 0; d--) {
                    if (++index[d] < shape[d]) {
                        break;
                    }
                    index[d] = 0;
                }
            }
            dst.position(dst.limit());
        } catch (java.io.EOFException e) {
            throw new ModelLoadException(file, "storage data/" + storage.key() + " ends before the bytes its "
                    + storage.numel() + " elements need", "the file is incomplete; fetch it again", e);
        }
    }
}
