package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model's dimensions at their limits: each accepted at its limit and refused one past it with the limit named, the
 * tensor and model size bounds at their edges, and config.json's flags read as written.
 */
@DisplayName("A model config")
class ModelConfigTest {

    static final Path FILE = Path.of("config.json");

    /** d_model, n_layers, d_head, n_heads, n_ctx, d_vocab, with the others small. */
    static ModelConfig of(int... d) {
        return new ModelConfig(d[0], d[1], d[2], d[3], d[4], d[5], "solu_ln", "LN", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "d_model,  0, D_MODEL,  65536",
        "n_layers, 1, N_LAYERS, 1024",
        "d_head,   2, D_HEAD,   16384",
        "n_heads,  3, N_HEADS,  4096",
        "n_ctx,    4, N_CTX,    1048576",
        "d_vocab,  5, D_VOCAB,  4194304"})
    @DisplayName("takes each dimension at its limit and refuses it one past, naming the limit")
    void dimensionLimits(String key, int index, String limitName, int limit) {
        int[] d = {4, 1, 1, 1, 4, 4};
        d[index] = limit;
        assertThat(of(d).toJson().get(key).getAsInt()).isEqualTo(limit);
        d[index] = limit + 1;
        assertThatThrownBy(() -> of(d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(key + " is " + (limit + 1) + ", more than the limit Limits." + limitName + " (" + limit + ")");
    }

    @ParameterizedTest(name = "{0} = 0")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    @DisplayName("refuses a dimension of 0")
    void zero(int index) {
        int[] d = {4, 1, 1, 1, 4, 4};
        d[index] = 0;
        assertThatThrownBy(() -> of(d)).hasMessageStartingWith("every dimension must be positive");
    }

    @Test
    @DisplayName("takes a largest tensor of exactly Limits.TENSOR_BYTES / 4 floats' worth and refuses a larger one, for W_E, W_pos and W_Q")
    void tensorBytes() {
        // d_vocab x d_model: 2^22 x 128 = 2^29 floats = 2^31 bytes, one byte past Integer.MAX_VALUE
        assertThatThrownBy(() -> of(128, 1, 1, 1, 4, 1 << 22)).hasMessageContaining("the largest tensor these "
                + "dimensions imply has 536870912 float32 elements, more than the limit Limits.TENSOR_BYTES");
        assertThat(of(127, 1, 1, 1, 4, 1 << 22).dVocab()).isEqualTo(1 << 22);
        // n_ctx x d_model
        assertThatThrownBy(() -> of(512, 1, 1, 1, 1 << 20, 4)).hasMessageContaining("has 536870912 float32 elements");
        assertThat(of(511, 1, 1, 1, 1 << 20, 4).nCtx()).isEqualTo(1 << 20);
        // n_heads x d_model x d_head
        assertThatThrownBy(() -> of(1 << 13, 1, 1 << 12, 1 << 4, 4, 4)).hasMessageContaining("has 536870912 float32 elements");
        assertThat(of(1 << 13, 1, (1 << 12) - 1, 1 << 4, 4, 4).nHeads()).isEqualTo(16);
    }

    @Test
    @DisplayName("refuses dimensions whose parameters exceed Limits.MODEL_BYTES, counting every tensor")
    void modelBytes() {
        // per layer 4 x 16 x 4096 x 4096 floats = 2^30 floats = 4 GiB (each tensor 1 GiB, within TENSOR_BYTES):
        // 16 layers are exactly 64 GiB, and the embeddings and biases tip them over; 15 layers fit
        assertThatThrownBy(() -> of(4096, 16, 4096, 16, 4, 4)).hasMessageContaining("float32 parameters, more than "
                + "the limit Limits.MODEL_BYTES");
        assertThat(of(4096, 15, 4096, 16, 4, 4).nLayers()).isEqualTo(15);
        // the count is every tensor's elements, as the expected state dict lists them: 15 layers' plus one more layer
        long l15 = parameters(of(4096, 15, 4096, 16, 4, 4));
        long l16 = l15 + (l15 - parameters(of(4096, 14, 4096, 16, 4, 4)));
        assertThatThrownBy(() -> of(4096, 16, 4096, 16, 4, 4)).hasMessageContaining("imply " + l16 + " float32 parameters");
    }

    static long parameters(ModelConfig c) {
        return WeightLayout.shapes(c).values().stream().mapToLong(HostTensor::numel).sum();
    }

    @Test
    @DisplayName("refuses 0 in config.json as not a positive int, and 2^31 - 1 at the dimension's limit")
    void jsonIntegers() {
        JsonObject j = new ModelConfig(64, 2, 8, 8, 51, 290, "solu_ln", "LN", null).toJson();
        j.addProperty("d_model", 0);
        assertThatThrownBy(() -> ModelConfig.fromJson(FILE, j)).hasMessageContaining("key 'd_model' is 0, not a positive int");
        j.addProperty("d_model", Integer.MAX_VALUE);
        assertThatThrownBy(() -> ModelConfig.fromJson(FILE, j))
                .hasMessageContaining("d_model is 2147483647, more than the limit Limits.D_MODEL");
        j.addProperty("d_model", 1L + Integer.MAX_VALUE);
        assertThatThrownBy(() -> ModelConfig.fromJson(FILE, j)).hasMessageContaining("is 2147483648, not a positive int");
    }

    @Test
    @DisplayName("writes the JSON it reads back to the same config, its flags as an attention-only LN model")
    void jsonRoundTrip() {
        ModelConfig c = new ModelConfig(64, 2, 8, 8, 51, 290, "solu_ln", "LN", "toy-tokenizer");
        JsonObject j = c.toJson();
        assertThat(ModelConfig.fromJson(FILE, j)).isEqualTo(c);
        assertThat(j.get("attn_only").getAsBoolean()).isTrue();
        assertThat(j.get("shortformer_pos").getAsBoolean()).isFalse();
        assertThat(j.get("final_rms").getAsBoolean()).isFalse();
        assertThat(j.get("normalization").getAsString()).isEqualTo("LN");
        ModelConfig untitled = new ModelConfig(64, 2, 8, 8, 51, 290, null, "LN", null);
        assertThat(untitled.toJson().has("tokenizer_name")).isFalse();
        assertThat(untitled.toJson().get("act_fn").getAsString()).isEqualTo("solu_ln");
        assertThat(ModelConfig.fromJson(FILE, untitled.toJson()).tokenizerName()).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "attn_only,       false, attn_only is not true",
        "shortformer_pos, true,  shortformer positional embeddings are not implemented",
        "final_rms,       true,  final_rms (RMS final norm) is not implemented"})
    @DisplayName("refuses the architectures it does not implement, as config.json's flags say")
    void flags(String key, boolean value, String message) {
        JsonObject j = new ModelConfig(64, 2, 8, 8, 51, 290, "solu_ln", "LN", null).toJson();
        j.addProperty(key, value);
        assertThatThrownBy(() -> ModelConfig.fromJson(FILE, j)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(message);
        j.remove(key);
        if (key.equals("attn_only")) {
            assertThatThrownBy(() -> ModelConfig.fromJson(FILE, j)).hasMessageContaining(message); // absent is false
        } else {
            assertThat(ModelConfig.fromJson(FILE, j).dModel()).isEqualTo(64); // absent is false
        }
    }
}
