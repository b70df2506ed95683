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

    @Test
    @DisplayName("--json naming an existing directory, or no name at all, is an error that writes nothing anywhere")
    void jsonTargetThatIsNotAFile() throws Exception {
        Path target = Files.createDirectory(dir.resolve("out"));
        Files.writeString(target.resolve("keep.txt"), "kept");
        assertThatThrownBy(() -> Main.writeAtomically(target, "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("a directory");
        assertThat(target.resolve("keep.txt")).hasContent("kept");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("out");
        }

        Path cwdParent = Path.of("").toAbsolutePath().getParent();
        java.util.function.Supplier<java.util.List<String>> tmpFiles = () -> {
            try (var files = Files.list(cwdParent)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        var before = tmpFiles.get();
        assertThatThrownBy(() -> Main.writeAtomically(Path.of(""), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an empty file name");
        assertThat(tmpFiles.get()).as("no temporary file in " + cwdParent).isEqualTo(before);
    }
}
