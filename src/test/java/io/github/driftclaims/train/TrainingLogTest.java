package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.verdict.PhaseChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Reading a training log back: both kinds of log, absent fields absent")
class TrainingLogTest {

    static final String OLD = "[{\"step\": 250, \"loss\": 1.1, \"drift\": 0.46, \"bestInduction\": 0.05, "
            + "\"bestPrevToken\": 0.1}, {\"step\": 500, \"loss\": 0.5, \"drift\": 0.56, \"bestInduction\": 0.6, "
            + "\"bestPrevToken\": 0.4}]";
    static final String NEW = "[{\"step\": 25, \"loss\": 2.2, \"drift\": 0.1, \"idealDrift\": 0.007, \"excessDrift\": "
            + "0.093, \"bestInduction\": 0.04, \"bestPrevToken\": 0.09, \"bestInductionXY\": 0.03, \"bestPrevTokenXY\": "
            + "0.1}]";

    static Path write(Path dir, String log) throws IOException {
        JsonObject record = new JsonObject();
        record.add("hyperparameters", TrainConfig.toyInduction2h().toJson());
        record.add("log", JsonParser.parseString(log));
        Files.writeString(dir.resolve("training.json"), TrainingJob.pretty(record));
        return dir;
    }

    @Test
    @DisplayName("an older log's missing fields read as NaN; its ideal drift comes from the recipe (0.4907 for the default)")
    void olderLog(@TempDir Path dir) throws IOException {
        TrainingLog log = TrainingLog.recordedIn(write(dir, OLD)).orElseThrow();
        assertThat(log.entries()).hasSize(2);
        ToyTrainer.LogEntry e = log.entries().get(1);
        assertThat(e.step()).isEqualTo(500);
        assertThat(e.drift()).isEqualTo(0.56);
        assertThat(e.bestInduction()).isEqualTo(0.6);
        assertThat(e.idealDrift()).isNaN();
        assertThat(e.excessDrift()).isNaN();
        assertThat(e.bestInductionXY()).isNaN();
        assertThat(e.bestPrevTokenXY()).isNaN();
        assertThat(log.logsIdealDrift()).isFalse();
        assertThat(log.logs(ToyTrainer.LogEntry::drift)).isTrue();
        // Issue 26's figure for the default recipe's mixture.
        assertThat(log.recipeIdealDrift()).isCloseTo(0.4907, within(1e-4));
        assertThat(log.phaseChangePoints().get(1).excessDrift()).isCloseTo(0.56 - log.recipeIdealDrift(), within(1e-15));
        assertThat(log.interval(0)).isEqualTo(250);
        assertThat(log.interval(1)).isEqualTo(250);
    }

    @Test
    @DisplayName("a fine log's logged ideal and excess drift are used as logged")
    void fineLog(@TempDir Path dir) throws IOException {
        TrainingLog log = TrainingLog.recordedIn(write(dir, NEW)).orElseThrow();
        assertThat(log.logsIdealDrift()).isTrue();
        assertThat(log.phaseChangePoints()).containsExactly(new PhaseChange.Point(25, 0.093, 0.04));
        assertThat(log.entries().get(0).bestPrevTokenXY()).isEqualTo(0.1);
    }

    @Test
    @DisplayName("no training.json is no log; a log whose steps do not increase is an error naming the file")
    void absentAndBroken(@TempDir Path dir) throws IOException {
        assertThat(TrainingLog.recordedIn(dir)).isEmpty();
        write(dir, "[{\"step\": 500}, {\"step\": 250}]");
        assertThatThrownBy(() -> TrainingLog.recordedIn(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training.json").hasMessageContaining("does not follow step 500");
        JsonArray noStep = new JsonArray();
        noStep.add(new JsonObject());
        write(dir, noStep.toString());
        assertThatThrownBy(() -> TrainingLog.recordedIn(dir)).hasMessageContaining("has no step");
    }
}
