package io.github.driftclaims.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
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

    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() {}

    public static Map<String, HostTensor> read(Path file) {
        try (TensorSource source = open(file)) {
            return source.loadAll();
        }
    }

    /** Opens the file and reads its header; tensors are read by {@link TensorSource#load}. */
    public static TensorSource open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file, "checkpoint file not found",
                    "check the path, or fetch the model first");
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e, "check the file's permissions", e);
        }
        try {
            long size = ch.size();
            if (size < 8) {
                throw truncated(file, "the file has " + size + " bytes, fewer than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER) {
                throw new ModelLoadException(file, "header length " + headerLen + " is not plausible; "
                        + "this is not a safetensors file", "point at a model.safetensors file");
            }
            if (8 + headerLen > size) {
                throw truncated(file, "the header needs " + (8 + headerLen) + " bytes, the file has " + size);
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            ch.read(headerBuf, 8);
            JsonObject header;
            try {
                header = JsonParser.parseString(new String(headerBuf.array(), StandardCharsets.UTF_8))
                        .getAsJsonObject();
            } catch (RuntimeException e) {
                throw new ModelLoadException(file, "the header is not a JSON object", "re-export the file", e);
            }
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            Map<String, JsonObject> specs = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            long largest = 0;
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonObject spec = e.getValue().getAsJsonObject();
                specs.put(e.getKey(), spec);
                JsonArray shapeJson = spec.getAsJsonArray("shape");
                long[] shape = new long[shapeJson.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeJson.get(i).getAsLong();
                }
                shapes.put(e.getKey(), shape);
                JsonArray offs = spec.getAsJsonArray("data_offsets");
                largest = Math.max(largest, offs.get(1).getAsLong() - offs.get(0).getAsLong());
            }
            if (largest > Integer.MAX_VALUE) {
                throw new ModelLoadException(file, "a tensor of " + largest + " bytes is larger than this reader "
                        + "handles (2 GiB)", "split the checkpoint");
            }
            // One read buffer, sized for the largest tensor, serves every tensor in turn; the file is not
            // mapped, since mapped pages stay resident for as long as the mapping lives.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(largest, 0)).order(ByteOrder.LITTLE_ENDIAN);
            return new OpenedCheckpoint(file, shapes,
                    key -> tensor(file, key, specs.get(key), ch, dataStart, dataLen, buffer), ch);
        } catch (IOException | RuntimeException e) {
            throw OpenedCheckpoint.failedToOpen(file, ch, e);
        }
    }

    private static HostTensor tensor(Path file, String name, JsonObject spec, FileChannel ch, long dataStart,
            long dataLen, ByteBuffer buffer) throws IOException {
        String dtype = spec.get("dtype").getAsString();
        JsonArray shapeJson = spec.getAsJsonArray("shape");
        long[] shape = new long[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsLong();
        }
        JsonArray offsets = spec.getAsJsonArray("data_offsets");
        long begin = offsets.get(0).getAsLong();
        long end = offsets.get(1).getAsLong();
        long n = HostTensor.numel(shape);
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new ModelLoadException(file, "tensor '" + name + "' has dtype " + dtype
                    + ", which a transformer checkpoint should not need (F32, F16, BF16 are read)",
                    "convert the checkpoint to float32");
        };
        if (end > dataLen) {
            throw truncated(file, "tensor '" + name + "' ends at data byte " + end + " but the data section has "
                    + dataLen + " bytes");
        }
        if (end - begin != n * width || begin < 0) {
            throw new ModelLoadException(file, "tensor '" + name + "' spans " + (end - begin)
                    + " bytes but shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                    + n * width, "re-export the checkpoint");
        }
        float[] values = new float[Math.toIntExact(n)];
        ByteBuffer slice = buffer.clear().limit(Math.toIntExact(end - begin)).slice().order(ByteOrder.LITTLE_ENDIAN);
        while (slice.hasRemaining()) {
            if (ch.read(slice, dataStart + begin + slice.position()) < 0) {
                throw truncated(file, "tensor '" + name + "' ends early");
            }
        }
        slice.flip();
        switch (dtype) {
            case "F32" -> slice.asFloatBuffer().get(values);
            case "BF16" -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = DTypes.bf16ToFloat(slice.getShort());
                }
            }
            default -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = DTypes.f16ToFloat(slice.getShort());
                }
            }
        }
        return new HostTensor(shape, values);
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
