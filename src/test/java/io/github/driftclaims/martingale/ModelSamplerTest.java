package io.github.driftclaims.martingale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model sampler on the shipped default (toy-induction-2l seed 0, n_ctx 51), against a sampler written out here
 * the slow way: the whole prompt re-run at every step, no KV cache, the full unembedding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The model sampler")
class ModelSamplerTest {

    static final Path DEFAULT = Path.of("fixtures/ensembles/toy-induction-2l/seed-0");
    HookedTransformer model;

    @BeforeAll
    void load() {
        model = ModelLoader.load(ModelFiles.fromDirectory(DEFAULT), true);
    }

    @AfterAll
    void close() {
        model.close();
    }

    /**
     * The same draws in the same order as ModelSampler (every path's permutation first, then one uniform per path
     * and step), each P(X) from an uncached forward of the whole sequence so far with the full vocabulary.
     */
    int[][] uncached(Hooks hooks, int[] observed, int paths, int steps, RandomGenerator rng) {
        int x = model.tokenizer().toSingleToken(" X");
        int y = model.tokenizer().toSingleToken(" Y");
        List<List<Integer>> rows = new ArrayList<>();
        for (int j = 0; j < paths; j++) {
            int[] order = observed.clone();
            MathArrays.shuffle(order, rng);
            List<String> symbols = new ArrayList<>();
            for (int v : order) {
                symbols.add(v == 1 ? "X" : "Y");
            }
            List<Integer> row = new ArrayList<>();
            for (int id : model.tokenizer().tokensWithBos(PromptStyle.SEQUENCE.fill(symbols))) {
                row.add(id);
            }
            rows.add(row);
        }
        int[][] out = new int[paths][steps];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < paths; j++) {
                int[] ids = rows.get(j).stream().mapToInt(Integer::intValue).toArray();
                float[] logits = model.run(new int[][] {ids}, hooks).logitsLast()[0];
                double pX = Readout.pXGivenPair((double) logits[x] - logits[y]);
                out[j][t] = rng.nextDouble() < pX ? 1 : 0;
                rows.get(j).add(out[j][t] == 1 ? x : y);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"as trained", "with L0H0 and L1H1 zero-ablated at hook_z"})
    @DisplayName("draws, from the same random stream, the paths of an uncached sampler that re-runs the whole prompt")
    void cachedEqualsUncached(String condition) {
        Hooks hooks = condition.equals("as trained") ? Hooks.none()
                : Ablation.zeroHeads(model.config(), List.of(new Head(0, 0), new Head(1, 1)));
        int[] observed = {1, 1, 0, 1, 0, 0, 0, 1};
        int[][] cached = new ModelSampler(model, hooks).sample(observed, 6, 10, Rngs.stream(3, Rngs.PATHS));
        int[][] slow = uncached(hooks, observed, 6, 10, Rngs.stream(3, Rngs.PATHS));
        assertThat(cached).isDeepEqualTo(slow);
        // not a constant sampler: both symbols are drawn, and the paths differ
        assertThat(Arrays.stream(cached).flatMapToInt(Arrays::stream).distinct().sorted().toArray()).containsExactly(0, 1);
        assertThat(Arrays.stream(cached).map(Arrays::toString).distinct().count()).isGreaterThan(1);
    }

    @Test
    @DisplayName("ablating the drift heads changes the drawn paths (the hooks reach every step)")
    void ablationChangesPaths() {
        int[] observed = {1, 1, 0, 1, 0, 0, 0, 1};
        int[][] plain = new ModelSampler(model, Hooks.none()).sample(observed, 20, 12, Rngs.stream(5, Rngs.PATHS));
        int[][] ablated = new ModelSampler(model, Ablation.zeroHeads(model.config(),
                List.of(new Head(0, 0), new Head(1, 1)))).sample(observed, 20, 12, Rngs.stream(5, Rngs.PATHS));
        assertThat(java.util.Arrays.deepEquals(ablated, plain)).as("the ablated paths equal the plain ones").isFalse();
    }

    @Test
    @DisplayName("needs the prompt (BOS, Sequence, :, n symbols) plus m - 1 fed-back samples of context")
    void contextNeeded() {
        ModelSampler s = new ModelSampler(model, Hooks.none());
        // the toy tokenizer writes "Sequence: X Y ..." as BOS, "Sequence", ":" and one token a symbol
        assertThat(s.contextNeeded(16, 32)).isEqualTo(3 + 16 + 31);
        assertThat(s.contextNeeded(10, 5)).isEqualTo(3 + 10 + 4);
    }

    @Test
    @DisplayName("runs a cell that fills the context exactly, and refuses one a position longer, naming n_ctx")
    void experimentContextBoundary() {
        List<Head> heads = List.of(new Head(0, 0), new Head(1, 1));
        // 3 + 16 + 32 = 51 = n_ctx
        MartingaleGrid fits = new MartingaleGrid(List.of(new MartingaleResult.Cell(16, 33, 0.5)), 4, 20, 1);
        MartingaleExperiment e = MartingaleExperiment.run(model, heads, fits);
        assertThat(e.baseline()).hasSize(1);
        assertThat(e.ablated()).hasSize(1);
        assertThat(e.baseline().get(0).cell().m()).isEqualTo(33);
        MartingaleGrid tooLong = new MartingaleGrid(List.of(new MartingaleResult.Cell(16, 34, 0.5)), 4, 20, 1);
        assertThatThrownBy(() -> MartingaleExperiment.run(model, heads, tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 52 positions but the model's n_ctx is 51");
    }

    @Test
    @DisplayName("gives the baseline and the ablated condition the same observed data, so they differ only by the ablation")
    void experimentPairsConditions() {
        MartingaleGrid g = new MartingaleGrid(List.of(new MartingaleResult.Cell(10, 12, 0.5)), 20, 20, 2);
        MartingaleExperiment e = MartingaleExperiment.run(model, List.of(new Head(0, 0), new Head(1, 1)), g);
        MartingaleResult b = e.baseline().get(0);
        MartingaleResult a = e.ablated().get(0);
        assertThat(a.observedMean()).isEqualTo(b.observedMean());
        assertThat(a.statistics()).isNotEqualTo(b.statistics());
        assertThat(e.heads()).containsExactly(new Head(0, 0), new Head(1, 1));
    }
}
