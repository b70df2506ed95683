package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.ModelTokenizer;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Epic(ClaimRecord.CHECKS)
@Feature("Claim 1: X and Y are single tokens")
@ExtendWith(Models.class)
@DisplayName("Claim 1: \" X\" and \" Y\" are single tokens, and each prompt is BOS, Sequence, :, then six candidates")
class TokenizationClaims {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("\" X\" and \" Y\" are single tokens that decode back to themselves, and every prompt has 9 positions")
    @Description("Notebook: \"We predict between exactly two single-token candidates: \\\" X\\\" and \\\" Y\\\"\" and "
            + "\"Define the stimuli and verify tokenization (important!)\". model.to_single_token adds no BOS; "
            + "model(str) prepends BOS, so 'Sequence: X Y X Y X Y' must be BOS, Sequence, :, then the six candidates.")
    void candidatesAreSingleTokens(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        ModelTokenizer tok = models.get(which).model().tokenizer();
        int x = Evidence.parameter("X_id", tok.toSingleToken(" X"));
        int y = Evidence.parameter("Y_id", tok.toSingleToken(" Y"));
        assertThat(tok.decode(x)).isEqualTo(" X");
        assertThat(tok.decode(y)).isEqualTo(" Y");
        for (Stimulus s : Stimulus.NOTEBOOK) {
            int[] tokens = tok.tokensWithBos(s.prompt());
            List<String> str = tok.toStrTokens(tokens);
            Evidence.parameter("tokens " + s.name(), String.join(" | ", str));
            assertThat(tokens).hasSize(9);
            assertThat(tokens[0]).isEqualTo(tok.bosId());
            assertThat(str.subList(1, 3)).containsExactly("Sequence", ":");
            for (int i = 0; i < 6; i++) {
                assertThat(tokens[3 + i]).isEqualTo(s.symbols().get(i).equals("X") ? x : y);
            }
            if (which.isReal()) {
                var ref = NotebookReference.load().json().getAsJsonObject("tokens");
                assertThat(x).isEqualTo(ref.get("X_id").getAsInt());
                assertThat(y).isEqualTo(ref.get("Y_id").getAsInt());
                int[] refIds = ref.getAsJsonObject("prompts").getAsJsonArray(s.name()).asList().stream()
                        .mapToInt(e -> e.getAsInt()).toArray();
                assertThat(tokens).containsExactly(refIds);
            }
        }
    }
}
