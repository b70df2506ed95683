package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fixtures/toy-induction-2l", "fixtures/counting-only-2l"})
    @DisplayName("the first checkpoint steps of the recorded recipe reproduce the recorded tensor SHA-256")
    @Description("A retrain of the first few hundred steps, from the seed and hyperparameters in training.json, "
            + "must give weights whose SHA-256 equals the one recorded when the shipped model was trained. The full "
            + "retrain (all steps, compared with the shipped weights) runs with ./mvnw -Pretrain verify.")
    void checkpointHashIsReproduced(String dir) throws IOException {
        JsonObject rec = record(Path.of(dir));
        TrainConfig c = TrainConfig.fromJson(rec.getAsJsonObject("hyperparameters"));
        ToyTrainer.Result r = ToyTrainer.train(c, c.checkpointStep(), e -> { }, null);
        Evidence.parameter("steps", c.checkpointStep());
        Evidence.parameter("recorded", rec.get("checkpoint_sha256").getAsString());
        Evidence.parameter("retrained", r.checkpointHash());
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

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    @DisplayName("training is bit-identical on 1 and 2 engine threads")
    @Description("libtorch may split reductions across threads; this checks that a short run gives the same bits "
            + "whatever the thread count, compared with a 1-thread run.")
    void threadCountDoesNotChangeBits(int threads) {
        TrainConfig tiny = TrainerSmokeTest.tiny().with(Map.of("steps", "20", "checkpointStep", "20"));
        String one = ToyTrainer.train(tiny.with(Map.of("threads", "1")), 20, e -> { }, null).checkpointHash();
        String other = ToyTrainer.train(tiny.with(Map.of("threads", String.valueOf(threads))), 20, e -> { }, null)
                .checkpointHash();
        Evidence.parameter("1 thread", one);
        Evidence.parameter(threads + " threads", other);
        assertThat(other).isEqualTo(one);
    }
}
