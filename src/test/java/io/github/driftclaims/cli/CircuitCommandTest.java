package io.github.driftclaims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The circuit command")
class CircuitCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("prints every tau's circuit beside the pairs and claim 39's verdict, and writes them as JSON")
    void printsAndWritesJson() throws Exception {
        Path out = dir.resolve("circuit.json");
        Result r = MainTest.cli("circuit", "--model", Main.DEFAULT_MODEL, "--json",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Head graph: 29 edges")
                .containsPattern("(?m)^discovered, tau 0\\.01 +\\[[^]]*\\] +\\d+ +\\d\\.\\d{4} +\\d\\.\\d{3} +\\d\\.\\d{5}$")
                .containsPattern("(?m)^greedy pair \\(zero sweep\\) +\\[L\\dH\\d, L\\dH\\d\\] +\\d+ ")
                .containsPattern("(?m)^best pair \\(mean, exhaustive\\) +\\[L\\dH\\d, L\\dH\\d\\] +\\d+ ")
                .contains("Edges kept at tau 0.01:").containsPattern("(?m)^39 +(reproduced|partly|refuted|not applicable) ");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(o.get("edges_in_graph").getAsInt()).isEqualTo(29);
        JsonArray runs = o.getAsJsonArray("discovered");
        assertThat(runs).hasSize(4);
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.get(i).getAsJsonObject();
            assertThat(run.getAsJsonArray("kept")).hasSize(run.get("edges").getAsInt());
        }
        assertThat(o.getAsJsonArray("pairs")).hasSize(3);
        assertThat(o.getAsJsonArray("verdicts").get(0).getAsJsonObject().get("number").getAsInt()).isEqualTo(39);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("refuses --ablate, which it does not take, with one error line naming the flag")
    void refusesAblate() {
        assertThat(MainTest.inputError(MainTest.cli("circuit", "--ablate", "1.1")))
                .contains("Unknown options: '--ablate', '1.1'");
    }
}
