package io.github.driftclaims.model;

import static io.github.driftclaims.model.HostileFiles.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29: inputs that load but cannot give a valid answer are refused by name rather than printed
 * as results: " X" and " Y" one token, token ids past the vocabulary or an int, two different
 * checkpoints side by side, and weights whose forward pass is not finite.
 */
@DisplayName("Inputs that cannot give a valid answer are refused by name")
class UnanswerableInputTest {

    @TempDir
    Path dir;

    private static JsonObject tinyTokenizer() throws Exception {
        return JsonParser.parseString(Files.readString(Golden.DIR.resolve("tokenizer.json"))).getAsJsonObject();
    }

    private Path tokenizer(JsonObject t) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, t.toString());
        return f;
    }

    @Test
    @DisplayName("\" X\" and \" Y\" mapping to one id are refused at load, naming tokenizer.json")
    void sameIdForXAndY() throws Exception {
        JsonObject t = tinyTokenizer();
        t.getAsJsonObject("model").getAsJsonObject("vocab").addProperty("ĠY", 33); // ĠX's id
        Path f = tokenizer(t);
        assertThatThrownBy(() -> ModelTokenizer.load(f, null, 37).close()).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(f + ": ").hasMessageContaining("same token");
    }

    @Test
    @DisplayName("a token id at or above d_vocab is refused at load, naming tokenizer.json and d_vocab")
    void idAtTheVocabulary() throws Exception {
        JsonObject t = tinyTokenizer();
        t.getAsJsonObject("model").getAsJsonObject("vocab").addProperty("ĠX", 37);
        Path f = tokenizer(t);
        assertThatThrownBy(() -> ModelTokenizer.load(f, null, 37).close()).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(f + ": ").hasMessageContaining("d_vocab");
    }

    @Test
    @DisplayName("a BOS id of 2^31 is refused at load by name, not an integer overflow later")
    void idBeyondAnInt() throws Exception {
        JsonObject t = tinyTokenizer();
        t.getAsJsonObject("model").getAsJsonObject("vocab").addProperty("<|endoftext|>", 1L << 31);
        t.getAsJsonArray("added_tokens").get(0).getAsJsonObject().addProperty("id", 1L << 31);
        Path f = tokenizer(t);
        assertThatThrownBy(() -> ModelTokenizer.load(f, null, 37).close()).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(f + ": ").hasMessageContaining("2147483648");
    }

    @Test
    @DisplayName("a directory with model.safetensors and a different *final.pth is refused, naming both")
    void twoDifferentCheckpoints() throws Exception {
        Path d = modelDir(Files.createDirectory(dir.resolve("two")));
        Files.copy(Golden.DIR.resolve("model.safetensors"), d.resolve("model.safetensors"));
        StateDictParts parts = StateDictParts.tiny();
        Map<String, byte[]> storages = new LinkedHashMap<>(parts.storages());
        byte[] first = storages.get("0").clone();
        first[0] ^= 0x40; // one weight differs
        storages.put("0", first);
        writePth(d.resolve("other_final.pth"), stateDictPickle(parts.tensors()), storages, false);
        assertThatThrownBy(() -> ModelFiles.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("other_final.pth")
                .hasMessageContaining("differ");
        // The same weights in both are not ambiguous: the shipped tiny fixture holds both.
        assertThat(ModelFiles.fromDirectory(Golden.DIR).checkpoint().getFileName().toString())
                .isEqualTo("model.safetensors");
    }

    @Test
    @DisplayName("finite weights near the float limit whose forward pass overflows are refused, naming the checkpoint")
    void overflowingForwardIsRefused() throws Exception {
        Path d = modelDir(Files.createDirectory(dir.resolve("huge")));
        Map<String, HostTensor> tensors = new LinkedHashMap<>(tinyTensors());
        HostTensor we = tensors.get("embed.W_E");
        float[] big = new float[we.data().length];
        java.util.Arrays.fill(big, 3.0e38f);
        tensors.put("embed.W_E", new HostTensor(we.shape(), big));
        Path st = d.resolve("model.safetensors");
        Safetensors.write(st, tensors);
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(d), false)) {
            assertThatThrownBy(() -> m.run(" X Y X", Hooks.none())).isInstanceOf(ModelLoadException.class)
                    .hasMessageStartingWith(st + ": ").hasMessageContaining("non-finite");
        }
    }
}
