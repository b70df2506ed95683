package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.Head;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incremental decoding over the KV cache gives, at every step, the logits of a full forward over the whole
 * sequence so far, with and without z-ablation (which must apply at every step), on the tiny random fixture
 * with weights processed and raw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Cached decoding gives the uncached forward's logits at every step")
class KvCacheTest {

    static final double TOL = 1e-6;
    HookedTransformer processed;
    HookedTransformer raw;

    @BeforeAll
    void load() {
        processed = ModelLoader.load(ModelFiles.fromDirectory(Path.of("fixtures/tiny-random-2l")), true);
        raw = ModelLoader.load(ModelFiles.fromDirectory(Path.of("fixtures/tiny-random-2l")), false);
    }

    @AfterAll
    void close() {
        processed.close();
        raw.close();
    }

    HookedTransformer model(boolean p) {
        return p ? processed : raw;
    }

    static int[][] randomRows(SplittableRandom r, int rows, int length, int vocab) {
        int[][] out = new int[rows][length];
        for (int[] row : out) {
            for (int j = 0; j < length; j++) {
                row[j] = r.nextInt(vocab);
            }
        }
        return out;
    }

    /** Decodes {@code steps} tokens after a prefix of 4 and returns the largest |cached - uncached| over every step. */
    static double maxStepDifference(HookedTransformer m, Hooks hooks, int rows, int steps, long seed) {
        ModelConfig c = m.config();
        SplittableRandom r = new SplittableRandom(seed);
        int prefix = 4;
        int[][] all = randomRows(r, rows, prefix + steps, c.dVocab());
        int[][] start = new int[rows][];
        for (int i = 0; i < rows; i++) {
            start[i] = java.util.Arrays.copyOf(all[i], prefix);
        }
        double worst = 0;
        try (HookedTransformer.Decoding d = m.decode(start, hooks, Unembed.FULL, steps)) {
            worst = Math.max(worst, diff(d.logits(), m.run(start, hooks).logitsLast()));
            for (int s = 0; s < steps; s++) {
                int[] next = new int[rows];
                int[][] sofar = new int[rows][];
                for (int i = 0; i < rows; i++) {
                    next[i] = all[i][prefix + s];
                    sofar[i] = java.util.Arrays.copyOf(all[i], prefix + s + 1);
                }
                float[][] cached = d.next(next);
                worst = Math.max(worst, diff(cached, m.run(sofar, hooks).logitsLast()));
            }
        }
        return worst;
    }

    /**
     * Largest difference of any next-token probability (the softmax over the whole vocabulary, which is what
     * a sampler draws from; P(X | {X,Y}) is a ratio of two of them). Logits themselves differ by a few float32
     * ulps (2.5e-6 on this fixture) because a one-row matmul sums in another order than a T-row one; the
     * softmax is invariant to a common shift and those ulps move a probability by well under 1e-6.
     */
    static double diff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i].length).isEqualTo(b[i].length);
            double[] pa = softmax(a[i]);
            double[] pb = softmax(b[i]);
            for (int j = 0; j < pa.length; j++) {
                worst = Math.max(worst, Math.abs(pa[j] - pb[j]));
            }
        }
        return worst;
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int j = 0; j < logits.length; j++) {
            p[j] = Math.exp(logits[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    @ParameterizedTest(name = "weights processed: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("without ablation, every step's next-token probabilities equal the full forward's within 1e-6")
    void cachedEqualsUncached(boolean p) {
        int steps = model(p).config().nCtx() - 4;
        assertThat(maxStepDifference(model(p), Hooks.none(), 3, steps, 11)).isLessThanOrEqualTo(TOL);
    }

    @ParameterizedTest(name = "weights processed: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("with heads zero-ablated at hook_z (the same per row, and different per row), every step equals the full forward")
    void cachedEqualsUncachedUnderAblation(boolean p) {
        ModelConfig c = model(p).config();
        Hooks same = Ablation.zeroHeads(c, List.of(new Head(0, 1), new Head(c.nLayers() - 1, 0)));
        assertThat(maxStepDifference(model(p), same, 3, 6, 12)).isLessThanOrEqualTo(TOL);
        float[][][] keep = {Ablation.keep(c, List.of(new Head(0, 0))), Ablation.keep(c, List.of()),
            Ablation.keep(c, List.of(new Head(c.nLayers() - 1, 1)))};
        assertThat(maxStepDifference(model(p), Ablation.zeroHeadsPerRow(c, keep), 3, 6, 13)).isLessThanOrEqualTo(TOL);
    }

    @Test
    @DisplayName("the comparison can fail: a step whose ablation is dropped after the prefix differs from the ablated forward")
    void ablationAppliesAtEveryStep() {
        HookedTransformer m = processed;
        ModelConfig c = m.config();
        Hooks ablate = Ablation.zeroHeads(c, List.of(new Head(0, 0), new Head(1, 1)));
        int[][] start = randomRows(new SplittableRandom(5), 2, 5, c.dVocab());
        int[] next = {1, 2};
        int[][] full = new int[2][];
        for (int i = 0; i < 2; i++) {
            full[i] = java.util.Arrays.copyOf(start[i], 6);
            full[i][5] = next[i];
        }
        float[][] ablatedForward = m.run(full, ablate).logitsLast();
        // The cache was filled under ablation, but the step's hooks are none: the step must see the difference.
        try (HookedTransformer.Decoding withAblation = m.decode(start, ablate, Unembed.FULL, 1)) {
            assertThat(diff(withAblation.next(next), ablatedForward)).isLessThanOrEqualTo(TOL);
        }
        try (HookedTransformer.Decoding d = m.decode(start, ablate, Unembed.FULL, 1)) {
            float[][] stepWithoutHooks = stepWithHooks(m, d, next);
            assertThat(diff(stepWithoutHooks, ablatedForward)).isGreaterThan(1e-4);
        }
    }

    /** A step that ignores the decoding's hooks: the same cache, stepped with none. */
    static float[][] stepWithHooks(HookedTransformer m, HookedTransformer.Decoding d, int[] next) {
        return d.nextWith(Hooks.none(), next);
    }

    @Test
    @DisplayName("decoding past the positions it was started for, or past n_ctx, is refused")
    void capacityIsChecked() {
        HookedTransformer m = processed;
        int[][] start = randomRows(new SplittableRandom(1), 1, 3, m.config().dVocab());
        try (HookedTransformer.Decoding d = m.decode(start, Hooks.none(), Unembed.FULL, 1)) {
            d.next(new int[] {0});
            assertThatThrownBy(() -> d.next(new int[] {0})).hasMessageContaining("started for 4 positions");
        }
        assertThatThrownBy(() -> m.decode(start, Hooks.none(), Unembed.FULL, m.config().nCtx()))
                .hasMessageContaining("n_ctx");
    }
}
