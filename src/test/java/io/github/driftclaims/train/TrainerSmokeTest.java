package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.github.driftclaims.model.DjlRuntime;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.model.ModelTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A short training run")
class TrainerSmokeTest {

    static TrainConfig tiny() {
        return TrainConfig.toyInduction().with(Map.of("steps", "40", "dModel", "32", "batch", "16", "seqLen", "24",
                "nCtx", "32", "warmupSteps", "5", "checkpointStep", "20", "evalEvery", "1000"));
    }

    /**
     * Every DJL manager is a descendant of the engine's system manager, and a manager's
     * {@code getManagedArrays()} includes its sub-managers' arrays: the system manager's count is every
     * NDArray alive in native memory in this JVM. Other tests' open models do not change while this
     * test runs, so the count before and after training must be equal.
     */
    static int arraysAliveInTheEngine() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    @Test
    @DisplayName("lowers the loss within tens of steps, holds a constant number of arrays from step to step, and leaves none behind in native memory")
    void lossFallsAndNothingLeaks() {
        DjlRuntime.start();
        int before = arraysAliveInTheEngine();
        List<Double> losses = new ArrayList<>();
        // The evaluator runs between steps, after each step's scope is closed: the training manager
        // (the parameters' manager) then holds the parameters, Adam's moments and the loss mask only.
        Map<Integer, Integer> trainingArrays = new LinkedHashMap<>();
        ToyTrainer.Evaluator countArrays = (step, loss, w) -> {
            trainingArrays.put(step, w.W_E().getManager().getManagedArrays().size());
            return ToyTrainer.LogEntry.lossOnly(step, loss);
        };
        ToyTrainer.Result r = ToyTrainer.train(tiny().with(Map.of("evalEvery", "10")), 40, e -> losses.add(e.loss()),
                countArrays);
        assertThat(losses).allMatch(l -> Double.isFinite(l));
        double first = losses.subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = losses.subList(35, 40).stream().mapToDouble(d -> d).average().orElseThrow();
        assertThat(last).as("mean loss of the last 5 steps vs the first 5").isLessThan(first * 0.8);
        assertThat(r.checkpointHash()).hasSize(64);

        assertThat(trainingArrays).as("arrays in the training manager after steps 10, 20, 30, 40")
                .containsOnlyKeys(10, 20, 30, 40);
        assertThat(trainingArrays.get(10)).as("at least the parameters").isGreaterThanOrEqualTo(r.weights().size());
        assertThat(trainingArrays.values()).as("arrays in the training manager after steps 10, 20, 30, 40")
                .containsOnly(trainingArrays.get(10));
        assertThat(arraysAliveInTheEngine()).as("NDArrays alive in the engine after training vs before")
                .isEqualTo(before);
    }

    @Test
    @DisplayName("logs the curves every 25 steps up to step 500 and every 100 after, the recipe's evalEvery where finer")
    void curveSchedule() {
        List<Integer> steps = new ArrayList<>();
        for (int done = 1; done <= 2000; done++) {
            if (ToyTrainer.evaluatesAt(done, 2000, 250)) {
                steps.add(done);
            }
        }
        assertThat(steps).hasSize(20 + 15).startsWith(25, 50, 75).contains(475, 500, 600, 700, 1900).endsWith(2000)
                .doesNotContain(525, 550, 750, 1250);
        assertThat(ToyTrainer.evaluatesAt(10, 40, 10)).as("evalEvery 10 is finer than 25").isTrue();
        assertThat(ToyTrainer.evaluatesAt(37, 37, 1000)).as("the last step always").isTrue();
    }

    @Test
    @DisplayName("evaluating the curves during training changes no bit of the weights, and logs drift, ideal, excess and both pools' scores")
    void evaluationLeavesTrainingAlone(@TempDir Path dir) throws IOException {
        TrainConfig c = tiny().with(Map.of("evalEvery", "5"));
        ToyTrainer.Result without = ToyTrainer.train(c, 40, e -> { }, null);
        TrainingJob.writeModelFilesButWeights(c, dir);
        IdealDrift ideal = TrainingJob.idealDrift(c);
        ToyTrainer.Result with;
        try (ModelTokenizer tok = ModelTokenizer.load(dir.resolve("tokenizer.json"),
                dir.resolve("tokenizer_config.json"))) {
            with = ToyTrainer.train(c, 40, e -> { }, TrainingJob.evaluator(dir, tok, ideal));
        }
        assertThat(TensorHash.of(with.weights())).as("weights after 40 steps, evaluated every 5 vs never")
                .isEqualTo(TensorHash.of(without.weights()));
        assertThat(with.checkpointHash()).isEqualTo(without.checkpointHash());
        assertThat(with.log()).extracting(ToyTrainer.LogEntry::step).containsExactly(5, 10, 15, 20, 25, 30, 35, 40);
        assertThat(ideal.drift()).as("the default mixture's ideal drift (issue 26: 0.4907)").isBetween(0.45, 0.52);
        for (ToyTrainer.LogEntry e : with.log()) {
            assertThat(e.idealDrift()).isEqualTo(ideal.drift());
            assertThat(e.excessDrift()).isCloseTo(e.drift() - ideal.drift(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(List.of(e.drift(), e.bestInduction(), e.bestPrevToken(), e.bestInductionXY(),
                    e.bestPrevTokenXY())).as("step %d", e.step()).allMatch(v -> v >= 0 && v <= 1);
        }
        assertThat(with.log().get(7).bestInductionXY()).as("X/Y and letter pools are measured separately")
                .isNotEqualTo(with.log().get(7).bestInduction());
    }
}
