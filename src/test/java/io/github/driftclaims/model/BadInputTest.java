package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input is refused with a message that names the file, what is wrong and the fix, and
 * leaves nothing behind.
 */
@DisplayName("Bad model files are refused with a clear error")
class BadInputTest {

    @TempDir
    Path dir;

    /** A copy of the golden model directory whose checkpoint the test then damages. */
    Path copyOfTinyModel() throws IOException {
        try (Stream<Path> files = Files.list(Golden.DIR)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("golden.json")) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        Files.delete(dir.resolve("tiny_final.pth"));
        return dir;
    }

    Map<String, HostTensor> tinyTensors() {
        return new LinkedHashMap<>(Safetensors.read(Golden.DIR.resolve("model.safetensors")));
    }

    void assertDirectoryUnchanged(Path d, String... expected) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("nothing partial is left behind").containsExactlyInAnyOrder(expected);
        }
    }

    @Test
    @DisplayName("a missing checkpoint names the path and says to fetch the model")
    void missingFile() {
        Path missing = dir.resolve("model.safetensors");
        assertThatThrownBy(() -> StateDict.read(missing))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> ModelFiles.fromDirectory(dir.resolve("nope")))
                .hasMessageContaining("model directory not found").hasMessageContaining("--model");
    }

    @Test
    @DisplayName("a truncated safetensors file is reported with its byte counts")
    void truncatedSafetensors() throws IOException {
        Path d = copyOfTinyModel();
        Path f = d.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.fromDirectory(d), true))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("truncated safetensors file")
                .hasMessageContaining("fetch the file again");
        Files.write(f, java.util.Arrays.copyOf(bytes, 5));
        assertThatThrownBy(() -> StateDict.read(f)).hasMessageContaining("fewer than the 8-byte header");
    }

    @Test
    @DisplayName("a tensor of the wrong shape is named with its shape and the expected one")
    void wrongShape() throws IOException {
        Path d = copyOfTinyModel();
        Map<String, HostTensor> t = tinyTensors();
        t.put("blocks.1.attn.W_O", new HostTensor(new long[] {4, 16, 4}, new float[256]));
        Safetensors.write(d.resolve("model.safetensors"), t);
        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.fromDirectory(d), true))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("key 'blocks.1.attn.W_O' has shape [4, 16, 4], expected [4, 4, 16]");
    }

    @Test
    @DisplayName("a missing key is named with the shape it should have had")
    void missingKey() throws IOException {
        Path d = copyOfTinyModel();
        Map<String, HostTensor> t = tinyTensors();
        t.remove("blocks.0.attn.b_K");
        t.remove("unembed.b_U");
        Safetensors.write(d.resolve("model.safetensors"), t);
        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.fromDirectory(d), false))
                .hasMessageContaining("missing key 'blocks.0.attn.b_K' (expected shape [4, 4])")
                .hasMessageContaining("missing key 'unembed.b_U'");
    }

    @Test
    @DisplayName("a NaN weight is named with its position")
    void nanWeights() throws IOException {
        Path d = copyOfTinyModel();
        Map<String, HostTensor> t = tinyTensors();
        float[] w = t.get("embed.W_E").data().clone();
        w[17] = Float.NaN;
        t.put("embed.W_E", new HostTensor(t.get("embed.W_E").shape(), w));
        Safetensors.write(d.resolve("model.safetensors"), t);
        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.fromDirectory(d), true))
                .hasMessageContaining("key 'embed.W_E' holds a non-finite value (NaN at flat index 17)");
    }

    @Test
    @DisplayName("a .pth whose pickle calls os.system is refused before anything runs")
    void forbiddenGlobalIsRefused() throws IOException {
        Path marker = dir.resolve("pwned");
        Path pth = dir.resolve("evil_final.pth");
        // protocol 2: GLOBAL 'os system', the argument tuple, REDUCE, STOP
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.write(new byte[] {(byte) 0x80, 2});
        pkl.write(("cos\nsystem\n").getBytes(StandardCharsets.US_ASCII));
        byte[] cmd = ("touch " + marker).getBytes(StandardCharsets.UTF_8);
        pkl.write('X');
        pkl.write(new byte[] {(byte) cmd.length, 0, 0, 0});
        pkl.write(cmd);
        pkl.write(new byte[] {(byte) 0x85, 'R', '.'});
        try (OutputStream out = Files.newOutputStream(pth); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("evil_final/data.pkl"));
            zip.write(pkl.toByteArray());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> StateDict.read(pth))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(pth.toString())
                .hasMessageContaining("global 'os.system'")
                .hasMessageContaining("nothing in the file was executed");
        assertThat(marker).doesNotExist();
    }

    @Test
    @DisplayName("a prompt longer than n_ctx is refused, naming both lengths")
    void promptTooLong() {
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(Golden.DIR), true)) {
            int[] tokens = new int[17];
            assertThatThrownBy(() -> m.run(new int[][] {tokens}, Hooks.none()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the prompt is 17 tokens but the model's context n_ctx is 16")
                    .hasMessageContaining("config.json");
        }
    }

    @Test
    @DisplayName("a config with MLP blocks or RMS norm is refused as unsupported")
    void unsupportedConfig() throws IOException {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"d_model\":16,\"n_layers\":2,\"d_head\":4,\"n_heads\":4,\"n_ctx\":16,"
                + "\"d_vocab\":37,\"attn_only\":false,\"normalization\":\"LN\"}");
        assertThatThrownBy(() -> ModelConfig.read(cfg)).hasMessageContaining("MLP blocks are not implemented");
        Files.writeString(cfg, "{\"d_model\":16,\"n_layers\":2,\"d_head\":4,\"n_heads\":4,\"n_ctx\":16,"
                + "\"d_vocab\":37,\"attn_only\":true,\"normalization_type\":\"RMS\"}");
        assertThatThrownBy(() -> ModelConfig.read(cfg)).hasMessageContaining("normalization RMS is not supported");
    }
}
