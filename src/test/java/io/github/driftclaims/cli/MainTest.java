package io.github.driftclaims.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The command line")
class MainTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("run --json writes the notebook's record in the reference file's structure")
    void runWritesReferenceShapedJson() throws Exception {
        Path out = dir.resolve("run.json");
        assertThat(Main.run(new String[] {"run", "--model", "fixtures/tiny-random-2l", "--ablate", "1.2",
                "--json", out.toString()})).isZero();
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject ref = JsonParser.parseString(Files.readString(Path.of("fixtures/attn-only-2l/attn-only-2l-notebook-fp32.json")))
                .getAsJsonObject();
        for (String key : new String[] {"baseline", "single_head_sweep", "top2_ablation", "attention_patterns"}) {
            assertThat(o.has(key)).as(key).isTrue();
            assertThat(ref.has(key)).as("reference has " + key).isTrue();
        }
        assertThat(o.getAsJsonObject("baseline").getAsJsonObject("rows").getAsJsonObject("patterned").keySet())
                .containsAll(ref.getAsJsonObject("baseline").getAsJsonObject("rows").getAsJsonObject("patterned").keySet());
        assertThat(o.getAsJsonObject("single_head_sweep").getAsJsonArray("rows")).hasSize(8);
        assertThat(o.getAsJsonObject("top2_ablation").getAsJsonArray("heads")).hasSize(2);
        assertThat(o.getAsJsonObject("requested_ablation").getAsJsonArray("heads").get(0).getAsJsonArray().get(1).getAsInt())
                .isEqualTo(2);
        assertThat(o.getAsJsonObject("attention_patterns").getAsJsonObject("mixed").getAsJsonArray("layer1")).hasSize(4);
    }

    @Test
    @DisplayName("run --experiment evidence-sweep --json writes the later cells in the later-cells reference's structure")
    void laterCellsJson() throws Exception {
        Path out = dir.resolve("later.json");
        assertThat(Main.run(new String[] {"run", "--experiment", "evidence-sweep", "--model", "fixtures/tiny-random-2l",
                "--json", out.toString()})).isZero();
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject ref = JsonParser.parseString(Files.readString(Path.of(
                "fixtures/attn-only-2l/attn-only-2l-notebook-later-cells.json"))).getAsJsonObject();
        JsonObject mine = o.getAsJsonObject("cpu_fp32_sequence_prompt").getAsJsonObject("evidence_sweep");
        JsonObject theirs = ref.getAsJsonObject("cpu_fp32_toy_prompt").getAsJsonObject("evidence_sweep");
        assertThat(mine.getAsJsonArray("rows")).hasSize(theirs.getAsJsonArray("rows").size());
        assertThat(mine.getAsJsonArray("rows").get(3).getAsJsonObject().keySet())
                .containsAll(theirs.getAsJsonArray("rows").get(3).getAsJsonObject().keySet());
        assertThat(mine.getAsJsonObject("mae_to_bayes").keySet()).isEqualTo(theirs.getAsJsonObject("mae_to_bayes").keySet());
        assertThat(o.getAsJsonObject("cpu_fp32_sequence_prompt").has("drift_4x1y")).as("only the asked experiment").isFalse();
        assertThatThrownBy(() -> Main.run(new String[] {"run", "--experiment", "nope", "--model", "fixtures/tiny-random-2l"}))
                .hasMessageContaining("unknown experiment 'nope'");
    }

    @Test
    @DisplayName("a bad model directory is a clear error and no --json file is left behind")
    void badModelWritesNothing() {
        Path out = dir.resolve("run.json");
        assertThatThrownBy(() -> Main.run(new String[] {"run", "--model", dir.resolve("missing").toString(), "--json",
                out.toString()})).hasMessageContaining("neither a model directory nor a known alias");
        assertThat(out).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    @DisplayName("an unknown head in --ablate names the head and the model's shape")
    void unknownHead() {
        assertThatThrownBy(() -> Main.run(new String[] {"run", "--model", "fixtures/tiny-random-2l", "--ablate", "3.1"}))
                .hasMessageContaining("L3H1 does not exist in a model with 2 layers of 4 heads");
    }
}
