package io.github.driftclaims.interp;

import java.util.List;

/**
 * The notebook's {@code eval_sequences}: per-sequence readouts, drift = max - min of P(X | {X,Y})
 * across orderings with equal counts, and the mean absolute error to the Beta(1,1) prediction.
 */
public record DriftResult(List<Readout> rows, double drift, double maeToBayes) {

    public static DriftResult of(List<Readout> rows) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double mae = 0;
        for (Readout r : rows) {
            max = Math.max(max, r.pXNorm());
            min = Math.min(min, r.pXNorm());
            mae += Math.abs(r.pXNorm() - r.bayesPX());
        }
        return new DriftResult(List.copyOf(rows), max - min, mae / rows.size());
    }

    public Readout row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sequence " + name));
    }
}
