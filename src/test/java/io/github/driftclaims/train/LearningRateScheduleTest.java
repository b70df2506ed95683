package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The learning-rate schedule")
class LearningRateScheduleTest {

    static Adam adam(int warmup, int cooldown) {
        TrainConfig c = TrainConfig.toyInduction().with(Map.of("steps", "100", "lr", "0.01",
                "warmupSteps", String.valueOf(warmup), "cooldownSteps", String.valueOf(cooldown)));
        return new Adam(c, Set.of());
    }

    @Test
    @DisplayName("without cooldown it is the constant lr after warmup, bit for bit (older records keep their bits)")
    void noCooldownIsConstant() {
        Adam a = adam(10, 0);
        assertThat(a.learningRate(0)).isEqualTo(0.01 * 1 / 10);
        assertThat(a.learningRate(9)).isEqualTo(0.01);
        for (int step = 10; step < 100; step++) {
            assertThat(a.learningRate(step)).isEqualTo(0.01);
        }
    }

    @Test
    @DisplayName("with cooldown N it falls linearly over the last N steps, reaching lr/N at the last")
    void cooldownFallsLinearly() {
        Adam a = adam(0, 20);
        assertThat(a.learningRate(79)).isEqualTo(0.01);
        assertThat(a.learningRate(80)).isCloseTo(0.01, within(1e-15));
        assertThat(a.learningRate(90)).isCloseTo(0.005, within(1e-15));
        assertThat(a.learningRate(99)).isCloseTo(0.01 / 20, within(1e-15));
    }
}
