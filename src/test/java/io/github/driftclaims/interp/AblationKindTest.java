package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ablation kinds on the tiny random fixture, processed and raw: the zero kind is the notebook's batched
 * zero-ablation; replacing a head's z with its own (the mean over a reference of the stimulus alone) changes nothing,
 * which a replacement put at the wrong head, layer or position would; resample takes z from the drawn source; and the
 * direct logit attribution decomposes the logit difference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Ablation kinds and direct logit attribution, on the tiny random fixture")
class AblationKindTest {

    final Map<Boolean, HookedTransformer> models = new HashMap<>();

    @BeforeAll
    void load() {
        for (boolean processed : new boolean[] {true, false}) {
            models.put(processed, ModelLoader.load(ModelFiles.fromDirectory(BatchedPathTest.TINY), processed));
        }
    }

    @AfterAll
    void close() {
        models.values().forEach(HookedTransformer::close);
    }

    @ParameterizedTest(name = "processed = {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("the zero kind gives the notebook's one-forward-per-sequence numbers, setting by setting")
    void zeroIsTheNotebooks(boolean processed) {
        DriftProbe probe = new DriftProbe(models.get(processed), Stimulus.NOTEBOOK);
        List<Set<Head>> settings = BatchedPathTest.notebookSettings(probe.model().config());
        // The notebook's loop (one forward per sequence, heads zeroed by a hook), not the batched path the zero
        // kind runs through: the comparison must not be the path with itself.
        List<DriftResult> expected = settings.stream().map(probe::evaluate).toList();
        List<DriftResult> actual = KindAblation.prepare(probe, new AblationKind.Zero()).evaluateAll(settings);
        for (int i = 0; i < settings.size(); i++) {
            assertThat(BatchedPathTest.maxDiff(expected.get(i), actual.get(i))).as("%s", settings.get(i))
                    .isLessThan(BatchedPathTest.TOL);
        }
    }

    @ParameterizedTest(name = "processed = {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("mean-ablating with the stimulus as its own reference changes nothing; with the 20 orderings it does")
    void ownMeanIsANoOp(boolean processed) {
        HookedTransformer model = models.get(processed);
        for (Stimulus s : Stimulus.NOTEBOOK) {
            DriftProbe probe = new DriftProbe(model, List.of(s));
            List<Set<Head>> settings = BatchedPathTest.notebookSettings(model.config());
            List<DriftResult> own = KindAblation.prepare(probe, new AblationKind.Mean("itself", List.of(s)))
                    .evaluateAll(settings);
            List<DriftResult> mean = KindAblation.prepare(probe, new AblationKind.Mean("20",
                    Stimulus.allOrderingsOf3X3Y())).evaluateAll(settings);
            double moved = 0;
            for (int i = 0; i < settings.size(); i++) {
                assertThat(own.get(i).rows().get(0).logitDiff()).as("%s, own z put back at %s", s.name(), settings.get(i))
                        .isCloseTo(own.get(0).rows().get(0).logitDiff(), within(1e-5));
                moved = Math.max(moved, Math.abs(mean.get(i).rows().get(0).logitDiff() - own.get(0).rows().get(0).logitDiff()));
            }
            assertThat(moved).as("%s: the 20 orderings' mean is not its own z", s.name()).isGreaterThan(1e-3);
        }
    }

    @Test
    @DisplayName("resample draws only other prompts, seeded; from a pool of one other it is mean-ablation over that one")
    void resampleTakesTheSource() {
        HookedTransformer model = models.get(true);
        Stimulus s = Stimulus.NOTEBOOK.get(0);
        Stimulus other = Stimulus.NOTEBOOK.get(1);
        DriftProbe probe = new DriftProbe(model, List.of(s));
        KindAblation resample = KindAblation.prepare(probe, new AblationKind.Resample("two", List.of(s, other), 3, 7));
        for (int k = 0; k < 3; k++) {
            assertThat(resample.source(0, k)).isEqualTo(1);
        }
        List<Set<Head>> settings = BatchedPathTest.notebookSettings(model.config());
        List<DriftResult> r = resample.evaluateAll(settings);
        List<DriftResult> m = KindAblation.prepare(probe, new AblationKind.Mean("other", List.of(other))).evaluateAll(settings);
        for (int i = 0; i < settings.size(); i++) {
            assertThat(BatchedPathTest.maxDiff(r.get(i), m.get(i))).as("%s", settings.get(i)).isLessThan(1e-6);
        }
        DriftProbe three = new DriftProbe(model, Stimulus.NOTEBOOK);
        AblationKind twenty = new AblationKind.Resample("20", Stimulus.allOrderingsOf3X3Y(), 10, 15);
        KindAblation a = KindAblation.prepare(three, twenty);
        KindAblation b = KindAblation.prepare(three, twenty);
        for (int st = 0; st < 3; st++) {
            for (int k = 0; k < 10; k++) {
                assertThat(a.source(st, k)).isEqualTo(b.source(st, k));
                assertThat(Stimulus.allOrderingsOf3X3Y().get(a.source(st, k)).symbols())
                        .isNotEqualTo(Stimulus.NOTEBOOK.get(st).symbols());
            }
        }
    }

    @Test
    @DisplayName("resample ablation of several stimuli averages, per stimulus, mean ablation over each of its drawn sources")
    void resampleIsTheMeanOverItsSources() {
        HookedTransformer model = models.get(true);
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        List<Stimulus> pool = Stimulus.allOrderingsOf3X3Y();
        KindAblation resample = KindAblation.prepare(probe, new AblationKind.Resample("20", pool, 3, 5));
        List<Set<Head>> settings = List.of(Set.of(new Head(0, 1)), Set.of(new Head(1, 2), new Head(0, 3)));
        List<DriftResult> r = resample.evaluateAll(settings);
        for (int st = 0; st < probe.stimuli().size(); st++) {
            DriftProbe one = new DriftProbe(model, List.of(probe.stimuli().get(st)));
            for (int a = 0; a < settings.size(); a++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    Stimulus source = pool.get(resample.source(st, k));
                    sum += KindAblation.prepare(one, new AblationKind.Mean("one", List.of(source)))
                            .evaluateAll(List.of(settings.get(a))).get(0).rows().get(0).logitDiff();
                }
                assertThat(r.get(a).rows().get(st).logitDiff()).as("stimulus %d, %s", st, settings.get(a))
                        .isCloseTo(sum / 3, within(1e-5));
            }
        }
    }

    @ParameterizedTest(name = "layer {0}")
    @ValueSource(ints = {0, 1})
    @DisplayName("mean ablation puts the reference's z into the ablated head of its own layer, as a hand-written hook does")
    void meanMatchesAHandWrittenHook(int layer) {
        HookedTransformer model = models.get(true);
        ModelConfig c = model.config();
        Stimulus s = Stimulus.NOTEBOOK.get(0);
        Stimulus other = Stimulus.NOTEBOOK.get(1);
        DriftProbe probe = new DriftProbe(model, List.of(s));
        int head = 1;
        String name = io.github.driftclaims.model.HookPoint.z(layer);
        float[] z = model.run(new int[][] {probe.with(List.of(other)).tokens(0)},
                io.github.driftclaims.model.Hooks.none().capturing(name)).activation(name).data();   // [1,T,H,E]
        int t = probe.tokens(0).length;
        float[] keep = new float[c.nHeads()];
        java.util.Arrays.fill(keep, 1f);
        keep[head] = 0f;
        float[] put = new float[z.length];
        for (int p = 0; p < t; p++) {
            int at = (p * c.nHeads() + head) * c.dHead();
            System.arraycopy(z, at, put, at, c.dHead());
        }
        io.github.driftclaims.model.Hooks hook = io.github.driftclaims.model.Hooks.none().replacing(name, x -> x
                .mul(x.getManager().create(keep, new ai.djl.ndarray.types.Shape(1, 1, c.nHeads(), 1)))
                .add(x.getManager().create(put, new ai.djl.ndarray.types.Shape(1, t, c.nHeads(), c.dHead()))));
        double expected = probe.evaluate(hook).rows().get(0).logitDiff();
        double actual = KindAblation.prepare(probe, new AblationKind.Mean("other", List.of(other)))
                .evaluateAll(List.of(Set.of(new Head(layer, head)))).get(0).rows().get(0).logitDiff();
        assertThat(actual).isCloseTo(expected, within(1e-5));
        assertThat(Math.abs(actual - probe.evaluate().rows().get(0).logitDiff())).as("the replacement moved it")
                .isGreaterThan(1e-4);
    }

    @Test
    @DisplayName("a head outside the model is refused before any forward")
    void badHeadIsRefused() {
        DriftProbe probe = new DriftProbe(models.get(true), Stimulus.NOTEBOOK);
        KindAblation mean = KindAblation.prepare(probe, AblationKind.standard().get(1));
        assertThatThrownBy(() -> mean.evaluateAll(List.of(Set.of(new Head(5, 0)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L5H0 does not exist");
    }

    @Test
    @DisplayName("the mean over a reference of two copies of the stimulus is the stimulus's own z: a no-op")
    void meanDividesByTheReferenceSize() {
        HookedTransformer model = models.get(true);
        Stimulus s = Stimulus.NOTEBOOK.get(2);
        DriftProbe probe = new DriftProbe(model, List.of(s));
        List<Set<Head>> settings = List.of(Set.of(), Set.of(new Head(0, 0), new Head(1, 1)));
        List<DriftResult> r = KindAblation.prepare(probe, new AblationKind.Mean("twice", List.of(s, s)))
                .evaluateAll(settings);
        assertThat(r.get(1).rows().get(0).logitDiff()).isCloseTo(r.get(0).rows().get(0).logitDiff(), within(1e-5));
    }

    @Test
    @DisplayName("split into forwards of a few rows, mean and resample ablation give the one-forward numbers")
    void chunksGiveTheSameNumbers() {
        HookedTransformer model = models.get(true);
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        List<Set<Head>> settings = BatchedPathTest.notebookSettings(model.config());
        ModelConfig c = model.config();
        long cellsPerRow = Math.max(c.dVocab(), (long) probe.tokens(0).length * c.nHeads() * c.dHead() * c.nLayers());
        for (AblationKind k : AblationKind.standard().subList(1, 3)) {
            KindAblation a = KindAblation.prepare(probe, k);
            List<DriftResult> one = a.evaluateAll(settings, Long.MAX_VALUE);
            for (long rowsPerForward : new long[] {1, 2, 7}) {
                List<DriftResult> split = a.evaluateAll(settings, rowsPerForward * cellsPerRow);
                for (int i = 0; i < settings.size(); i++) {
                    assertThat(BatchedPathTest.maxDiff(one.get(i), split.get(i))).as("%s, %d rows per forward, %s",
                            k.id(), rowsPerForward, settings.get(i)).isLessThan(BatchedPathTest.TOL);
                }
            }
        }
    }

    @Test
    @DisplayName("a setting that ablates nothing is the same forward under every kind, bit for bit")
    void unablatedSettingIsSharedByEveryKind() {
        DriftProbe probe = new DriftProbe(models.get(true), Stimulus.NOTEBOOK);
        List<Set<Head>> settings = List.of(Set.of(), Set.of(new Head(0, 1)));
        DriftResult zero = KindAblation.prepare(probe, new AblationKind.Zero()).evaluateAll(settings).get(0);
        for (AblationKind k : AblationKind.standard()) {
            List<DriftResult> r = KindAblation.prepare(probe, k).evaluateAll(settings);
            assertThat(r.get(0)).as("%s, nothing ablated", k.id()).isEqualTo(zero);
            assertThat(BatchedPathTest.maxDiff(r.get(0), r.get(1))).as("%s, L0H1 ablated", k.id())
                    .isGreaterThan(BatchedPathTest.SEPARATION);
        }
    }

    @Test
    @DisplayName("the later cells' reference for a prompt length is every X/Y string of that length, each once")
    void sameLengthReference() {
        assertThat(Stimulus.allStrings(3)).extracting(Stimulus::spaced)
                .containsExactly("X X X", "X X Y", "X Y X", "X Y Y", "Y X X", "Y X Y", "Y Y X", "Y Y Y");
        for (int length : new int[] {1, 5, 10}) {
            List<Stimulus> all = Stimulus.allStrings(length);
            assertThat(all).hasSize(1 << length).allSatisfy(x -> assertThat(x.symbols()).hasSize(length));
            assertThat(all.stream().map(Stimulus::symbols).distinct()).hasSize(1 << length);
            AblationKind mean = AblationKind.sameLength("mean", length);
            assertThat(((AblationKind.Mean) mean).distribution()).isEqualTo(all);
            AblationKind.Resample r = (AblationKind.Resample) AblationKind.sameLength("resample", length);
            assertThat(r.pool()).isEqualTo(all);
            assertThat(r.resamples()).isEqualTo(AblationKind.RESAMPLES);
            assertThat(r.seed()).isEqualTo(AblationKind.RESAMPLE_SEED);
            assertThat(mean.reference()).contains((1 << length) + " X/Y strings of length " + length);
        }
        assertThat(AblationKind.sameLength("zero", 4)).isEqualTo(new AblationKind.Zero());
        assertThatThrownBy(() -> AblationKind.sameLength("gaussian", 4)).hasMessageContaining("'gaussian'")
                .hasMessageContaining("zero, mean, resample");
        assertThatThrownBy(() -> Stimulus.allStrings(0)).hasMessageContaining("length 0");
    }

    @Test
    @DisplayName("a reference prompt of another length is refused, naming it")
    void shapeMismatch() {
        DriftProbe probe = new DriftProbe(models.get(true), Stimulus.NOTEBOOK);
        assertThatThrownBy(() -> KindAblation.prepare(probe, new AblationKind.Mean("short",
                List.of(Stimulus.of("short", "X Y")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X Y'");
    }

    @Test
    @DisplayName("a reference kept from another probe of the same length gives that probe's numbers, and one of another length is refused")
    void keptReferences() {
        HookedTransformer model = models.get(true);
        List<Set<Head>> settings = List.of(Set.of(), Set.of(new Head(0, 0), new Head(1, 1)));
        DriftProbe first = new DriftProbe(model, Stimulus.allStrings(4).subList(0, 5));
        DriftProbe second = new DriftProbe(model, Stimulus.allStrings(4).subList(9, 12));
        for (String id : List.of("mean", "resample")) {
            AblationKind kind = AblationKind.sameLength(id, 4);
            Map<AblationKind, float[][][]> kept = new HashMap<>();
            KindAblation.prepare(first, kind, kept);
            assertThat(kept).as(id).containsOnlyKeys(kind);
            float[][][] fromFirst = kept.get(kind);
            List<DriftResult> reused = KindAblation.prepare(second, kind, kept).evaluateAll(settings);
            assertThat(kept.get(kind)).as("%s: the kept reference is reused, not recomputed", id).isSameAs(fromFirst);
            List<DriftResult> fresh = KindAblation.prepare(second, kind).evaluateAll(settings);
            assertThat(reused).as(id).isEqualTo(fresh);
            assertThat(BatchedPathTest.maxDiff(reused.get(0), reused.get(1))).as("%s ablates", id)
                    .isGreaterThan(BatchedPathTest.SEPARATION);
            DriftProbe longer = new DriftProbe(model, Stimulus.allStrings(5).subList(0, 2));
            assertThatThrownBy(() -> KindAblation.prepare(longer, kind, kept)).as(id)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the stimuli's shape")
                    .hasMessageContaining("activations of " + first.tokens(0).length + " tokens, the stimuli "
                            + longer.tokens(0).length);
        }
    }

    @Test
    @DisplayName("the pair search under a kind covers every pair once, in the same batch as the sweep")
    void pairs() {
        DriftProbe probe = new DriftProbe(models.get(true), Stimulus.NOTEBOOK);
        KindSweep k = KindSweep.measure(probe, new AblationKind.Zero());
        int n = probe.model().config().nLayers() * probe.model().config().nHeads();
        assertThat(k.pairs()).hasSize(n * (n - 1) / 2);
        KindSweep.Pair p = k.pairs().get(5);
        DriftResult direct = probe.evaluate(p.heads());
        assertThat(BatchedPathTest.maxDiff(direct, p.result())).isLessThan(BatchedPathTest.TOL);
        assertThat(k.drift(p.a(), p.b())).isEqualTo(p.result().drift());
        assertThat(k.drift(p.a(), p.a())).isEqualTo(k.sweep().results().get(p.a()).drift());
    }

    @ParameterizedTest(name = "processed = {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("head contributions + direct path + biases = logit_X - logit_Y within 1e-5 (raw: through ln_final's w and b)")
    void decomposition(boolean processed) {
        DriftProbe probe = new DriftProbe(models.get(processed), Stimulus.NOTEBOOK);
        LogitAttribution a = LogitAttribution.measure(probe);
        for (int s = 0; s < 3; s++) {
            assertThat(a.total(s)).as(a.stimuli().get(s)).isCloseTo(a.logitDiff()[s], within(1e-5));
            assertThat(Math.abs(a.logitDiff()[s])).as("a non-trivial difference to decompose").isGreaterThan(1e-3);
        }
        assertThat(a.bySpread()).hasSize(a.heads().size()).doesNotHaveDuplicates();
    }
}
