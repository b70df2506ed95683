package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import java.util.ArrayList;
import java.util.List;

/**
 * What claims 31 to 35 read ({@link IdealRules}): on each of the prompt sets that claims 8, 12, 13, 14 and 16 read, the
 * model's P(X | {X,Y}) as measured, with the drift heads ablated, and the ideal observer's, prompt by prompt.
 *
 * @param hasIdeal false when the model records no training mixture (a model this project did not train): then every
 *     list is empty and the claims are not applicable
 * @param notebook the notebook's three orderings (claim 8's prompts)
 * @param sweep the evidence sweep by count n_X = 0..n (claims 12 and 13)
 * @param fourXOneY the 5 orderings of X X X X Y (claim 14)
 * @param tracking every step of every tracking stream (claim 16)
 */
public record IdealBaselines(boolean hasIdeal, Readings notebook, List<Count> sweep, Readings fourXOneY,
        Readings tracking) {

    public IdealBaselines {
        sweep = List.copyOf(sweep);
    }

    /**
     * The ideal beside a measurement: the notebook's three orderings with the top two ablated, and the later cells in
     * the prompt the toy models were trained on ({@link PromptStyle#SEQUENCE}, the only form whose conditional the
     * ideal observer is: its prompt is a training string's start). Pure arithmetic on top of the evidence.
     *
     * @param ideal the observer of the model's recorded training mixture; null when none is recorded ({@link #none})
     */
    public static IdealBaselines of(CircuitEvidence e, IdealObserver ideal) {
        if (ideal == null) {
            return none();
        }
        Readings notebook = readings(e.run().baseline(), e.run().topK().result(), ideal);
        LaterCells l = e.later(PromptStyle.SEQUENCE);
        List<Count> sweep = new ArrayList<>();
        List<List<Stimulus>> orderings = LaterCells.sweepOrderings();
        for (int k = 0; k < l.evidence().counts().size(); k++) {
            LaterCells.Count c = l.evidence().counts().get(k);
            sweep.add(new Count(c.nX(), c.n(), new Readings(c.baseline(), c.ablated(), orderings.get(k).stream()
                    .map(s -> ideal.pX(s.symbols())).toList())));
        }
        Readings fourX = readings(l.drift4x1Baseline(), l.drift4x1Ablated(), ideal);
        List<Double> model = new ArrayList<>();
        List<Double> ablated = new ArrayList<>();
        List<Double> idealPX = new ArrayList<>();
        for (LaterCells.Step s : l.tracking().steps()) {
            model.add(s.baseline());
            ablated.add(s.ablated());
            idealPX.add(ideal.pX(l.tracking().prefix(s)));
        }
        return new IdealBaselines(true, notebook, sweep, fourX, new Readings(model, ablated, idealPX));
    }

    private static Readings readings(DriftResult model, DriftResult ablated, IdealObserver ideal) {
        List<Double> m = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        List<Double> i = new ArrayList<>();
        for (int k = 0; k < model.rows().size(); k++) {
            Readout r = model.rows().get(k);
            if (!r.name().equals(ablated.rows().get(k).name())) {
                throw new IllegalArgumentException("row " + k + ": " + r.name() + " baseline, "
                        + ablated.rows().get(k).name() + " ablated");
            }
            m.add(r.pXNorm());
            a.add(ablated.rows().get(k).pXNorm());
            i.add(ideal.pX(Stimulus.of(r.name(), r.seq()).symbols()));
        }
        return new Readings(m, a, i);
    }

    /** No training mixture recorded: nothing to compare with. */
    public static IdealBaselines none() {
        Readings empty = new Readings(List.of(), List.of(), List.of());
        return new IdealBaselines(false, empty, List.of(), empty, empty);
    }

    /**
     * One prompt set, three parallel lists, prompt by prompt.
     *
     * @param ideal NaN where the ideal is undefined on the prompt ({@code IdealObserver#pX})
     */
    public record Readings(List<Double> model, List<Double> ablated, List<Double> ideal) {

        public Readings {
            model = List.copyOf(model);
            ablated = List.copyOf(ablated);
            ideal = List.copyOf(ideal);
            if (model.size() != ablated.size() || model.size() != ideal.size()) {
                throw new IllegalArgumentException(model.size() + " model, " + ablated.size() + " ablated and "
                        + ideal.size() + " ideal readings: one of each per prompt");
            }
        }

        /** The ideal is defined on every prompt. */
        boolean defined() {
            return ideal.stream().noneMatch(p -> Double.isNaN(p));
        }

        /** The residuals x - ideal, prompt by prompt, of {@code x} ({@link #model} or {@link #ablated}). */
        double[] residuals(List<Double> x) {
            double[] r = new double[x.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = x.get(i) - ideal.get(i);
            }
            return r;
        }
    }

    /** One count of the evidence sweep: n_X of n symbols, its orderings' readings. */
    public record Count(int nX, int n, Readings readings) {}
}
