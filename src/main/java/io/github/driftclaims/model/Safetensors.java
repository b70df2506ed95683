package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format, read and written in Java: an 8-byte little-endian header length, a JSON
 * header of {name: {dtype, shape, data_offsets}}, then raw little-endian data.
 *
 * <p>Reading by hand rather than through DJL's {@code NDList.decode} lets F16 and BF16 be widened
 * before an NDArray exists, and lets a truncated file be reported with its byte counts.
 */
public final class Safetensors {

    /** Bytes per element of every dtype the safetensors format defines, so that any entry's span can be checked. */
    private static final Map<String, Integer> DTYPE_WIDTHS = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1), Map.entry("F8_E5M2", 1),
            Map.entry("F8_E4M3", 1), Map.entry("I16", 2), Map.entry("U16", 2), Map.entry("F16", 2),
            Map.entry("BF16", 2), Map.entry("I32", 4), Map.entry("U32", 4), Map.entry("F32", 4),
            Map.entry("I64", 8), Map.entry("U64", 8), Map.entry("F64", 8));

    private static final String REEXPORT = "re-export the checkpoint with the safetensors library";

    private Safetensors() {}

    public static Map<String, HostTensor> read(Path file) {
        try (TensorSource source = open(file)) {
            return source.loadAll();
        }
    }

    /** One header entry, checked: where its bytes are in the data section, and how to read them. */
    private record Entry(String key, String dtype, long[] shape, long begin, long end) {}

    /**
     * Opens the file and reads and checks its header the way the reference reader does: strict JSON,
     * every dtype known, each entry's span exactly its dtype size times its shape, and the spans
     * contiguous, in order and covering the data section exactly. Tensors are read by
     * {@link TensorSource#readInto}.
     */
    public static TensorSource open(Path file) {
        long size = ModelInputs.requireRegularFile(file, "checkpoint file not found",
                "check the path, or fetch the model first");
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e, "check the file's permissions", e);
        }
        try {
            if (size < 8) {
                throw truncated(file, "the file has " + size + " bytes, fewer than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            DTypes.readFully(ch.position(0), lenBuf);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > Limits.SAFETENSORS_HEADER_BYTES) {
                throw new ModelLoadException(file, "header length " + headerLen + " is outside 1.."
                        + Limits.named("SAFETENSORS_HEADER_BYTES", Limits.SAFETENSORS_HEADER_BYTES)
                        + "; this is not a safetensors file", "point at a model.safetensors file");
            }
            if (8 + headerLen > size) {
                throw truncated(file, "the header needs " + (8 + headerLen) + " bytes, the file has " + size);
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            DTypes.readFully(ch, headerBuf);
            JsonObject header = ModelInputs.strictJsonObject(file,
                    ModelInputs.utf8(file, headerBuf.array(), headerBuf.capacity(), REEXPORT), "the header",
                    REEXPORT);
            long dataStart = 8 + headerLen;
            List<Entry> entries = entries(file, header, size - dataStart);
            Map<String, DTypes.FloatFormat> formats = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            Map<String, String> unsupported = new LinkedHashMap<>();
            Map<String, Entry> byKey = new LinkedHashMap<>();
            for (Entry e : entries) {
                byKey.put(e.key(), e);
                switch (e.dtype()) {
                    case "F32", "F16", "BF16" -> {
                        formats.put(e.key(), DTypes.FloatFormat.valueOf(e.dtype()));
                        shapes.put(e.key(), e.shape());
                        checkFloat32Size(file, e.key(), e.shape());
                    }
                    default -> unsupported.put(e.key(), e.dtype());
                }
            }
            ByteBuffer chunk = DTypes.chunk();
            return new OpenedCheckpoint(file, shapes, unsupported, (key, dst) -> {
                Entry e = byKey.get(key);
                try {
                    DTypes.read(ch.position(dataStart + e.begin()), formats.get(key), dst, chunk);
                } catch (java.io.EOFException eof) {
                    throw truncated(file, "tensor " + Excerpt.of(key) + " ends early (the file shrank while open?)");
                }
            }, ch);
        } catch (IOException | RuntimeException e) {
            throw OpenedCheckpoint.failedToOpen(file, ch, e);
        }
    }

    /**
     * The header's entries, in header order, each checked; then the spans sorted by offset must tile
     * the data section exactly (no gap, no overlap, nothing outside it), as the reference reader requires.
     */
    private static List<Entry> entries(Path file, JsonObject header, long dataLen) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            String key = e.getKey();
            if (key.equals("__metadata__")) {
                if (!e.getValue().isJsonObject()) {
                    throw bad(file, "__metadata__ is not an object of strings");
                }
                continue;
            }
            if (entries.size() >= Limits.TENSORS) {
                throw bad(file, "more tensors than " + Limits.named("TENSORS", Limits.TENSORS));
            }
            if (!e.getValue().isJsonObject()) {
                throw bad(file, "entry " + Excerpt.of(key) + " is not an object {dtype, shape, data_offsets}");
            }
            JsonObject spec = e.getValue().getAsJsonObject();
            JsonElement dtypeJson = spec.get("dtype");
            if (dtypeJson == null || !dtypeJson.isJsonPrimitive() || !dtypeJson.getAsJsonPrimitive().isString()) {
                throw bad(file, "entry " + Excerpt.of(key) + " has no dtype string");
            }
            String dtype = dtypeJson.getAsString();
            Integer width = DTYPE_WIDTHS.get(dtype);
            if (width == null) {
                throw bad(file, "entry " + Excerpt.of(key) + " has the unknown dtype " + Excerpt.of(dtype) + " (safetensors defines "
                        + new java.util.TreeSet<>(DTYPE_WIDTHS.keySet()) + ")");
            }
            long[] shape = longs(file, spec.get("shape"), "the shape of " + Excerpt.of(key), Limits.TENSOR_DIMS);
            long[] offsets = longs(file, spec.get("data_offsets"), "the data_offsets of " + Excerpt.of(key), 2);
            if (offsets.length != 2) {
                throw bad(file, "entry " + Excerpt.of(key) + " has " + offsets.length + " data_offsets, not [begin, end]");
            }
            long bytes;
            try {
                bytes = Math.multiplyExact(HostTensor.numel(shape), width);
            } catch (ArithmeticException overflow) {
                throw bad(file, "tensor " + Excerpt.of(key) + " of shape " + Arrays.toString(shape) + " has more bytes than a long holds");
            }
            if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes) {
                throw bad(file, "tensor " + Excerpt.of(key) + " spans data bytes " + offsets[0] + ".." + offsets[1]
                        + " but shape " + Arrays.toString(shape) + " of " + dtype + " needs exactly " + bytes);
            }
            entries.add(new Entry(key, dtype, shape, offsets[0], offsets[1]));
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long next = 0;
        for (Entry e : byOffset) {
            if (e.begin() < next) {
                throw bad(file, "tensor " + Excerpt.of(e.key()) + " (data bytes " + e.begin() + ".." + e.end()
                        + ") overlaps the tensor before it, which ends at " + next);
            }
            if (e.begin() > next) {
                throw bad(file, "tensor " + Excerpt.of(e.key()) + " starts at data byte " + e.begin()
                        + ", leaving a gap after byte " + next);
            }
            next = e.end();
        }
        if (next > dataLen) {
            throw truncated(file, "the tensors end at data byte " + next + " but the data section has " + dataLen
                    + " bytes");
        }
        if (next < dataLen) {
            throw bad(file, "the data section has " + dataLen + " bytes but the tensors use only " + next);
        }
        return entries;
    }

    /** A tensor must fit one float32 buffer (see {@link Limits#TENSOR_BYTES}). */
    static void checkFloat32Size(Path file, String key, long[] shape) {
        if (HostTensor.numel(shape) > Limits.TENSOR_BYTES / 4) {
            throw new ModelLoadException(file, "tensor " + Excerpt.of(key) + " of shape " + Arrays.toString(shape)
                    + " is more than " + Limits.named("TENSOR_BYTES", Limits.TENSOR_BYTES) + " as float32",
                    "split the checkpoint");
        }
    }

    /** A JSON array of at most {@code maxLength} non-negative integer literals. */
    private static long[] longs(Path file, JsonElement json, String what, int maxLength) {
        if (json == null || !json.isJsonArray()) {
            throw bad(file, what + " is not an array of integers");
        }
        JsonArray array = json.getAsJsonArray();
        if (array.size() > maxLength) {
            throw bad(file, what + " has " + array.size() + " entries, more than " + maxLength);
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ModelInputs.exactLong(file, array.get(i), what, REEXPORT);
            if (out[i] < 0) {
                throw bad(file, what + " holds the negative number " + out[i]);
            }
        }
        return out;
    }

    private static ModelLoadException bad(Path file, String detail) {
        return new ModelLoadException(file, "not a valid safetensors file: " + detail, REEXPORT);
    }

    private static ModelLoadException truncated(Path file, String detail) {
        return new ModelLoadException(file, "truncated safetensors file: " + detail,
                "the download or copy was interrupted; fetch the file again");
    }

    /**
     * Writes float32 tensors with keys in sorted order, so that the same tensors always give the same
     * bytes (the fixture's SHA-256 is part of its reproducibility record). Written to a temporary file
     * and moved into place, so a failure never leaves a partial checkpoint.
     */
    public static void write(Path file, Map<String, HostTensor> tensors) throws IOException {
        Map<String, HostTensor> sorted = new TreeMap<>(tensors);
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        header.add("__metadata__", meta);
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : sorted.entrySet()) {
            JsonObject spec = new JsonObject();
            spec.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            spec.add("shape", shape);
            JsonArray offs = new JsonArray();
            offs.add(offset);
            offset += 4L * e.getValue().data().length;
            offs.add(offset);
            spec.add("data_offsets", offs);
            header.add(e.getKey(), spec);
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8;
        byte[] headerPadded = new byte[padded];
        java.util.Arrays.fill(headerPadded, (byte) ' ');
        System.arraycopy(headerBytes, 0, headerPadded, 0, headerBytes.length);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(headerPadded);
            for (HostTensor t : sorted.values()) {
                ByteBuffer buf = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(t.data());
                out.write(buf.array());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
