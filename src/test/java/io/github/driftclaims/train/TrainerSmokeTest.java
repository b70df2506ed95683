package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.github.driftclaims.model.DjlRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
            trainingArrays.put(step, w.get("embed.W_E").getManager().getManagedArrays().size());
            return new ToyTrainer.LogEntry(step, loss, Double.NaN, Double.NaN, Double.NaN);
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
}
