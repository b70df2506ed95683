package io.github.driftclaims.report;

import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.Readout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ideal observer beside each model on the notebook's three orderings (issue 26): P(X | {X,Y}) of the model, of the
 * ideal observer of its training mixture and of the Beta(1,1) counter, per ordering, then the model's drift, the ideal's
 * and the excess (model - ideal), as {@code reports/verdicts.md} shows them under the verdict matrix.
 */
public record IdealTable(List<Row> rows) {

    public IdealTable {
        rows = List.copyOf(rows);
    }

    /**
     * One model.
     *
     * @param ideal null when the model records no training mixture (no ideal observer)
     */
    public record Row(String model, DriftResult baseline, IdealDrift ideal) {}

    public String markdown() {
        StringBuilder b = new StringBuilder("| model |");
        List<String> names = rows.isEmpty() ? List.of() : rows.get(0).baseline().rows().stream().map(Readout::name)
                .toList();
        names.forEach(n -> b.append(' ').append(n).append(": model / ideal / Beta(1,1) |"));
        b.append(" drift | ideal drift | excess drift |\n|---|");
        names.forEach(n -> b.append("---|"));
        b.append("---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.model()).append(" |");
            List<String> cells = new ArrayList<>();
            for (String n : names) {
                Readout x = r.baseline().rows().stream().filter(o -> o.name().equals(n)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException(r.model() + " has no ordering " + n));
                cells.add(num(x.pXNorm()) + " / " + (r.ideal() == null ? "n/a" : num(r.ideal().pX(n))) + " / "
                        + num(x.bayesPX()));
            }
            cells.forEach(c -> b.append(' ').append(c).append(" |"));
            b.append(' ').append(num(r.baseline().drift())).append(" | ")
                    .append(r.ideal() == null ? "n/a (no training mixture recorded)" : num(r.ideal().drift()))
                    .append(" | ").append(r.ideal() == null ? "n/a" : String.format(Locale.ROOT, "%+.4f",
                            r.ideal().excess(r.baseline()))).append(" |\n");
        }
        return b.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
