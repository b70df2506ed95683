package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.model.Unembed;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two-column readout (only W_U's X and Y columns at the last position) gives the full softmax's
 * P(X | {X,Y}) and the same logit_X, logit_Y, on the tiny random fixture, for every notebook ablation setting,
 * in the forward pass and in cached decoding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The two-column readout gives the full softmax's P(X | {X,Y})")
class TwoColumnReadoutTest {

    static final double TOL = 1e-6;
    HookedTransformer processed;
    HookedTransformer raw;

    @BeforeAll
    void load() {
        processed = ModelLoader.load(ModelFiles.fromDirectory(BatchedPathTest.TINY), true);
        raw = ModelLoader.load(ModelFiles.fromDirectory(BatchedPathTest.TINY), false);
    }

    @AfterAll
    void close() {
        processed.close();
        raw.close();
    }

    /** Largest difference in P(X|{X,Y}), logit_X or logit_Y over every row of every setting. */
    static double maxDiff(List<DriftResult> full, List<DriftResult> two) {
        double d = 0;
        for (int i = 0; i < full.size(); i++) {
            for (int r = 0; r < full.get(i).rows().size(); r++) {
                Readout a = full.get(i).rows().get(r);
                Readout b = two.get(i).rows().get(r);
                d = Math.max(d, Math.abs(a.pXNorm() - b.pXNorm()));
                d = Math.max(d, Math.abs(a.logitX() - b.logitX()));
                d = Math.max(d, Math.abs(a.logitY() - b.logitY()));
            }
        }
        return d;
    }

    @ParameterizedTest(name = "weight processing {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("every notebook setting's P(X|{X,Y}) and X, Y logits agree within 1e-6 between the full and the two-column readout")
    void readoutsAgree(boolean p) {
        HookedTransformer m = p ? processed : raw;
        DriftProbe probe = new DriftProbe(m, Stimulus.NOTEBOOK);
        List<Set<Head>> settings = BatchedPathTest.notebookSettings(m.config());
        List<DriftResult> full = probe.evaluateAll(settings, Unembed.FULL);
        List<DriftResult> two = probe.evaluateAll(settings, Unembed.columns(probe.xId(), probe.yId()));
        assertThat(maxDiff(full, two)).isLessThanOrEqualTo(TOL);
        assertThat(two.get(1).rows().get(0).pXRaw()).as("p_X_raw is not computed by two columns").isNaN();
        assertThat(full.get(1).rows().get(0).pXRaw()).isBetween(0.0, 1.0);
    }

    @Test
    @DisplayName("the comparison can fail: the columns swapped give another P(X|{X,Y})")
    void swappedColumnsAreCaught() {
        DriftProbe probe = new DriftProbe(processed, Stimulus.NOTEBOOK);
        List<Set<Head>> settings = List.of(Set.of());
        List<DriftResult> full = probe.evaluateAll(settings, Unembed.FULL);
        List<DriftResult> swapped = probe.evaluateAll(settings, Unembed.columns(probe.yId(), probe.xId()));
        assertThat(maxDiff(full, swapped)).isGreaterThan(1e-4);
    }

    @Test
    @DisplayName("cached decoding with two columns gives the full readout's P(X|{X,Y}) at every step")
    void decodingReadoutsAgree() {
        DriftProbe probe = new DriftProbe(processed, Stimulus.NOTEBOOK);
        int[][] prefix = {probe.tokens(0), probe.tokens(1)};
        int steps = processed.config().nCtx() - prefix[0].length;
        Hooks ablate = Ablation.zeroHeads(processed.config(), List.of(new Head(0, 2)));
        double worst = 0;
        try (HookedTransformer.Decoding full = processed.decode(prefix, ablate, Unembed.FULL, steps);
                HookedTransformer.Decoding two = processed.decode(prefix, ablate,
                        Unembed.columns(probe.xId(), probe.yId()), steps)) {
            for (int s = 0; s <= steps; s++) {
                float[][] f = full.logits();
                float[][] t = two.logits();
                for (int r = 0; r < prefix.length; r++) {
                    Readout a = Readout.of(Stimulus.NOTEBOOK.get(r), f[r], probe.xId(), probe.yId());
                    worst = Math.max(worst, Math.abs(a.pXNorm() - Readout.pXGivenPair((double) t[r][0] - t[r][1])));
                }
                if (s < steps) {
                    int[] next = {s % 2 == 0 ? probe.xId() : probe.yId(), probe.xId()};
                    full.next(next);
                    two.next(next);
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(TOL);
    }
}
