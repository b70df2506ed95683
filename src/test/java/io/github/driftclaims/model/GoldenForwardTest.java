package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forward pass reproduces, within 1e-5 in float32, what PyTorch computes with TransformerLens's
 * math on the same random checkpoint: for both checkpoint formats, with weight processing on and off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The forward pass matches TransformerLens's numbers on a random checkpoint")
class GoldenForwardTest {

    static final double TOL = Golden.TOL;
    static final List<String> PROMPTS = List.of("patterned", "clumped", "mixed", "ab");
    /**
     * The prompts make_golden.py records head ablations for (its {@code full_prompts}): the three
     * notebook orderings. "ab" has logits and patterns only, so it gets no ablation case at all
     * rather than a case that passes without checking anything.
     */
    static final List<String> ABLATION_PROMPTS = List.of("patterned", "clumped", "mixed");

    Golden golden;
    final List<HookedTransformer> open = new ArrayList<>();

    @BeforeAll
    void loadGolden() {
        golden = Golden.load();
    }

    @AfterAll
    void closeModels() {
        open.forEach(HookedTransformer::close);
    }

    enum Format {
        SAFETENSORS("model.safetensors"), PTH("tiny_final.pth");

        final String file;

        Format(String file) {
            this.file = file;
        }
    }

    HookedTransformer model(Format format, boolean processed) {
        HookedTransformer m = ModelLoader.load(
                ModelFiles.fromDirectory(Golden.DIR).withCheckpoint(Golden.DIR.resolve(format.file)), processed);
        open.add(m);
        return m;
    }

    Stream<Arguments> cases() {
        return cases(PROMPTS);
    }

    Stream<Arguments> ablationCases() {
        return cases(ABLATION_PROMPTS);
    }

    static Stream<Arguments> cases(List<String> prompts) {
        List<Arguments> out = new ArrayList<>();
        for (Format f : Format.values()) {
            for (boolean processed : new boolean[] {true, false}) {
                for (String p : prompts) {
                    out.add(Arguments.of(f, processed, p));
                }
            }
        }
        return out.stream();
    }

    @Test
    @DisplayName("the ablation cases are exactly the golden runs that record ablations, so none is skipped")
    void ablationCasesCoverTheGoldenAblations() {
        for (String kind : List.of("processed", "raw")) {
            List<String> withAblations = golden.json().getAsJsonObject("runs").getAsJsonObject(kind).entrySet()
                    .stream().filter(e -> e.getValue().getAsJsonObject().has("ablations")).map(e -> e.getKey())
                    .toList();
            assertThat(withAblations).as("%s prompts with ablations in golden.json", kind)
                    .containsExactlyElementsOf(ABLATION_PROMPTS);
        }
    }

    @ParameterizedTest(name = "{0}, processing {1}, prompt \"{2}\"")
    @MethodSource("cases")
    @DisplayName("tokens, last-position logits, every attention pattern and hook_z agree within 1e-5")
    void forwardMatchesGolden(Format format, boolean processed, String prompt) {
        HookedTransformer m = model(format, processed);
        JsonObject expected = golden.run(processed ? "processed" : "raw", prompt);
        int[] tokens = m.tokenizer().tokensWithBos(golden.json().getAsJsonObject("prompts").get(prompt).getAsString());
        assertThat(tokens).containsExactly(golden.tokens(prompt));

        Hooks capture = Hooks.none().capturing(HookPoint.pattern(0), HookPoint.pattern(1), HookPoint.z(0),
                HookPoint.z(1), HookPoint.residPost(1), HookPoint.LOGITS);
        HookedTransformer.Run run = m.run(new int[][] {tokens}, capture);

        HostTensor logitsLast = Golden.tensor(expected.get("logits_last"));
        assertThat(Golden.maxAbsDiff(logitsLast.data(), run.logitsLast()[0])).isLessThanOrEqualTo(TOL);
        assertThat(Golden.maxAbsDiff(Golden.tensor(expected.get("pattern")), stackLayers(run, true)))
                .isLessThanOrEqualTo(TOL);
        if (expected.has("z")) {
            assertThat(Golden.maxAbsDiff(Golden.tensor(expected.get("z")), stackLayers(run, false)))
                    .isLessThanOrEqualTo(TOL);
            assertThat(Golden.maxAbsDiff(Golden.tensor(expected.get("logits")), squeeze(run.activation(HookPoint.LOGITS))))
                    .isLessThanOrEqualTo(TOL);
            assertThat(Golden.maxAbsDiff(Golden.tensor(expected.get("resid_final")),
                    squeeze(run.activation(HookPoint.residPost(1))))).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "{0}, processing {1}, prompt \"{2}\"")
    @MethodSource("ablationCases")
    @DisplayName("zero-ablating heads at hook_z gives TransformerLens's logits and patterns")
    void ablationMatchesGolden(Format format, boolean processed, String prompt) {
        JsonObject expected = golden.run(processed ? "processed" : "raw", prompt);
        assertThat(expected.has("ablations")).as("golden.json records ablations for \"%s\"", prompt).isTrue();
        // make_golden.py's ABLATIONS: L0H2, L1H3 (each with patterns), and both together (logits only)
        assertThat(expected.getAsJsonArray("ablations")).as("recorded ablations").hasSize(3);
        HookedTransformer m = model(format, processed);
        int[] tokens = golden.tokens(prompt);
        for (JsonElement e : expected.getAsJsonArray("ablations")) {
            JsonObject a = e.getAsJsonObject();
            List<Head> heads = new ArrayList<>();
            if (a.has("heads")) {
                a.getAsJsonArray("heads").forEach(h -> heads.add(new Head(
                        h.getAsJsonArray().get(0).getAsInt(), h.getAsJsonArray().get(1).getAsInt())));
            } else {
                heads.add(new Head(a.get("layer").getAsInt(), a.get("head").getAsInt()));
            }
            Hooks hooks = Ablation.zeroHeads(m.config(), heads).capturing(HookPoint.pattern(0), HookPoint.pattern(1));
            HookedTransformer.Run run = m.run(new int[][] {tokens}, hooks);
            assertThat(Golden.maxAbsDiff(Golden.tensor(a.get("logits_last")).data(), run.logitsLast()[0]))
                    .as("logits with %s zeroed", heads).isLessThanOrEqualTo(TOL);
            if (!a.has("heads")) { // single-head ablations record patterns; the pair records logits only
                assertThat(Golden.maxAbsDiff(Golden.tensor(a.get("pattern")), stackLayers(run, true)))
                        .as("patterns with %s zeroed", heads).isLessThanOrEqualTo(TOL);
            }
        }
    }

    /** [L, ...] from the per-layer captures, dropping the batch axis of 1. */
    static HostTensor stackLayers(HookedTransformer.Run run, boolean pattern) {
        HostTensor l0 = run.activation(pattern ? HookPoint.pattern(0) : HookPoint.z(0));
        HostTensor l1 = run.activation(pattern ? HookPoint.pattern(1) : HookPoint.z(1));
        float[] data = new float[l0.data().length * 2];
        System.arraycopy(l0.data(), 0, data, 0, l0.data().length);
        System.arraycopy(l1.data(), 0, data, l0.data().length, l1.data().length);
        long[] shape = l0.shape().clone();
        shape[0] = 2;
        return new HostTensor(shape, data);
    }

    static HostTensor squeeze(HostTensor t) {
        long[] shape = java.util.Arrays.copyOfRange(t.shape(), 1, t.shape().length);
        return new HostTensor(shape, t.data());
    }
}
