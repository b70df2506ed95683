package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.SharedRows;
import io.github.driftclaims.model.Unembed;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batched paths (every ablation setting and stimulus in one forward, with a per-row head mask on
 * hook_z) give the numbers of the per-sequence reference paths, on the tiny random fixture.
 *
 * <p>Equality alone would also hold if ablation did nothing; so the fixture is first shown to be
 * sensitive (every setting and every stimulus gives its own P(X)), and a deliberately misrouted mask
 * is shown to be caught by the same comparison.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The batched ablation paths give the per-sequence reference's numbers")
class BatchedPathTest {

    static final Path TINY = Path.of("fixtures/tiny-random-2l");
    static final double TOL = 1e-6;
    /** Settings must differ by at least this much for a misrouted mask to be visible above TOL. */
    static final double SEPARATION = 1e-4;

    final Map<Boolean, HookedTransformer> models = new HashMap<>();

    @BeforeAll
    void load() {
        for (boolean processed : new boolean[] {true, false}) {
            models.put(processed, ModelLoader.load(ModelFiles.fromDirectory(TINY), processed));
        }
    }

    @AfterAll
    void close() {
        models.values().forEach(HookedTransformer::close);
    }

    /** The notebook's settings: baseline, each head alone, and two heads in different layers together. */
    static List<Set<Head>> notebookSettings(ModelConfig c) {
        List<Set<Head>> settings = new ArrayList<>();
        settings.add(Set.of());
        for (int l = 0; l < c.nLayers(); l++) {
            for (int h = 0; h < c.nHeads(); h++) {
                settings.add(Set.of(new Head(l, h)));
            }
        }
        settings.add(Set.of(new Head(0, 1), new Head(c.nLayers() - 1, c.nHeads() - 1)));
        return settings;
    }

    /** Largest absolute difference in drift, MAE to Bayes, or any row's P(X | {X,Y}). */
    static double maxDiff(DriftResult a, DriftResult b) {
        assertThat(b.rows()).extracting(Readout::name).containsExactlyElementsOf(
                a.rows().stream().map(Readout::name).toList());
        double d = Math.max(Math.abs(a.drift() - b.drift()), Math.abs(a.maeToBayes() - b.maeToBayes()));
        for (int i = 0; i < a.rows().size(); i++) {
            d = Math.max(d, Math.abs(a.rows().get(i).pXNorm() - b.rows().get(i).pXNorm()));
        }
        return d;
    }

    static void assertSame(List<DriftResult> reference, List<DriftResult> batched, List<? extends Collection<Head>> settings) {
        assertThat(batched).hasSameSizeAs(reference);
        for (int i = 0; i < reference.size(); i++) {
            assertThat(maxDiff(reference.get(i), batched.get(i)))
                    .as("setting %s: largest difference in drift, MAE or P(X)", settings.get(i))
                    .isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("the batched single-head sweep equals the unbatched one in baseline, every head's drift, MAE and reduction, and the ranking")
    void sweepBatchedEqualsUnbatched(boolean processed) {
        DriftProbe probe = new DriftProbe(models.get(processed), Stimulus.NOTEBOOK);
        AblationSweep unbatched = AblationSweep.run(probe, false);
        AblationSweep batched = AblationSweep.run(probe, true);

        assertThat(maxDiff(unbatched.baseline(), batched.baseline())).as("baseline").isLessThanOrEqualTo(TOL);
        Map<Head, AblationSweep.Row> byHead = batched.ranked().stream()
                .collect(Collectors.toMap(AblationSweep.Row::head, Function.identity()));
        assertThat(byHead).hasSize(unbatched.ranked().size());
        for (AblationSweep.Row expected : unbatched.ranked()) {
            AblationSweep.Row actual = byHead.get(expected.head());
            assertThat(actual.drift()).as("%s drift", expected.head()).isCloseTo(expected.drift(),
                    within(TOL));
            assertThat(actual.maeToBayes()).as("%s MAE", expected.head()).isCloseTo(expected.maeToBayes(),
                    within(TOL));
            assertThat(actual.driftReduction()).as("%s reduction", expected.head()).isCloseTo(
                    expected.driftReduction(), within(TOL));
        }
        assertThat(batched.ranked()).extracting(AblationSweep.Row::head)
                .containsExactlyElementsOf(unbatched.ranked().stream().map(AblationSweep.Row::head).toList());
    }

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("every notebook setting (baseline, 8 single heads, a cross-layer pair) gives the per-sequence reference's P(X) for every stimulus when all run as one batch")
    void everySettingMatchesReference(boolean processed) {
        DriftProbe probe = new DriftProbe(models.get(processed), Stimulus.NOTEBOOK);
        List<Set<Head>> settings = notebookSettings(probe.model().config());
        List<DriftResult> reference = settings.stream().map(probe::evaluate).toList();
        assertSame(reference, probe.evaluateAll(settings), settings);
    }

    @Test
    @DisplayName("all 20 orderings of XXXYYY give the same P(X) in one batch as one by one, with and without an ablated head")
    void allOrderingsBatchedEqualsPerSequence() {
        DriftProbe probe = new DriftProbe(models.get(true), Stimulus.allOrderingsOf3X3Y());
        Set<Head> ablated = Set.of(new Head(1, 2));
        List<Set<Head>> settings = List.of(Set.of(), ablated);
        assertSame(List.of(probe.evaluate(), probe.evaluate(ablated)), probe.evaluateAll(settings), settings);
        assertThat(probe.evaluate().rows()).hasSize(20);
    }

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("the fixture is sensitive enough: every setting gives each stimulus its own P(X), and every stimulus differs within a setting")
    void settingsAndStimuliAreDistinguishable(boolean processed) {
        DriftProbe probe = new DriftProbe(models.get(processed), Stimulus.NOTEBOOK);
        List<Set<Head>> settings = notebookSettings(probe.model().config());
        List<DriftResult> results = settings.stream().map(probe::evaluate).toList();
        int n = probe.stimuli().size();
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < settings.size(); a++) {
                double p = results.get(a).rows().get(s).pXNorm();
                for (int b = a + 1; b < settings.size(); b++) {
                    assertThat(Math.abs(p - results.get(b).rows().get(s).pXNorm()))
                            .as("stimulus %s: settings %s and %s", s, settings.get(a), settings.get(b))
                            .isGreaterThan(SEPARATION);
                }
                for (int t = s + 1; t < n; t++) {
                    assertThat(Math.abs(p - results.get(a).rows().get(t).pXNorm()))
                            .as("setting %s: stimuli %s and %s", settings.get(a), s, t)
                            .isGreaterThan(SEPARATION);
                }
            }
        }
        DriftProbe all = new DriftProbe(models.get(processed), Stimulus.allOrderingsOf3X3Y());
        double[] p = all.evaluate().rows().stream().mapToDouble(Readout::pXNorm).sorted().toArray();
        for (int i = 1; i < p.length; i++) {
            assertThat(p[i] - p[i - 1]).as("gap between the 20 orderings' sorted P(X)").isGreaterThan(SEPARATION);
        }
    }

    @ParameterizedTest(name = "mask rows shifted by {0}")
    @ValueSource(ints = {1, 3, -3})
    @DisplayName("a per-row mask sent to the wrong rows is caught by the comparison the equality tests use")
    void misroutedMaskIsCaught(int shift) {
        HookedTransformer model = models.get(true);
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        ModelConfig c = model.config();
        List<Set<Head>> settings = notebookSettings(c);
        int n = probe.stimuli().size();
        int rows = settings.size() * n;
        int[][] batch = new int[rows][];
        float[][][] keep = new float[rows][][];
        for (int a = 0; a < settings.size(); a++) {
            for (int s = 0; s < n; s++) {
                int r = a * n + s;
                batch[r] = probe.tokens(s);
                // the mistake: row r gets the mask meant for row r - shift
                int wrong = Math.floorMod(r - shift, rows);
                keep[r] = Ablation.keep(c, settings.get(wrong / n));
            }
        }
        float[][] logits = model.run(batch, Ablation.zeroHeadsPerRow(c, keep)).logitsLast();
        double worst = 0;
        for (int a = 0; a < settings.size(); a++) {
            List<Readout> readouts = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                readouts.add(Readout.of(probe.stimuli().get(s), logits[a * n + s], probe.xId(), probe.yId()));
            }
            worst = Math.max(worst, maxDiff(probe.evaluate(settings.get(a)), DriftResult.of(readouts)));
        }
        assertThat(worst).isGreaterThan(SEPARATION);
    }

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("induction and previous-token scores from one batch equal those from one forward per sequence, and so does every row's attention pattern")
    void headScoresBatchedEqualsPerSequence(boolean processed) {
        HookedTransformer model = models.get(processed);
        ModelConfig c = model.config();
        int[] pool = poolWithoutBos(model);
        int length = (c.nCtx() - 1) / 2;
        HeadScores batched = HeadScores.measure(model, pool, length, 8, 42, true);
        HeadScores reference = HeadScores.measure(model, pool, length, 8, 42, false);
        for (int l = 0; l < c.nLayers(); l++) {
            for (int h = 0; h < c.nHeads(); h++) {
                assertThat(batched.induction()[l][h]).as("induction L%dH%d", l, h)
                        .isCloseTo(reference.induction()[l][h], within(TOL));
                assertThat(batched.previousToken()[l][h]).as("previous-token L%dH%d", l, h)
                        .isCloseTo(reference.previousToken()[l][h], within(TOL));
            }
        }

        // Scores are means over the batch, blind to a row permutation; the patterns row by row are not.
        SplittableRandom rng = new SplittableRandom(7);
        int[][] tokens = new int[6][2 * length + 1];
        for (int[] row : tokens) {
            row[0] = model.tokenizer().bosId();
            for (int i = 1; i < row.length; i++) {
                row[i] = pool[rng.nextInt(pool.length)];
            }
        }
        Hooks capture = Hooks.none();
        for (int l = 0; l < c.nLayers(); l++) {
            capture = capture.capturing(HookPoint.pattern(l));
        }
        HookedTransformer.Run all = model.run(tokens, capture);
        for (int b = 0; b < tokens.length; b++) {
            HookedTransformer.Run one = model.run(new int[][] {tokens[b]}, capture);
            for (int l = 0; l < c.nLayers(); l++) {
                float[] expected = one.activation(HookPoint.pattern(l)).data();
                float[] actual = row(all.activation(HookPoint.pattern(l)), b);
                assertThat(maxAbsDiff(expected, actual)).as("row %d, layer %d pattern", b, l).isLessThanOrEqualTo(TOL);
                if (b > 0) {
                    assertThat(maxAbsDiff(expected, row(all.activation(HookPoint.pattern(l)), b - 1)))
                            .as("row %d differs from row %d", b, b - 1).isGreaterThan(SEPARATION);
                }
            }
        }
    }

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("unembedding only the last position gives the full-logits path's last row, for every row of a masked batch")
    void lastPositionOnlyEqualsFullLogits(boolean processed) {
        HookedTransformer model = models.get(processed);
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        ModelConfig c = model.config();
        List<Set<Head>> settings = notebookSettings(c);
        int n = probe.stimuli().size();
        int rows = settings.size() * n;
        int[][] batch = new int[rows][];
        float[][][] keep = new float[rows][][];
        for (int r = 0; r < rows; r++) {
            batch[r] = probe.tokens(r % n);
            keep[r] = Ablation.keep(c, settings.get(r / n));
        }
        Hooks hooks = Ablation.zeroHeadsPerRow(c, keep);
        float[][] lastOnly = model.run(batch, hooks).logitsLast();
        HookedTransformer.Run full = model.run(batch, hooks.capturing(HookPoint.LOGITS));
        HostTensor logits = full.activation(HookPoint.LOGITS);
        int t = batch[0].length;
        int v = c.dVocab();
        assertThat(logits.shape()).containsExactly(rows, t, v);
        for (int r = 0; r < rows; r++) {
            float[] lastRow = Arrays.copyOfRange(logits.data(), (r * t + t - 1) * v, (r * t + t) * v);
            assertThat(maxAbsDiff(lastRow, lastOnly[r])).as("row %d", r).isLessThanOrEqualTo(TOL);
            assertThat(maxAbsDiff(full.logitsLast()[r], lastOnly[r])).as("row %d, returned", r)
                    .isLessThanOrEqualTo(TOL);
            // the second-to-last position is different, so slicing the wrong position would be caught
            float[] before = Arrays.copyOfRange(logits.data(), (r * t + t - 2) * v, (r * t + t - 1) * v);
            assertThat(maxAbsDiff(before, lastOnly[r])).as("row %d, position T-2", r).isGreaterThan(SEPARATION);
        }
    }

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("shared rows (each layer once per distinct input, the last layer at the last position only) give the "
            + "masked batch's logits on random masks, duplicate rows and several heads per layer included")
    void sharedRowsEqualMaskedBatch(boolean processed) {
        HookedTransformer model = models.get(processed);
        ModelConfig c = model.config();
        DriftProbe probe = new DriftProbe(model, Stimulus.allOrderingsOf3X3Y());
        SplittableRandom rng = new SplittableRandom(29);
        int rows = 40;
        int[][] batch = new int[rows][];
        float[][][] keep = new float[rows][c.nLayers()][c.nHeads()];
        for (int r = 0; r < rows; r++) {
            batch[r] = probe.tokens(rng.nextInt(4)); // 4 sequences: many rows share their tokens
            for (float[] layer : keep[r]) {
                for (int h = 0; h < layer.length; h++) {
                    layer[h] = rng.nextInt(4) == 0 ? 0f : 1f;
                }
            }
        }
        keep[1] = keep[0].clone();
        batch[1] = batch[0]; // an exact duplicate row
        for (Unembed unembed : List.of(Unembed.FULL, Unembed.columns(probe.xId(), probe.yId()))) {
            float[][] masked = model.run(batch, Ablation.zeroHeadsPerRow(c, keep), unembed).logitsLast();
            SharedRows plan = SharedRows.plan(c, batch, keep);
            float[][] shared = model.runShared(plan, unembed);
            assertThat(plan.groups(0)).isEqualTo(4);
            assertThat(plan.groups(c.nLayers())).isLessThan(rows);
            for (int r = 0; r < rows; r++) {
                assertThat(maxAbsDiff(masked[r], shared[r])).as("row %d, %s", r, unembed).isLessThanOrEqualTo(TOL);
            }
            // the rows are told apart: a plan that mixed them up would be caught
            assertThat(maxAbsDiff(masked[0], masked[2])).isGreaterThan(SEPARATION);
        }
    }

    @Test
    @DisplayName("on the notebook's sweep, shared rows compute layer 0 once per sequence and layer 1 once per distinct "
            + "layer-0 ablation")
    void sharedRowsPlanTheSweep() {
        ModelConfig c = models.get(true).config();
        DriftProbe probe = new DriftProbe(models.get(true), Stimulus.NOTEBOOK);
        List<Set<Head>> settings = notebookSettings(c);
        int n = probe.stimuli().size();
        int[][] batch = new int[settings.size() * n][];
        float[][][] keep = new float[batch.length][][];
        for (int r = 0; r < batch.length; r++) {
            batch[r] = probe.tokens(r % n);
            keep[r] = Ablation.keep(c, settings.get(r / n));
        }
        SharedRows plan = SharedRows.plan(c, batch, keep);
        long layer0 = settings.stream().map(s -> s.stream().filter(h -> h.layer() == 0).collect(Collectors.toSet()))
                .distinct().count();
        assertThat(plan.rows()).isEqualTo(batch.length);
        assertThat(plan.groups(0)).isEqualTo(n);
        assertThat(plan.groups(1)).isEqualTo(n * layer0);
        assertThat(plan.groups(2)).isEqualTo(batch.length);
        assertThat(plan.levels()).containsExactly(n, (int) (n * layer0), batch.length);
    }

    static int[] poolWithoutBos(HookedTransformer model) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (int i = 0; i < model.config().dVocab(); i++) {
            if (i != model.tokenizer().bosId()) {
                ids.add(i);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    static float[] row(HostTensor t, int b) {
        int n = t.data().length / (int) t.shape()[0];
        return Arrays.copyOfRange(t.data(), b * n, (b + 1) * n);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
