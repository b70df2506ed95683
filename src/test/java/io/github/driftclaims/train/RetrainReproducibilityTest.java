package io.github.driftclaims.train;

import io.github.driftclaims.ReportGroups;
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
import java.util.Set;
import java.util.stream.Stream;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Epic(ReportGroups.SUITE_CHECKS)
@Feature("bit-for-bit retraining")
@DisplayName("The shipped toy models can be retrained from source to the same bits")
class RetrainReproducibilityTest {

    /** Every model the project ships: the ensembles' members and the history models. */
    static Stream<String> shippedModels() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("fixtures"), 3)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("training.json"))).map(Path::toString).sorted().toList()
                    .stream();
        }
    }

    static JsonObject record(Path dir) throws IOException {
        // Both models are shipped: a missing record fails here (NoSuchFileException names it), never skips.
        Path f = dir.resolve("training.json");
        return JsonParser.parseString(Files.readString(f)).getAsJsonObject();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedModels")
    @DisplayName("every shipped model records the CPU-independent hash of its first training steps")
    @Description("The native hashes hold only on the CPU type that trained a model (PortableNumerics). Each record "
            + "therefore carries portable_checkpoint, written by retrain --record-portable; retrain --portable checks "
            + "it on any machine (the default model's check runs in verify: PortableRetrainTest).")
    void portableCheckpointIsRecorded(String dir) throws IOException {
        JsonObject p = record(Path.of(dir)).getAsJsonObject(PortableNumerics.RECORD_FIELD);
        assertThat(p).as("%s/training.json: %s", dir, PortableNumerics.RECORD_FIELD).isNotNull();
        assertThat(p.get("sha256").getAsString()).matches("[0-9a-f]{64}");
        assertThat(p.get("numerics").getAsString()).isEqualTo(PortableNumerics.describe());
        assertThat(p.get("steps").getAsInt()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedModels")
    @DisplayName("the shipped weights are the ones training.json describes")
    void shippedWeightsMatchTheRecord(String dir) throws IOException {
        JsonObject rec = record(Path.of(dir));
        var weights = Safetensors.read(Path.of(dir, "model.safetensors"));
        assertThat(TensorHash.of(weights)).isEqualTo(rec.get("weights_sha256").getAsString());
        ModelConfig mc = ToyTrainer.modelConfig(TrainConfig.fromJson(rec.getAsJsonObject("hyperparameters")));
        assertThat(ModelConfig.read(Path.of(dir, "config.json"))).isEqualTo(mc);
    }
}
