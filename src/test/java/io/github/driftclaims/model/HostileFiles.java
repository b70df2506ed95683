package io.github.driftclaims.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds checkpoints as an attacker would: pickles written opcode by opcode, torch.save-style zip
 * archives with any storages, and safetensors files with any header. Starts from the tiny fixture's
 * tensors, so that an unmodified build is a valid checkpoint.
 */
final class HostileFiles {

    private HostileFiles() {}

    /** Pickle protocol 2, one opcode at a time. */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle proto() {
            return op(0x80, 2);
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        /** BININT1, BININT or LONG1, as Python's pickler chooses. */
        Pickle integer(BigInteger v) {
            if (v.signum() >= 0 && v.bitLength() <= 8) {
                return op('K', v.intValue());
            }
            if (v.bitLength() < 32) {
                op('J');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v.intValue()).array());
                return this;
            }
            byte[] be = v.toByteArray();
            op(0x8a, be.length);
            for (int i = be.length - 1; i >= 0; i--) {
                out.write(be[i]);
            }
            return this;
        }

        Pickle integer(long v) {
            return integer(BigInteger.valueOf(v));
        }

        Pickle ints(long... values) {
            mark();
            for (long v : values) {
                integer(v);
            }
            return op('t');
        }

        Pickle mark() {
            return op('(');
        }

        Pickle repeat(int times, int... opcodes) {
            for (int i = 0; i < times; i++) {
                op(opcodes);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** One pickled tensor: {@code _rebuild_tensor_v2(storage, offset, shape, stride, False, OrderedDict())}. */
    record Tensor(String key, String storageClass, String storageKey, BigInteger numel, BigInteger offset,
            long[] shape, long[] stride) {

        /** A contiguous float32 tensor filling its own storage. */
        static Tensor contiguous(String key, String storageKey, long[] shape) {
            long[] stride = new long[shape.length];
            long s = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                stride[d] = s;
                s *= shape[d];
            }
            return new Tensor(key, "FloatStorage", storageKey, BigInteger.valueOf(s), BigInteger.ZERO, shape, stride);
        }

        Tensor withStorage(String storageClass, BigInteger numel, BigInteger offset) {
            return new Tensor(key, storageClass, storageKey, numel, offset, shape, stride);
        }

        Tensor withStride(long... newStride) {
            return new Tensor(key, storageClass, storageKey, numel, offset, shape, newStride);
        }

        void write(Pickle p) {
            p.str(key).global("torch._utils", "_rebuild_tensor_v2").mark().mark().str("storage")
                    .global("torch", storageClass).str(storageKey).str("cpu").integer(numel).op('t').op('Q')
                    .integer(offset).ints(shape).ints(stride).op(0x89)
                    .global("collections", "OrderedDict").op(')', 'R').op('t', 'R');
        }
    }

    /** The pickle of an OrderedDict state dict of these tensors, as torch.save writes it. */
    static byte[] stateDictPickle(List<Tensor> tensors) {
        Pickle p = new Pickle().proto().global("collections", "OrderedDict").op(')', 'R').mark();
        tensors.forEach(t -> t.write(p));
        return p.op('u', '.').bytes();
    }

    /** The tiny fixture's tensors as pickled tensors (storage key = index) and their float32 storages. */
    record StateDictParts(List<Tensor> tensors, Map<String, byte[]> storages) {
        static StateDictParts tiny() {
            List<Tensor> tensors = new ArrayList<>();
            Map<String, byte[]> storages = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, HostTensor> e : tinyTensors().entrySet()) {
                String storageKey = Integer.toString(i++);
                tensors.add(Tensor.contiguous(e.getKey(), storageKey, e.getValue().shape()));
                storages.put(storageKey, floats(e.getValue().data()));
            }
            return new StateDictParts(tensors, storages);
        }

        StateDictParts with(int index, Tensor t) {
            List<Tensor> copy = new ArrayList<>(tensors);
            copy.set(index, t);
            return new StateDictParts(copy, storages);
        }

        void writePth(Path file) {
            HostileFiles.writePth(file, stateDictPickle(tensors), storages, false);
        }
    }

    static Map<String, HostTensor> tinyTensors() {
        return new LinkedHashMap<>(Safetensors.read(Golden.DIR.resolve("model.safetensors")));
    }

    static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** A torch.save-style archive: {@code archive/data.pkl} and {@code archive/data/<key>}, stored or deflated. */
    static void writePth(Path file, byte[] pickle, Map<String, byte[]> storages, boolean deflate) {
        // Built in memory and written at once: the zip stream's many small writes are slow as system calls.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "archive/data.pkl", pickle, deflate);
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                put(zip, "archive/data/" + e.getKey(), e.getValue(), deflate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(ZipOutputStream zip, String name, byte[] content, boolean deflate) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        if (!deflate) {
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * A torch.save archive of the tiny state dict, written by hand so that storage {@code bombKey}'s
     * deflated entry can inflate to far more than its directory declares: its real bytes, then
     * {@code zeroMegabytes} MiB of zeros, in about 1 KB per MiB (a 2 MB file inflating to 1.9 GB).
     *
     * @param declaredSize the size the local header and central directory give the entry
     */
    static void writeBombPth(Path file, String bombKey, int zeroMegabytes, long declaredSize) {
        StateDictParts parts = StateDictParts.tiny();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        int entries = 0;
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("archive/data.pkl", stateDictPickle(parts.tensors()));
        parts.storages().forEach((k, v) -> all.put("archive/data/" + k, v));
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            boolean bomb = e.getKey().equals("archive/data/" + bombKey);
            byte[] data = bomb ? deflatedWithZeros(e.getValue(), zeroMegabytes) : e.getValue();
            CRC32 crc = new CRC32();
            crc.update(e.getValue()); // ZipFile checks no CRC; this one is right for the real bytes only
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            long size = bomb ? declaredSize : data.length;
            int offset = zip.size();
            ByteBuffer local = le(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                    .putShort((short) (bomb ? 8 : 0)).putInt(0).putInt((int) crc.getValue()).putInt(data.length)
                    .putInt((int) size).putShort((short) name.length).putShort((short) 0).put(name);
            zip.writeBytes(local.array());
            zip.writeBytes(data);
            ByteBuffer central = le(46 + name.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                    .putShort((short) 0).putShort((short) (bomb ? 8 : 0)).putInt(0).putInt((int) crc.getValue())
                    .putInt(data.length).putInt((int) size).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name);
            directory.writeBytes(central.array());
            entries++;
        }
        int directoryOffset = zip.size();
        zip.writeBytes(directory.toByteArray());
        zip.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt(directory.size()).putInt(directoryOffset).putShort((short) 0)
                .array());
        try {
            Files.write(file, zip.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A raw deflate stream of {@code prefix} then {@code megabytes} MiB of zeros, without deflating them
     * all: once the window holds only zeros, the block a sync flush ends for one more MiB of zeros is the
     * same every time, so it is deflated once and repeated.
     */
    static byte[] deflatedWithZeros(byte[] prefix, int megabytes) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] mib = new byte[1 << 20];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(syncFlushed(d, prefix));
            if (megabytes > 0) {
                out.writeBytes(syncFlushed(d, mib)); // after this the window is all zeros
            }
            if (megabytes > 1) {
                byte[] block = syncFlushed(d, mib);
                if (!java.util.Arrays.equals(block, syncFlushed(d, mib))) {
                    throw new IllegalStateException("the deflater's block for a MiB of zeros is not repeatable");
                }
                for (int i = 1; i < megabytes; i++) {
                    out.writeBytes(block);
                }
            }
            d.finish();
            byte[] buf = new byte[64];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] syncFlushed(Deflater d, byte[] input) {
        d.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length || !d.needsInput());
        return out.toByteArray();
    }

    /** A safetensors file split into its header (as JSON) and its data section. */
    record SafetensorsParts(JsonObject header, byte[] data) {

        static SafetensorsParts of(Path file) {
            try {
                return of(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @throws RuntimeException when the bytes do not hold a parsable header */
        static SafetensorsParts of(byte[] all) {
            int len = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            JsonObject header = JsonParser.parseString(new String(all, 8, len, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            return new SafetensorsParts(header, java.util.Arrays.copyOfRange(all, 8 + len, all.length));
        }

        static SafetensorsParts tiny() {
            return of(Golden.DIR.resolve("model.safetensors"));
        }

        JsonObject entry(String key) {
            return header.getAsJsonObject(key);
        }

        void write(Path file) {
            writeSafetensors(file, header.toString(), data);
        }
    }

    /** A safetensors file with exactly this header text (any length field right for it) and data. */
    static void writeSafetensors(Path file, String headerText, byte[] data) {
        byte[] h = headerText.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model directory: the tiny fixture's config and tokenizer, and the given checkpoint file name. */
    static Path modelDir(Path dir) {
        try {
            for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
                Files.copy(Golden.DIR.resolve(f), dir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
