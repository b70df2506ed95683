package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader and writer at their edges, each refusal with the reason it gives. */
@DisplayName("A safetensors file at its edges")
class SafetensorsEdgesTest {

    @TempDir
    Path dir;

    Path file(String header, byte[] data) {
        Path f = dir.resolve("model.safetensors");
        HostileFiles.writeSafetensors(f, header, data);
        return f;
    }

    static String entry(String key, String dtype, String shape, long begin, long end) {
        return "\"" + key + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    Map<String, long[]> shapes(Path f) {
        try (TensorSource s = Safetensors.open(f)) {
            return s.shapes();
        }
    }

    @Test
    @DisplayName("refuses a file shorter than the 8-byte header length, and a header length of 0")
    void headerLength() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Files.write(f, new byte[7]);
        assertThatThrownBy(() -> shapes(f)).hasMessageContaining("the file has 7 bytes, fewer than the 8-byte header length");
        Files.write(f, new byte[8]);
        assertThatThrownBy(() -> shapes(f)).hasMessageContaining("header length 0 is outside 1..");
    }

    @Test
    @DisplayName("takes a header that ends at the file's last byte, and refuses one a byte longer than the file")
    void headerEnd() throws IOException {
        assertThat(shapes(file("{}", new byte[0]))).isEmpty();
        Path f = dir.resolve("short.safetensors");
        ByteBuffer b = ByteBuffer.allocate(8 + 2).order(ByteOrder.LITTLE_ENDIAN).putLong(3).put("{}".getBytes(StandardCharsets.UTF_8));
        Files.write(f, b.array());
        assertThatThrownBy(() -> shapes(f)).hasMessageContaining("the header needs 11 bytes, the file has 10");
    }

    @Test
    @DisplayName("takes a header length of exactly Limits.SAFETENSORS_HEADER_BYTES (then finds the file too short), and refuses one more")
    void headerLimit() throws IOException {
        for (long len : new long[] {Limits.SAFETENSORS_HEADER_BYTES, Limits.SAFETENSORS_HEADER_BYTES + 1}) {
            Path f = dir.resolve("big" + len + ".safetensors");
            Files.write(f, ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(len).array());
            if (len == Limits.SAFETENSORS_HEADER_BYTES) {
                assertThatThrownBy(() -> shapes(f)).hasMessageContaining("the header needs " + (8 + len) + " bytes");
            } else {
                assertThatThrownBy(() -> shapes(f)).hasMessageContaining("header length " + len + " is outside 1..");
            }
        }
    }

    @Test
    @DisplayName("takes tensors listed in any order, and zero-size ones, as long as they tile the data section")
    void entryOrder() {
        String header = "{" + entry("b", "F32", "[2]", 8, 16) + "," + entry("z", "F32", "[0]", 16, 16) + ","
                + entry("a", "F32", "[2]", 0, 8) + "}";
        Map<String, long[]> s = shapes(file(header, new byte[16]));
        assertThat(s.keySet()).containsExactlyInAnyOrder("a", "b", "z");
        assertThat(s.get("z")).containsExactly(0);
    }

    @Test
    @DisplayName("refuses a header of Limits.TENSORS + 1 tensors, naming the limit")
    void tensorCount() {
        // Only the refusal: a header of exactly Limits.TENSORS entries would take as long again (about 2 s) to parse,
        // and the `>=` -> `>` mutant, the off-by-one a test can catch here, is caught by this case alone.
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i <= Limits.TENSORS; i++) {
            h.append(i == 0 ? "" : ",").append(entry("t" + i, "F32", "[0]", 0, 0));
        }
        Path f = file(h.append("}").toString(), new byte[0]);
        assertThatThrownBy(() -> shapes(f)).hasMessageContaining("more tensors than the limit Limits.TENSORS");
    }

    @Test
    @DisplayName("takes a tensor of exactly Limits.TENSOR_BYTES / 4 elements and refuses one more (a sparse 1 GB file)")
    void float32Size() throws IOException {
        long max = Limits.TENSOR_BYTES / 4;
        for (long n : new long[] {max, max + 1}) {
            String header = "{" + entry("w", "F16", "[" + n + "]", 0, 2 * n) + "}";
            byte[] h = header.getBytes(StandardCharsets.UTF_8);
            Path f = dir.resolve("sparse" + n + ".safetensors");
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
                raf.write(h);
                raf.setLength(8 + h.length + 2 * n); // no data written: the reader checks sizes before values
            }
            if (n == max) {
                assertThat(shapes(f).get("w")).containsExactly(n);
            } else {
                assertThatThrownBy(() -> shapes(f)).hasMessageContaining("tensor 'w' of shape [" + n + "] is more than "
                        + "the limit Limits.TENSOR_BYTES");
            }
            Files.delete(f);
        }
    }

    @Test
    @DisplayName("writes a header padded with spaces to a multiple of 8 bytes, with format pt, that reads back the same tensors")
    void writeRoundTrip() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Map<String, HostTensor> t = Map.of("b", new HostTensor(new long[] {3}, new float[] {1, 2, 3}),
                "a", new HostTensor(new long[] {1, 2}, new float[] {-1, 0.5f}));
        Safetensors.write(f, t);
        byte[] all = Files.readAllBytes(f);
        long len = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(all, 8, (int) len, StandardCharsets.UTF_8);
        assertThat(len % 8).isZero();
        assertThat(header.strip().length()).isGreaterThan((int) len - 8);
        JsonObject j = JsonParser.parseString(header).getAsJsonObject();
        assertThat(j.getAsJsonObject("__metadata__").get("format").getAsString()).isEqualTo("pt");
        assertThat(all).hasSize((int) (8 + len + 4 * 5));
        Map<String, HostTensor> back = StateDict.read(f).tensors();
        assertThat(back.keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(back.get("a").data()).containsExactly(-1, 0.5f);
        assertThat(back.get("b").shape()).containsExactly(3);
        assertThat(dir.resolve("w.safetensors.tmp")).doesNotExist();
    }

    @Test
    @DisplayName("a state dict read into Java is validated: a wrong shape and a NaN are each refused by key, extra keys dropped")
    void validatedStateDict() {
        ModelConfig c = ModelConfig.read(Golden.DIR.resolve("config.json"));
        Map<String, HostTensor> tensors = new java.util.LinkedHashMap<>(
                StateDict.read(Golden.DIR.resolve("model.safetensors")).tensors());
        tensors.put("blocks.0.attn.mask", new HostTensor(new long[] {1}, new float[] {1}));
        StateDict ok = new StateDict(tensors).validated(Golden.DIR, c);
        assertThat(ok.tensors()).doesNotContainKey("blocks.0.attn.mask").hasSize(WeightLayout.shapes(c).size());

        Map<String, HostTensor> nan = new java.util.LinkedHashMap<>(tensors);
        float[] w = nan.get("unembed.b_U").data().clone();
        w[3] = Float.NaN;
        nan.put("unembed.b_U", new HostTensor(new long[] {w.length}, w));
        assertThatThrownBy(() -> new StateDict(nan).validated(Golden.DIR, c))
                .hasMessageContaining("key 'unembed.b_U' holds a non-finite value (NaN at flat index 3)");

        Map<String, HostTensor> wrong = new java.util.LinkedHashMap<>(tensors);
        wrong.put("unembed.b_U", new HostTensor(new long[] {2}, new float[] {0, 0}));
        assertThatThrownBy(() -> new StateDict(wrong).validated(Golden.DIR, c)).hasMessageContaining("unembed.b_U");
    }
}
