package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.Head;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A forward pass leaves nothing behind")
class RunScopeTest {

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("repeated runs, with ablations and captured activations, add no arrays to the model's manager")
    void runsLeaveNoArraysInTheModelsManager(boolean processed) {
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(Golden.DIR), processed)) {
            int before = m.manager().getManagedArrays().size();
            int[][] tokens = {{0, 5, 6, 7}, {0, 8, 9, 10}};
            m.run(tokens, Hooks.none());
            m.run(tokens, Ablation.zeroHeads(m.config(), List.of(new Head(0, 1), new Head(1, 2))));
            m.run(tokens, Hooks.none().capturing(HookPoint.LOGITS, HookPoint.EMBED, HookPoint.pattern(0),
                    HookPoint.z(1), HookPoint.residPost(1)));
            assertThat(m.manager().getManagedArrays().size()).as("arrays in the model's manager after three runs")
                    .isEqualTo(before);
        }
    }
}
