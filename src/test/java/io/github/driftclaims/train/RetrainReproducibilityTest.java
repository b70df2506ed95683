package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.Safetensors;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Epic("toy models")
@Feature("bit-for-bit retraining")
@DisplayName("The shipped toy models can be retrained from source to the same bits")
class RetrainReproducibilityTest {

    static JsonObject record(Path dir) throws IOException {
        // Both models are shipped: a missing record fails here (NoSuchFileException names it), never skips.
        Path f = dir.resolve("training.json");
        return JsonParser.parseString(Files.readString(f)).getAsJsonObject();
    }

    /**
     * The engine's thread count is part of the recipe: both models were trained on the 1 thread that
     * training.json records, and the bits depend on it. On 2 threads, toy-induction-2l's first 200 steps
     * gave f063b330... instead of the recorded a5de6702... (measured 2026-12-02), so the earlier check
     * that a tiny 20-step model (d_model 32, batch 16 x 24) trains to the same bits on 1 and 2 threads
     * promised an invariance the recipe does not have. Each case here compares with the record
     * instead, and checks that libtorch ran on the recorded count.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fixtures/toy-induction-2l", "fixtures/counting-only-2l"})
    @DisplayName("the first checkpoint steps of the recorded recipe, on the recorded engine threads, reproduce the recorded tensor SHA-256")
    @Description("A retrain of the first few hundred steps, from the seed, hyperparameters and libtorch thread count "
            + "in training.json, must give weights whose SHA-256 equals the one recorded when the shipped model was "
            + "trained. The thread count matters: on 2 threads toy-induction-2l gives other bits. The full retrain "
            + "(all steps, compared with the shipped weights) runs with ./mvnw -Pretrain verify.")
    void checkpointHashIsReproduced(String dir) throws IOException {
        JsonObject rec = record(Path.of(dir));
        TrainConfig c = TrainConfig.fromJson(rec.getAsJsonObject("hyperparameters"));
        Set<Integer> threadsSeen = new TreeSet<>();
        ToyTrainer.Result r = ToyTrainer.train(c, c.checkpointStep(), e -> threadsSeen.add(JniUtils.getNumThreads()),
                null);
        Evidence.parameter("steps", c.checkpointStep());
        Evidence.parameter("engine threads", rec.get("threads").getAsInt());
        Evidence.parameter("recorded", rec.get("checkpoint_sha256").getAsString());
        Evidence.parameter("retrained", r.checkpointHash());
        assertThat(threadsSeen).as("libtorch intra-op threads during every training step")
                .containsExactly(rec.get("threads").getAsInt());
        assertThat(r.checkpointHash()).isEqualTo(rec.get("checkpoint_sha256").getAsString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fixtures/toy-induction-2l", "fixtures/counting-only-2l"})
    @DisplayName("the shipped weights are the ones training.json describes")
    void shippedWeightsMatchTheRecord(String dir) throws IOException {
        JsonObject rec = record(Path.of(dir));
        var weights = Safetensors.read(Path.of(dir, "model.safetensors"));
        assertThat(TensorHash.of(weights)).isEqualTo(rec.get("weights_sha256").getAsString());
        ModelConfig mc = ToyTrainer.modelConfig(TrainConfig.fromJson(rec.getAsJsonObject("hyperparameters")));
        assertThat(ModelConfig.read(Path.of(dir, "config.json"))).isEqualTo(mc);
    }
}
