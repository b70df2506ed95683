package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

    @Test
    @DisplayName("lowers the loss within tens of steps and leaves no arrays behind in native memory")
    void lossFallsAndNothingLeaks() {
        List<Double> losses = new ArrayList<>();
        ToyTrainer.Result r = ToyTrainer.train(tiny(), 40, e -> losses.add(e.loss()), null);
        assertThat(losses).allMatch(l -> Double.isFinite(l));
        double first = losses.subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = losses.subList(35, 40).stream().mapToDouble(d -> d).average().orElseThrow();
        assertThat(last).as("mean loss of the last 5 steps vs the first 5").isLessThan(first * 0.8);
        assertThat(r.checkpointHash()).hasSize(64);
    }
}
