package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The tokenizer follows TransformerLens's conventions")
class TokenizerTest {

    ModelTokenizer tokenizer;
    Golden golden;

    @BeforeAll
    void load() {
        tokenizer = ModelTokenizer.load(Golden.DIR.resolve("tokenizer.json"), Golden.DIR.resolve("tokenizer_config.json"));
        golden = Golden.load();
    }

    @AfterAll
    void close() {
        tokenizer.close();
    }

    @ParameterizedTest(name = "prompt \"{0}\"")
    @ValueSource(strings = {"patterned", "clumped", "mixed", "ab"})
    @DisplayName("model(str) prepends BOS and tokenizes like PyTorch's reference; to_str_tokens decodes each token")
    void bosIsPrepended(String prompt) {
        String text = golden.json().getAsJsonObject("prompts").get(prompt).getAsString();
        int[] tokens = tokenizer.tokensWithBos(text);
        assertThat(tokens).containsExactly(golden.tokens(prompt));
        assertThat(tokens[0]).isEqualTo(tokenizer.bosId());
        JsonArray str = golden.json().getAsJsonObject("str_tokens").getAsJsonArray(prompt);
        assertThat(tokenizer.toStrTokens(tokens)).containsExactlyElementsOf(
                str.asList().stream().map(e -> e.getAsString()).toList());
    }

    @Test
    @DisplayName("to_single_token adds no BOS and returns the one token of \" X\" and \" Y\"")
    void singleTokens() {
        assertThat(tokenizer.toSingleToken(" X")).isEqualTo(golden.json().get("x_id").getAsInt());
        assertThat(tokenizer.toSingleToken(" Y")).isEqualTo(golden.json().get("y_id").getAsInt());
        assertThat(tokenizer.decode(tokenizer.toSingleToken(" X"))).isEqualTo(" X");
    }

    @Test
    @DisplayName("a candidate that is two tokens is refused with a message naming it and its tokens")
    void twoTokenCandidateIsRefused() {
        assertThatThrownBy(() -> tokenizer.toSingleToken(" XY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("' XY' is 2 tokens")
                .hasMessageContaining("not a single token")
                .hasMessageContaining("tokenizer.json");
    }
}
