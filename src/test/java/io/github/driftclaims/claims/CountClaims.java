package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Epic(ClaimRecord.CHECKS)
@Feature("Claim 2: identical counts")
@DisplayName("Claim 2: every stimulus has three X and three Y")
class CountClaims {

    static Stream<Stimulus> stimuli() {
        List<Stimulus> all = new ArrayList<>(Stimulus.NOTEBOOK);
        all.addAll(Stimulus.allOrderingsOf3X3Y());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stimuli")
    @DisplayName("n_X = 3 and n_Y = 3")
    @Description("Notebook: \"All have 3 X and 3 Y. If the model were a perfect count-based Bayesian updater, "
            + "predictions should match.\" Checked for patterned, clumped, mixed and all 20 orderings of XXXYYY.")
    void sameCounts(Stimulus s) {
        Evidence.parameter("sequence", s.spaced());
        assertThat(s.nX()).isEqualTo(3);
        assertThat(s.nY()).isEqualTo(3);
        assertThat(s.symbols()).hasSize(6).containsOnly("X", "Y");
    }

    @Test
    @DisplayName("the 20 orderings of XXXYYY are distinct and include the notebook's three")
    void twentyDistinctOrderings() {
        List<String> all = Stimulus.allOrderingsOf3X3Y().stream().map(Stimulus::spaced).toList();
        assertThat(all).hasSize(20).doesNotHaveDuplicates()
                .containsAll(Stimulus.NOTEBOOK.stream().map(Stimulus::spaced).toList());
    }
}
