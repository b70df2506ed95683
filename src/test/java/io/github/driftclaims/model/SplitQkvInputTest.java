package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hook_q_input, hook_k_input and hook_v_input (TransformerLens's use_split_qkv_input): the residual stream as each
 * head's query, key and value read it, the points path patching replaces. On the tiny golden model, with processed
 * weights (LNPre) and raw ones (ln1 with its weight and bias, applied to the hooked copy).
 */
@DisplayName("The per-head query, key and value inputs")
class SplitQkvInputTest {

    /** Float32 noise of two summation orders over logits of magnitude ~10 (ToyReferenceForwardTest's line is 1e-4). */
    static final float LOGIT_NOISE = 1e-5f;

    static final int[][] TOKENS = {{0, 5, 6, 7, 5, 6}, {0, 7, 7, 5, 6, 5}};

    static final List<IntFunction<String>> POINTS = List.of(HookPoint::qInput, HookPoint::kInput, HookPoint::vInput);

    @ParameterizedTest(name = "processed weights: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("are the residual stream copied per head, and replacing each by its own captured value leaves the logits "
            + "those of the plain forward")
    void capturedAndReplacedByThemselves(boolean processed) {
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(Golden.DIR), processed)) {
            ModelConfig c = m.config();
            float[][] plain = m.run(TOKENS, Hooks.none()).logitsLast();
            Hooks capture = Hooks.none();
            for (int l = 0; l < c.nLayers(); l++) {
                capture = capture.capturing(HookPoint.residPre(l));
                for (IntFunction<String> p : POINTS) {
                    capture = capture.capturing(p.apply(l));
                }
            }
            HookedTransformer.Run captured = m.run(TOKENS, capture);
            assertThat(captured.logitsLast()).as("capturing alone").satisfies(l -> close(l, plain));
            Hooks replace = Hooks.none();
            for (int l = 0; l < c.nLayers(); l++) {
                float[] resid = captured.activation(HookPoint.residPre(l)).data();
                for (IntFunction<String> p : POINTS) {
                    HostTensor in = captured.activation(p.apply(l));
                    assertThat(in.shape()).as(p.apply(l)).containsExactly(TOKENS.length, TOKENS[0].length, c.nHeads(),
                            c.dModel());
                    for (int i = 0; i < in.data().length; i++) {
                        int d = i % c.dModel();
                        int row = i / (c.nHeads() * c.dModel());
                        assertThat(in.data()[i]).isEqualTo(resid[row * c.dModel() + d]);
                    }
                    replace = replace.replacing(p.apply(l), a -> a.getManager().create(in.data(), new Shape(in.shape())));
                }
            }
            assertThat(m.run(TOKENS, replace).logitsLast()).as("every input replaced by itself")
                    .satisfies(l -> close(l, plain));
        }
    }

    @ParameterizedTest(name = "processed weights: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("reach the output: scaling one head's query, key or value input changes the logits, in a forward pass "
            + "and in a cached decoding step")
    void replacementsReachTheOutput(boolean processed) {
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(Golden.DIR), processed)) {
            ModelConfig c = m.config();
            float[][] plain = m.run(TOKENS, Hooks.none()).logitsLast();
            int last = c.nLayers() - 1;
            for (IntFunction<String> p : POINTS) {
                // Head 0 reads a shifted residual; ln1 would undo a pure scaling, so add instead.
                Hooks shifted = Hooks.none().replacing(p.apply(last), a -> {
                    float[] bump = new float[(int) a.size()];
                    for (int i = 0; i < bump.length; i++) {
                        bump[i] = (i / c.dModel()) % c.nHeads() == 0 ? (i % 3) - 1f : 0f;
                    }
                    return a.add(a.getManager().create(bump, a.getShape()));
                });
                assertThat(maxDiff(m.run(TOKENS, shifted).logitsLast(), plain)).as(p.apply(last)).isGreaterThan(10 * LOGIT_NOISE);
                try (HookedTransformer.Decoding a = m.decode(new int[][] {{0, 5}}, Hooks.none(), Unembed.FULL, 1);
                        HookedTransformer.Decoding b = m.decode(new int[][] {{0, 5}}, Hooks.none(), Unembed.FULL, 1)) {
                    float[][] x = a.next(new int[] {6});
                    float[][] y = b.nextWith(shifted, new int[] {6});
                    assertThat(maxDiff(x, y)).as(p.apply(last) + " in a step").isGreaterThan(10 * LOGIT_NOISE);
                }
            }
        }
    }

    private static void close(float[][] a, float[][] b) {
        assertThat(maxDiff(a, b)).isLessThanOrEqualTo(LOGIT_NOISE);
    }

    private static float maxDiff(float[][] a, float[][] b) {
        float worst = 0;
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < a[r].length; i++) {
                worst = Math.max(worst, Math.abs(a[r][i] - b[r][i]));
            }
        }
        return worst;
    }
}
