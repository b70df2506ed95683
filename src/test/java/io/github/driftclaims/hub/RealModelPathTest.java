package io.github.driftclaims.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.verdict.LaterMeasurements;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline proxy for running the claims on the real attn-only-2l: a hub that serves a small
 * checkpoint in the same format (a torch.save {@code *final.pth}, Neel's config.json, a tokenizer
 * repository), downloaded into a huggingface_hub cache, loaded and run through the notebook's workload.
 */
@DisplayName("attn-only-2l's code path, offline: hub download, cache, .pth load, the notebook's workload and its later cells")
class RealModelPathTest {

    static final Path TINY = Path.of("fixtures", "tiny-random-2l");

    static List<LaterCells> later(HookedTransformer m, NotebookRun run) {
        return PromptStyle.forModel(m).stream().map(s -> LaterCells.measure(m, s, run.topK().heads())).toList();
    }

    @TempDir
    Path cache;

    @Test
    @DisplayName("a checkpoint fetched as attn-only-2l gives the same numbers as the same file loaded directly, and a second run makes no request")
    void fetchedModelRunsTheNotebook() throws IOException {
        try (FakeHub hub = FakeHub.start()) {
            hub.repo(TestRepos.WEIGHTS_REPO, TestRepos.WEIGHTS_COMMIT)
                    .file(TestRepos.WEIGHTS_REPO, "config.json", Files.readString(TINY.resolve("config.json")))
                    .lfsFile(TestRepos.WEIGHTS_REPO, TestRepos.CHECKPOINT, Files.readAllBytes(TINY.resolve("tiny_final.pth")))
                    .repo(TestRepos.TOKENIZER_REPO, TestRepos.TOKENIZER_COMMIT)
                    .file(TestRepos.TOKENIZER_REPO, "tokenizer.json", Files.readString(TINY.resolve("tokenizer.json")))
                    .file(TestRepos.TOKENIZER_REPO, "tokenizer_config.json",
                            Files.readString(TINY.resolve("tokenizer_config.json")));
            HubSettings settings = TestRepos.settings(hub, cache);
            ResolvedModel fetched = TestRepos.resolver(settings).resolve("attn-only-2l", true);
            assertThat(fetched.checkpoint().getFileName().toString()).endsWith("final.pth");
            ModelFiles files = fetched.toModelFiles();
            assertThat(files.provenance()).containsEntry("weights_commit", TestRepos.WEIGHTS_COMMIT)
                    .containsEntry("checkpoint_sha256", FakeHub.sha256(Files.readAllBytes(TINY.resolve("tiny_final.pth"))));

            NotebookRun viaHub;
            List<LaterCells> laterViaHub;
            try (HookedTransformer m = ModelLoader.load(files, true)) {
                viaHub = NotebookRun.of(m, 2, List.of());
                laterViaHub = later(m, viaHub);
            }
            NotebookRun direct;
            List<LaterCells> laterDirect;
            try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(TINY).withCheckpoint(
                    TINY.resolve("tiny_final.pth")), true)) {
                direct = NotebookRun.of(m, 2, List.of());
                laterDirect = later(m, direct);
            }
            assertThat(viaHub.baseline().drift()).isEqualTo(direct.baseline().drift());
            assertThat(viaHub.topK().heads()).isEqualTo(direct.topK().heads());
            assertThat(viaHub.sweep().ranked()).isEqualTo(direct.sweep().ranked());
            // The later cells end to end: the tiny tokenizer has no "Next" or "Generator", so the model gets the
            // "Sequence: ..." form (13 tokens at 10 symbols, inside its n_ctx of 16).
            assertThat(laterViaHub).extracting(LaterCells::style).containsExactly(PromptStyle.SEQUENCE);
            assertThat(laterViaHub).isEqualTo(laterDirect);
            LaterCells l = laterViaHub.get(0);
            assertThat(l.evidence().counts()).hasSize(11).allSatisfy(c -> assertThat(c.baseline()).hasSize(10));
            assertThat(l.tracking().steps()).hasSize(LaterCells.TRACKING_STREAMS * LaterCells.TRACKING_STEPS);
            assertThat(Rules.later(LaterMeasurements.of(l, l.effects()))).extracting(f -> f.claim().number())
                    .containsExactly(12, 13, 14, 15, 16);

            int before = hub.requests().size();
            ResolvedModel again = TestRepos.resolver(settings.withOffline(true)).resolve("attn-only-2l", false);
            assertThat(again.checkpoint()).isEqualTo(fetched.checkpoint());
            assertThat(hub.requests()).hasSize(before);
        }
    }
}
