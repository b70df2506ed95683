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

@DisplayName("The path-patching command")
class PathPatchingCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("prints each layer-1 input's sender x receiver table, the direct paths and claim 36, and writes every path "
            + "and the verdict as JSON")
    void printsAndWritesJson() throws Exception {
        Path out = dir.resolve("paths.json");
        Result r = MainTest.cli("path-patching", "--model", Main.DEFAULT_MODEL, "--json",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("clean patterned (X Y X Y X Y)").contains("corrupt clumped (X X X Y Y Y)")
                .contains("Into layer 1's q input").contains("Into layer 1's k input").contains("Into layer 1's v input")
                .containsPattern("(?m)^L0H1 +-?\\d+\\.\\d{4} +-?\\d+\\.\\d{4}$")
                .contains("Straight to the logits").containsPattern("(?m)^L1H1 +-?\\d+\\.\\d{4}$")
                .containsPattern("(?m)^36 +(reproduced|partly|refuted|not applicable) ");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonArray paths = o.getAsJsonArray("paths");
        // the default's 2 senders x 2 receivers x q, k, v, then its 4 heads' direct paths
        assertThat(paths).hasSize(2 * 2 * 3 + 4);
        JsonObject first = paths.get(0).getAsJsonObject();
        assertThat(first.get("hook").getAsString()).isEqualTo("blocks.1.hook_q_input");
        assertThat(paths.get(2 * 2 * 3).getAsJsonObject().get("receiver").getAsString()).isEqualTo("logits");
        assertThat(o.getAsJsonArray("drift_heads")).hasSize(2);
        assertThat(o.getAsJsonObject("verdicts").keySet()).containsExactly("36");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("refuses --ablate, which it does not take, with one error line naming the flag")
    void refusesAblate() {
        assertThat(MainTest.inputError(MainTest.cli("path-patching", "--ablate", "1.1")))
                .contains("Unknown options: '--ablate', '1.1'");
    }
}
