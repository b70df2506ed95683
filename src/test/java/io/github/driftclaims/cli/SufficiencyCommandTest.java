package io.github.driftclaims.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The sufficiency command")
class SufficiencyCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("prints the full model, the floor and each candidate alone and removed with claim 37, and writes them as JSON")
    void printsAndWritesJson() throws Exception {
        Path out = dir.resolve("sufficiency.json");
        Result r = MainTest.cli("sufficiency", "--model", Main.DEFAULT_MODEL, "--json",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^full model +all +\\d\\.\\d{4} +1\\.000$")
                .containsPattern("(?m)^floor \\(every head ablated\\) +none +\\d\\.\\d{4} ")
                .containsPattern("(?m)^drift heads \\[L\\dH\\d, L\\dH\\d\\] ")
                .containsPattern("(?m)^every layer-1 head ")
                .containsPattern("(?m)^37 +(reproduced|partly|refuted|not applicable) ");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        double full = o.getAsJsonObject("full").get("spread").getAsDouble();
        assertThat(o.getAsJsonObject("full").getAsJsonObject("p_x").keySet()).as("the 20 orderings of 3X/3Y").hasSize(20);
        JsonArray candidates = o.getAsJsonArray("candidates");
        assertThat(candidates).hasSize(2);
        for (int i = 0; i < candidates.size(); i++) {
            JsonObject c = candidates.get(i).getAsJsonObject();
            double alone = c.getAsJsonObject("alone").get("spread").getAsDouble();
            assertThat(c.get("faithfulness").getAsDouble()).isCloseTo(alone / full, within(1e-12));
            assertThat(c.getAsJsonObject("alone").getAsJsonObject("p_x"))
                    .as("keeping a circuit alone changes some P(X): the other heads' ablation applied")
                    .isNotEqualTo(o.getAsJsonObject("full").getAsJsonObject("p_x"));
        }
        assertThat(o.getAsJsonArray("drift_heads")).hasSize(2);
        assertThat(o.getAsJsonObject("verdicts").keySet()).containsExactly("37");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("refuses --ablate with one error line naming the flag")
    void refusesAblate() {
        assertThat(MainTest.inputError(MainTest.cli("sufficiency", "--ablate", "1.1")))
                .contains("Unknown options: '--ablate', '1.1'");
    }
}
