package io.github.driftclaims.verdict;

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
