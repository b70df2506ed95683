package io.github.driftclaims.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.verdict.LaterMeasurements;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.Golden;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline proxy for running the claims on the real attn-only-2l: a hub that serves a small
 * checkpoint in the same format (a torch.save {@code *final.pth}, Neel's config.json, a tokenizer
 * repository), downloaded into a huggingface_hub cache, loaded and run through the notebook's workload.
 */
@DisplayName("attn-only-2l's code path, offline: hub download, cache, .pth load and the notebook's workload")
class RealModelPathTest {

    static final Path TINY = Path.of("fixtures", "tiny-random-2l");

    /** The heads make_golden.py ablates together (its third ABLATIONS entry). */
    static final List<Head> PAIR = List.of(new Head(1, 3), new Head(0, 2));

    static List<LaterCells> later(HookedTransformer m, NotebookRun run) {
        return PromptStyle.forModel(m).stream().map(s -> LaterCells.measure(m, s, run.topK().heads())).toList();
    }

    @TempDir
    Path cache;

    /**
     * P(X | {X,Y}) = p_X / (p_X + p_Y) = 1 / (1 + exp(logit_Y - logit_X)), from PyTorch's last-position
     * logits. With each logit within 1e-5 the difference is within 2e-5 and the sigmoid, whose slope is
     * at most 1/4, within 5e-6; a drift (max - min of three) is then within 1e-5.
     */
    static double pXNorm(JsonObject goldenRun, int x, int y) {
        float[] logits = Golden.tensor(goldenRun.get("logits_last")).data();
        return 1 / (1 + Math.exp((double) logits[y] - logits[x]));
    }

    /** Drift across the notebook's orderings from golden.json: baseline ({@code heads} null) or an ablation. */
    static double drift(Golden golden, List<Head> heads, int x, int y) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Stimulus s : Stimulus.NOTEBOOK) {
            JsonObject g = golden.run("processed", s.name());
            JsonObject at = heads == null ? g : ablation(g, heads);
            double p = pXNorm(at, x, y);
            max = Math.max(max, p);
            min = Math.min(min, p);
        }
        return max - min;
    }

    static JsonObject ablation(JsonObject goldenRun, List<Head> heads) {
        for (JsonElement e : goldenRun.getAsJsonArray("ablations")) {
            JsonObject a = e.getAsJsonObject();
            List<Head> recorded = new ArrayList<>();
            if (a.has("heads")) {
                a.getAsJsonArray("heads").forEach(h -> recorded.add(
                        new Head(h.getAsJsonArray().get(0).getAsInt(), h.getAsJsonArray().get(1).getAsInt())));
            } else {
                recorded.add(new Head(a.get("layer").getAsInt(), a.get("head").getAsInt()));
            }
            if (recorded.equals(heads)) {
                return a;
            }
        }
        throw new AssertionError("golden.json records no ablation of " + heads);
    }

    @Test
    @DisplayName("a checkpoint fetched as attn-only-2l gives PyTorch's logits, patterns and drift for it, and a second run makes no request")
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

            // The reference is independent of this code: golden.json holds what PyTorch computed
            // (tools/golden/make_golden.py) for this same checkpoint with processed weights.
            Golden golden = Golden.load();
            NotebookRun run;
            try (HookedTransformer m = ModelLoader.load(files, true)) {
                for (String prompt : golden.json().getAsJsonObject("prompts").keySet()) {
                    JsonObject expected = golden.run("processed", prompt);
                    int[] tokens = m.tokenizer().tokensWithBos(
                            golden.json().getAsJsonObject("prompts").get(prompt).getAsString());
                    assertThat(tokens).as("tokens of \"%s\"", prompt).containsExactly(golden.tokens(prompt));
                    HookedTransformer.Run r = m.run(new int[][] {tokens},
                            Hooks.none().capturing(HookPoint.pattern(0), HookPoint.pattern(1)));
                    assertThat(Golden.maxAbsDiff(Golden.tensor(expected.get("logits_last")).data(), r.logitsLast()[0]))
                            .as("last-position logits of \"%s\" vs PyTorch", prompt).isLessThanOrEqualTo(Golden.TOL);
                    assertThat(Golden.maxAbsDiff(Golden.tensor(expected.get("pattern")), Golden.patterns(r)))
                            .as("attention patterns of \"%s\" vs PyTorch", prompt).isLessThanOrEqualTo(Golden.TOL);
                }
                run = NotebookRun.of(m, NotebookRun.NOTEBOOK_TOP_K, PAIR);
                // The later cells end to end: the tiny tokenizer has no "Next" or "Generator", so the model gets
                // the "Sequence: ..." form (13 tokens at 10 symbols, inside its n_ctx of 16).
                List<LaterCells> laterCells = later(m, run);
                assertThat(laterCells).extracting(LaterCells::style).containsExactly(PromptStyle.SEQUENCE);
                LaterCells l = laterCells.get(0);
                assertThat(l.evidence().counts()).hasSize(11).allSatisfy(c -> assertThat(c.baseline()).hasSize(10));
                assertThat(l.tracking().steps()).hasSize(LaterCells.TRACKING_STREAMS * LaterCells.TRACKING_STEPS);
                assertThat(Rules.later(LaterMeasurements.of(l, l.effects()))).extracting(f -> f.claim().number())
                        .containsExactly(12, 13, 14, 15, 16);
            }

            // The notebook's workload on the fetched model, against drift computed here from PyTorch's
            // logits for the notebook's three orderings (golden.json's prompts are the notebook's).
            for (Stimulus s : Stimulus.NOTEBOOK) {
                assertThat(golden.json().getAsJsonObject("prompts").get(s.name()).getAsString()).isEqualTo(s.prompt());
            }
            int x = golden.json().get("x_id").getAsInt();
            int y = golden.json().get("y_id").getAsInt();
            for (Stimulus s : Stimulus.NOTEBOOK) {
                assertThat(run.baseline().row(s.name()).pXNorm()).as("P(X | {X,Y}) for %s", s.name())
                        .isCloseTo(pXNorm(golden.run("processed", s.name()), x, y), within(Golden.TOL));
            }
            assertThat(run.baseline().drift()).as("baseline drift")
                    .isCloseTo(drift(golden, null, x, y), within(Golden.TOL));
            for (Head h : List.of(new Head(0, 2), new Head(1, 3))) {
                AblationSweep.Row row = run.sweep().ranked().stream().filter(rw -> rw.head().equals(h)).findFirst()
                        .orElseThrow();
                assertThat(row.drift()).as("sweep drift with %s zeroed", h)
                        .isCloseTo(drift(golden, List.of(h), x, y), within(Golden.TOL));
            }
            assertThat(run.extraResult().drift()).as("drift with %s zeroed together", PAIR)
                    .isCloseTo(drift(golden, PAIR, x, y), within(Golden.TOL));

            int before = hub.requests().size();
            ResolvedModel again = TestRepos.resolver(settings.withOffline(true)).resolve("attn-only-2l", false);
            assertThat(again.checkpoint()).isEqualTo(fetched.checkpoint());
            assertThat(hub.requests()).hasSize(before);
        }
    }
}
