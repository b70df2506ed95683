package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.interp.TrainingMixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link IdealBaselines#of}: claims 31 to 35's inputs, the model's P(X) as measured and ablated beside the ideal
 * observer's, prompt by prompt. On hand-made evidence (no model): each measured P(X) is distinct, so a reading put
 * against the wrong prompt, list or ideal shows. The ideal is the default recipe's mixture (IdealObserverTest's).
 */
@DisplayName("The ideal observer beside a measurement, prompt by prompt (IdealBaselines.of on hand-made evidence)")
class IdealBaselinesOfTest {

    static final IdealObserver IDEAL = new IdealObserver(new TrainingMixture(0.6, 0.5, 2, 24, 2, 2, 0, 48, 3));

    static Readout row(Stimulus s, double pX) {
        return new Readout(s.name(), String.join(" ", s.symbols()), 0, 0, 0, 0, 0, 0, 0, pX, 1 - pX, pX, 1 - pX);
    }

    /** One row per stimulus, P(X) = base + k step. */
    static DriftResult result(List<Stimulus> stimuli, double base, double step) {
        List<Readout> rows = new ArrayList<>();
        for (int k = 0; k < stimuli.size(); k++) {
            rows.add(row(stimuli.get(k), base + k * step));
        }
        return DriftResult.of(rows);
    }

    static List<Double> pX(DriftResult r) {
        return r.rows().stream().map(Readout::pXNorm).toList();
    }

    static List<Double> ideal(List<Stimulus> stimuli) {
        return stimuli.stream().map(s -> IDEAL.pX(s.symbols())).toList();
    }

    static final DriftResult NOTEBOOK = result(Stimulus.NOTEBOOK, 0.9, -0.1);
    static final DriftResult NOTEBOOK_ABLATED = result(Stimulus.NOTEBOOK, 0.55, 0.01);
    static final DriftResult FOUR_X = result(LaterCells.fourXOneY(), 0.7, 0.05);
    static final DriftResult FOUR_X_ABLATED = result(LaterCells.fourXOneY(), 0.8, 0.01);

    /** Two streams of three steps: X X Y and Y X X. */
    static LaterCells.Tracking streams() {
        List<LaterCells.Step> steps = new ArrayList<>();
        String[][] tokens = {{"X", "X", "Y"}, {"Y", "X", "X"}};
        for (int stream = 0; stream < 2; stream++) {
            for (int t = 1; t <= 3; t++) {
                steps.add(new LaterCells.Step(stream, t, tokens[stream][t - 1], 0, 0.5, 0.5, 0.1 * stream + 0.01 * t,
                        0.5 + 0.1 * stream + 0.01 * t));
            }
        }
        return new LaterCells.Tracking(13, steps, 0, 0);
    }

    static CircuitEvidence evidence() {
        List<List<Stimulus>> orderings = LaterCells.sweepOrderings();
        List<LaterCells.Count> counts = new ArrayList<>();
        for (int nX = 0; nX < orderings.size(); nX++) {
            List<Double> baseline = new ArrayList<>();
            List<Double> ablated = new ArrayList<>();
            for (int i = 0; i < orderings.get(nX).size(); i++) {
                baseline.add(0.05 * nX + 0.001 * i);
                ablated.add(0.05 * nX + 0.002 * i + 0.0005);
            }
            counts.add(new LaterCells.Count(nX, 10, 0.5, 0.5, baseline, ablated));
        }
        LaterCells later = new LaterCells(PromptStyle.SEQUENCE, List.of(), "zero",
                new LaterCells.EvidenceSweep(counts, 0, 0), FOUR_X, FOUR_X_ABLATED, null, null, streams());
        NotebookRun run = new NotebookRun(NOTEBOOK, List.of(), null, new AblationSweep.TopK(List.of(), NOTEBOOK_ABLATED,
                NOTEBOOK.drift()), List.of(), null);
        return new CircuitEvidence(run, null, null, null, null, null, null, null, null, List.of(later), null);
    }

    @Test
    @DisplayName("without a recorded mixture there is no ideal: the claims' inputs are empty")
    void noIdeal() {
        assertThat(IdealBaselines.of(evidence(), null)).isEqualTo(IdealBaselines.none());
        assertThat(IdealBaselines.none().hasIdeal()).isFalse();
    }

    @Test
    @DisplayName("claim 31's three orderings: measured, with the top two ablated, and the ideal's, in the notebook's order")
    void notebook() {
        IdealBaselines b = IdealBaselines.of(evidence(), IDEAL);
        assertThat(b.hasIdeal()).isTrue();
        assertThat(b.notebook()).isEqualTo(new IdealBaselines.Readings(pX(NOTEBOOK), pX(NOTEBOOK_ABLATED),
                ideal(Stimulus.NOTEBOOK)));
        assertThat(b.fourXOneY()).isEqualTo(new IdealBaselines.Readings(pX(FOUR_X), pX(FOUR_X_ABLATED),
                ideal(LaterCells.fourXOneY())));
    }

    @Test
    @DisplayName("claims 32 and 33's sweep: every count n_X = 0..10, each ordering's ideal from that ordering's symbols")
    void sweep() {
        CircuitEvidence e = evidence();
        IdealBaselines b = IdealBaselines.of(e, IDEAL);
        List<List<Stimulus>> orderings = LaterCells.sweepOrderings();
        assertThat(b.sweep()).hasSize(11);
        for (int k = 0; k < 11; k++) {
            LaterCells.Count c = e.later(PromptStyle.SEQUENCE).evidence().counts().get(k);
            assertThat(b.sweep().get(k)).as("n_X = %d", k).isEqualTo(new IdealBaselines.Count(k, 10,
                    new IdealBaselines.Readings(c.baseline(), c.ablated(), ideal(orderings.get(k)))));
        }
        // On these random orderings the mixture's patterns never fit, so its ideal is the coin flips' (n_X + 1) / 12:
        // a count read against another count's orderings would show.
        assertThat(b.sweep().get(3).readings().ideal().get(0)).isCloseTo(4.0 / 12, within(1e-12));
    }

    @Test
    @DisplayName("claim 35's tracking: each step against the ideal after its own stream's tokens so far")
    void tracking() {
        IdealBaselines b = IdealBaselines.of(evidence(), IDEAL);
        LaterCells.Tracking t = streams();
        assertThat(b.tracking().model()).isEqualTo(t.steps().stream().map(LaterCells.Step::baseline).toList());
        assertThat(b.tracking().ablated()).isEqualTo(t.steps().stream().map(LaterCells.Step::ablated).toList());
        assertThat(b.tracking().ideal()).containsExactly(IDEAL.pX(List.of("X")), IDEAL.pX(List.of("X", "X")),
                IDEAL.pX(List.of("X", "X", "Y")), IDEAL.pX(List.of("Y")), IDEAL.pX(List.of("Y", "X")),
                IDEAL.pX(List.of("Y", "X", "X")));
    }

    @Test
    @DisplayName("rows measured on different prompts (ablated in another order) are refused, naming both")
    void mismatchedRows() {
        List<Stimulus> reversed = new ArrayList<>(Stimulus.NOTEBOOK);
        java.util.Collections.reverse(reversed);
        CircuitEvidence e = evidence();
        NotebookRun run = new NotebookRun(NOTEBOOK, List.of(), null, new AblationSweep.TopK(List.of(),
                result(reversed, 0.5, 0.01), 0.2), List.of(), null);
        CircuitEvidence swapped = new CircuitEvidence(run, null, null, null, null, null, null, null, null, e.later(), null);
        assertThatThrownBy(() -> IdealBaselines.of(swapped, IDEAL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 0: patterned baseline, mixed ablated");
    }
}
