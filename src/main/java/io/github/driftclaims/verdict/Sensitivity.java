package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Thresholds.MATERIAL_SPREAD;
import static io.github.driftclaims.verdict.Thresholds.SPREAD_FACTOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Claims 13 and 33, order sensitivity removed at every count: over the counts with more than one ordering, those
 * whose baseline std reaches {@link Thresholds#MATERIAL_SPREAD} are asked (issue 27: a count below it has no order
 * sensitivity to remove), and of those the ones where ablation divides the std by {@link Thresholds#SPREAD_FACTOR}
 * meet the rule. Claim 13 reads the std of P(X), claim 33 of P(X) - the ideal's P(X); the tally, its tiers, its
 * words and its lines are the same.
 */
final class Sensitivity {

    private Sensitivity() {}

    /**
     * One count with more than one ordering.
     *
     * @param index its position in the measurement's list (where its sampling spread is)
     * @param orderings how many orderings its stds are over
     */
    record Count(int index, int nX, int orderings, double baselineStd, double ablatedStd) {

        boolean asked() {
            return baselineStd >= MATERIAL_SPREAD;
        }

        boolean met() {
            return ablatedStd * SPREAD_FACTOR <= baselineStd;
        }

        double factor() {
            return ablatedStd == 0 ? Double.POSITIVE_INFINITY : baselineStd / ablatedStd;
        }

        /** A std over this count's orderings, each P(X) within {@link Uncertainty#input}. */
        double stdUncertainty() {
            return Uncertainty.sampleStd(orderings, Uncertainty.input());
        }
    }

    /** Claim 13's verdict for {@code met} of {@code counts} counts meeting the factor, material drift assumed. */
    static Verdict tier(int met, int counts) {
        return met == counts ? Verdict.REPRODUCED : 2 * met >= counts ? Verdict.PARTLY : Verdict.REFUTED;
    }

    /** The counts with more than one ordering, in the measurement's order. */
    record Tally(List<Count> counts) {

        Tally {
            counts = List.copyOf(counts);
        }

        List<Count> asked() {
            return counts.stream().filter(Count::asked).toList();
        }

        int met() {
            return (int) asked().stream().filter(Count::met).count();
        }

        /** Some count is asked: there is order sensitivity to remove. */
        boolean material() {
            return !asked().isEmpty();
        }

        Verdict verdict() {
            return !material() ? Verdict.NOT_APPLICABLE : tier(met(), asked().size());
        }

        double largest() {
            return counts.stream().mapToDouble(Count::baselineStd).reduce(0, Math::max);
        }

        /**
         * "falls by 3.0x at 2 of 3 material counts (smallest factor ..., largest baseline std ...)", then the counts
         * not asked and those short of the factor ({@code factors}: with each short count's factor).
         */
        String summary(boolean factors) {
            List<Count> asked = asked();
            double worst = asked.stream().mapToDouble(Count::factor).reduce(Double.POSITIVE_INFINITY, Math::min);
            List<String> skipped = counts.stream().filter(c -> !c.asked()).map(c -> "n_X=" + c.nX()).toList();
            List<String> short_ = asked.stream().filter(c -> !c.met()).map(c -> factors
                    ? "n_X=" + c.nX() + String.format(Locale.ROOT, " (%.4f -> %.4f, %.2fx)", c.baselineStd(),
                            c.ablatedStd(), c.factor())
                    : String.format(Locale.ROOT, "n_X=%d (%.4f -> %.4f)", c.nX(), c.baselineStd(), c.ablatedStd()))
                    .toList();
            return "falls by " + SPREAD_FACTOR + "x at " + met() + " of " + asked.size() + " material counts "
                    + "(smallest factor " + (asked.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.2f", worst))
                    + "x, largest baseline std " + num(largest()) + " vs material " + MATERIAL_SPREAD + ")"
                    + (skipped.isEmpty() ? "" : "; below " + MATERIAL_SPREAD + ", not asked: " + String.join(", ",
                            skipped))
                    + (short_.isEmpty() ? "" : "; short at " + String.join(", ", short_));
        }

        /** The largest baseline std vs the materiality line, its std over {@code orderings} orderings. */
        Margin largestLine(String number, int orderings) {
            return new Margin(number, largest(), MATERIAL_SPREAD, Uncertainty.sampleStd(orderings,
                    Uncertainty.input()), null);
        }

        /**
         * The lines whose crossing alone changes the verdict: a count's factor where one more or one fewer count met
         * changes the tier; a count's baseline std where counting it in or leaving it out would.
         *
         * @param factorSampling a count's factor's sampling spread by its {@link Count#index}; null where not measured
         */
        List<Margin> flipLines(IntFunction<Double> factorSampling) {
            Verdict v = verdict();
            int met = met();
            int asked = asked().size();
            List<Margin> lines = new ArrayList<>();
            for (Count c : asked()) {
                if (c.ablatedStd() > 0) {
                    Margin factor = new Margin("std factor at n_X=" + c.nX(), c.baselineStd() / c.ablatedStd(),
                            SPREAD_FACTOR, Uncertainty.ratio(c.baselineStd(), c.ablatedStd(), c.stdUncertainty(),
                                    c.stdUncertainty()), factorSampling.apply(c.index()));
                    if (material() && tier(met + (c.met() ? -1 : 1), asked) != v) {
                        lines.add(factor);
                    }
                }
            }
            for (Count c : counts) {
                // Across the line a count joins the asked ones (met or short as its stds say) or leaves them.
                int n = asked + (c.asked() ? -1 : 1);
                int m = met + (c.met() ? (c.asked() ? -1 : 1) : 0);
                Verdict flipped = n == 0 ? Verdict.NOT_APPLICABLE : tier(m, n);
                if (flipped != v) {
                    lines.add(new Margin("baseline std at n_X=" + c.nX(), c.baselineStd(), MATERIAL_SPREAD,
                            c.stdUncertainty(), null));
                }
            }
            return lines;
        }
    }
}
