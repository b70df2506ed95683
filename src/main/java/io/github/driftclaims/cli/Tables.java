package io.github.driftclaims.cli;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.Readout;
import java.io.PrintStream;
import java.util.Locale;

/** The notebook's printed tables, as plain text. */
final class Tables {

    private Tables() {}

    /** What the ideal observer's lines say for a model that records no training mixture. */
    static final String NO_MIXTURE = "n/a (no training mixture recorded)";

    /**
     * The notebook's first table: the baseline with the ideal observer of the model's training mixture beside it.
     *
     * @param ideal the ideal observer's predictions on the baseline's sequences; null when the model records no
     *     training mixture
     */
    static void baseline(PrintStream out, DriftResult baseline, IdealDrift ideal) {
        out.println("Baseline: P(next = X | {X,Y}) at the last position");
        readouts(out, baseline, ideal);
        out.printf(Locale.ROOT, "Drift (max-min) over permutations with same counts: %.7f%n", baseline.drift());
        out.printf(Locale.ROOT, "MAE to Bayes (Beta(1,1)): %.7f%n", baseline.maeToBayes());
        if (ideal == null) {
            out.println("Ideal observer drift: " + NO_MIXTURE);
            out.println("Excess drift (model - ideal): " + NO_MIXTURE);
        } else {
            out.printf(Locale.ROOT, "Ideal observer drift: %.7f%n", ideal.drift());
            out.printf(Locale.ROOT, "Excess drift (model - ideal): %.7f%n", ideal.excess(baseline));
        }
        out.println();
    }

    /** The notebook's second table: the single-head zero-ablation sweep. */
    static void notebookSweep(PrintStream out, AblationSweep sweep) {
        out.println("Single-head zero-ablation sweep at hook_z, ranked by drift reduction");
        sweep(out, sweep);
        out.println();
    }

    /** The notebook's third table: the top-K heads ablated together; {@code ideal} as for {@link #baseline}. */
    static void topK(PrintStream out, AblationSweep.TopK top, DriftResult baseline, IdealDrift ideal) {
        out.printf("Ablating the top %d heads %s%n", top.heads().size(), top.heads());
        readouts(out, top.result(), ideal == null ? null : ideal.pX());
        out.printf(Locale.ROOT, "After ablation drift: %.7f (baseline: %.7f), %.1f%% of it removed%n",
                top.result().drift(), baseline.drift(), 100 * top.reductionFraction());
        if (ideal != null) {
            // Claim 31's numbers: order sensitivity measured from the ideal's, before and after.
            out.printf(Locale.ROOT, "Drift of P(X) - ideal P(X): %.7f after ablation (baseline: %.7f)%n",
                    residualDrift(top.result(), ideal), residualDrift(baseline, ideal));
        }
        out.printf(Locale.ROOT, "After ablation MAE to Bayes: %.7f (baseline: %.7f)%n",
                top.result().maeToBayes(), baseline.maeToBayes());
    }

    /** {@code --ablate}'s heads ablated together. */
    static void requested(PrintStream out, java.util.List<io.github.driftclaims.interp.Head> heads, DriftResult result,
            IdealDrift ideal) {
        out.println();
        out.printf("Requested ablation %s%n", heads);
        readouts(out, result, ideal == null ? null : ideal.pX());
        out.printf(Locale.ROOT, "drift: %.7f, MAE to Bayes: %.7f%n", result.drift(), result.maeToBayes());
    }

    /** The rules' verdicts, one line per claim, with the numbers each rests on. */
    static void verdicts(PrintStream out, java.util.List<io.github.driftclaims.verdict.Finding> findings) {
        out.println();
        out.println("Verdicts (rules: verdict/Rules.java, lines: verdict/Thresholds.java)");
        for (io.github.driftclaims.verdict.Finding f : findings) {
            out.printf(Locale.ROOT, "%-3d %-15s %s%n      %s%n", f.claim().number(), f.verdictText()
                    + (f.fragile() ? " (fragile)" : ""), f.claim().statement(), f.reason());
            if (f.margin() != null) {
                out.printf(Locale.ROOT, "      margin: %s%n", f.margin().text());
            }
        }
    }

    /** A sweep's rows, ranked by drift reduction: every single-head sweep the CLI prints (each ablation kind's too). */
    static void sweep(PrintStream out, AblationSweep sweep) {
        out.printf(Locale.ROOT, "%-5s %5s %5s %10s %13s %16s%n", "rank", "layer", "head", "drift", "mae_to_bayes",
                "drift_reduction");
        int rank = 1;
        for (AblationSweep.Row r : sweep.ranked()) {
            out.printf(Locale.ROOT, "%-5d %5d %5d %10.6f %13.6f %16.6f%n", rank++, r.head().layer(), r.head().head(),
                    r.drift(), r.maeToBayes(), r.driftReduction());
        }
    }

    /** The baseline's full rows, the ideal observer's P(X | {X,Y}) last ({@code n/a} without a recorded mixture). */
    private static void readouts(PrintStream out, DriftResult d, IdealDrift ideal) {
        out.printf(Locale.ROOT, "%-10s %-12s %3s %3s %8s %9s %10s %10s %12s %9s %9s %9s %9s %9s%n", "name", "seq", "n_X",
                "n_Y", "freq_p_X", "bayes_p_X", "logit_X", "logit_Y", "logit_diff", "p_X_raw", "p_Y_raw",
                "p_X_norm", "p_Y_norm", "ideal_p_X");
        d.rows().stream().sorted(java.util.Comparator.comparing(Readout::name)).forEach(r -> out.printf(Locale.ROOT,
                "%-10s %-12s %3d %3d %8.4f %9.4f %10.5f %10.5f %12.5f %9.6f %9.6f %9.6f %9.6f %9s%n",
                r.name(), r.seq(), r.nX(), r.nY(), r.freqPX(), r.bayesPX(), r.logitX(), r.logitY(), r.logitDiff(),
                r.pXRaw(), r.pYRaw(), r.pXNorm(), r.pYNorm(),
                ideal == null ? "n/a" : String.format(Locale.ROOT, "%.6f", ideal.pX(r.name()))));
    }

    /**
     * An ablation's rows: P(X | {X,Y}) and the logit difference, then the ideal observer's and the Beta(1,1) counter's
     * P(X | {X,Y}) beside them ({@code n/a} for the ideal without a recorded mixture: {@code ideal} null).
     */
    private static void readouts(PrintStream out, DriftResult d, java.util.Map<String, Double> ideal) {
        out.printf(Locale.ROOT, "%-10s %-12s %9s %12s %9s %9s%n", "name", "seq", "p_X_norm", "logit_diff", "ideal_p_X",
                "bayes_p_X");
        d.rows().stream().sorted(java.util.Comparator.comparing(Readout::name)).forEach(r -> out.printf(Locale.ROOT,
                "%-10s %-12s %9.6f %12.5f %9s %9.4f%n", r.name(), r.seq(), r.pXNorm(), r.logitDiff(), ideal == null
                        ? "n/a" : String.format(Locale.ROOT, "%.6f", ideal.get(r.name())), r.bayesPX()));
    }

    /** max - min over the rows of the model's P(X | {X,Y}) minus the ideal's (claim 31's order sensitivity). */
    private static double residualDrift(DriftResult d, IdealDrift ideal) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Readout r : d.rows()) {
            double x = r.pXNorm() - ideal.pX(r.name());
            max = Math.max(max, x);
            min = Math.min(min, x);
        }
        return max - min;
    }
}
