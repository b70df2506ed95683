package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The model alias table")
class ModelAliasTest {

    @TempDir
    Path cacheDir;

    @Test
    @DisplayName("maps the four attn-only aliases to NeelNanda's repositories and the shared tokenizer")
    void knownAliases() {
        assertThat(ModelAlias.KNOWN).extracting(ModelAlias::alias)
                .containsExactly("attn-only-1l", "attn-only-2l", "attn-only-3l", "attn-only-4l");
        assertThat(ModelAlias.require("attn-only-1l").weightsRepo()).isEqualTo("NeelNanda/Attn_Only_1L512W_C4_Code");
        assertThat(ModelAlias.require("attn-only-2l").weightsRepo()).isEqualTo("NeelNanda/Attn_Only_2L512W_C4_Code");
        assertThat(ModelAlias.require("attn-only-3l").weightsRepo()).isEqualTo("NeelNanda/Attn_Only_3L512W_C4_Code");
        assertThat(ModelAlias.require("attn-only-4l").weightsRepo()).isEqualTo("NeelNanda/Attn_Only_4L512W_C4_Code");
        assertThat(ModelAlias.KNOWN).allSatisfy(row -> {
            assertThat(row.tokenizerRepo()).isEqualTo("NeelNanda/gpt-neox-tokenizer-digits");
            assertThat(row.checkpointSuffix()).isEqualTo("final.pth");
        });
    }

    @Test
    @DisplayName("selects the first file of the listing that ends in final.pth, as TransformerLens does")
    void selectsFirstFinalCheckpoint() {
        ModelAlias row = ModelAlias.require("attn-only-2l");

        assertThat(row.selectCheckpoint(List.of("README.md", "step_100.pth", "zz_final.pth", "aa_final.pth")))
                .contains("zz_final.pth");
        assertThat(row.selectCheckpoint(List.of("config.json", "final.pth.txt"))).isEmpty();
    }

    @Test
    @DisplayName("resolves attn-only-2l through the hub to the first *final.pth in the repository's siblings")
    void resolvesFirstFinalCheckpointFromHub() {
        byte[] first = randomBytes(4096, 1);
        byte[] second = randomBytes(4096, 2);
        try (FakeHub hub = FakeHub.start()) {
            hub.repo(WEIGHTS_REPO, WEIGHTS_COMMIT)
                    .file(WEIGHTS_REPO, "config.json", CONFIG_JSON)
                    .lfsFile(WEIGHTS_REPO, "checkpoints/step_5000.pth", randomBytes(10, 3))
                    .lfsFile(WEIGHTS_REPO, "zz_final.pth", first)
                    .lfsFile(WEIGHTS_REPO, "aa_final.pth", second)
                    .repo(TOKENIZER_REPO, TOKENIZER_COMMIT)
                    .file(TOKENIZER_REPO, "tokenizer.json", TOKENIZER_JSON);

            ResolvedModel model = resolver(settings(hub, cacheDir)).resolve("attn-only-2l", true);

            assertThat(model.checkpointFilename()).isEqualTo("zz_final.pth");
            assertThat(model.checkpoint()).hasBinaryContent(first);
            assertThat(model.weightsRepo()).isEqualTo(WEIGHTS_REPO);
            assertThat(model.tokenizerRepo()).isEqualTo(TOKENIZER_REPO);
            assertThat(hub.requests().stream().map(FakeHub.Request::path))
                    .noneMatch(p -> p.contains("aa_final") || p.contains(FakeHub.sha256(second)));
        }
    }

    @Test
    @DisplayName("rejects an unknown alias with the list of known ones")
    void unknownAlias() {
        assertThat(ModelAlias.find("attn-only-9l")).isEmpty();
        assertThatThrownBy(() -> ModelAlias.require("attn-only-9l"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("attn-only-9l")
                .hasMessageContaining("attn-only-1l, attn-only-2l, attn-only-3l, attn-only-4l");
    }
}
