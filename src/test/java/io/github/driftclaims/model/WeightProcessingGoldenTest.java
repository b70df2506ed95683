package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Weight processing is TransformerLens's from_pretrained default")
class WeightProcessingGoldenTest {

    @ParameterizedTest(name = "read from {0}")
    @ValueSource(strings = {"model.safetensors", "tiny_final.pth"})
    @DisplayName("fold_ln, center_writing_weights, center_unembed and fold_value_biases give the golden weights within 1e-5")
    void processedWeightsMatchGolden(String checkpoint) {
        Golden golden = Golden.load();
        try (HookedTransformer m = ModelLoader.load(
                ModelFiles.fromDirectory(Golden.DIR).withCheckpoint(Golden.DIR.resolve(checkpoint)), true)) {
            Map<String, HostTensor> actual = m.weights().toHost();
            var expected = golden.json().getAsJsonObject("processed_weights");
            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Map.Entry<String, JsonElement> e : expected.entrySet()) {
                assertThat(Golden.maxAbsDiff(Golden.tensor(e.getValue()), actual.get(e.getKey())))
                        .as(e.getKey()).isLessThanOrEqualTo(1e-5);
            }
        }
    }

    @ParameterizedTest(name = "{0} checkpoint")
    @CsvSource({"model-bf16.safetensors, bf16_processed", "model-f16.safetensors, f16_processed"})
    @DisplayName("half-precision checkpoints are widened to float32 in Java and give PyTorch's logits within 1e-5")
    void halfPrecisionIsWidened(String checkpoint, String run) {
        Golden golden = Golden.load();
        try (HookedTransformer m = ModelLoader.load(
                ModelFiles.fromDirectory(Golden.DIR).withCheckpoint(Golden.DIR.resolve(checkpoint)), true)) {
            for (String prompt : GoldenForwardTest.PROMPTS) {
                float[] logits = m.run(new int[][] {golden.tokens(prompt)}, Hooks.none()).logitsLast()[0];
                assertThat(Golden.maxAbsDiff(Golden.tensor(golden.run(run, prompt).get("logits_last")).data(), logits))
                        .as(prompt).isLessThanOrEqualTo(1e-5);
            }
        }
    }
}
