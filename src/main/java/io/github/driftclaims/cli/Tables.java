package io.github.driftclaims.cli;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.Readout;
import java.io.PrintStream;
import java.util.Locale;

/** The notebook's printed tables, as plain text. */
final class Tables {

    private Tables() {}

    static void print(PrintStream out, String model, NotebookRun run) {
        out.printf(Locale.ROOT, "Model: %s%n%n", model);
        out.println("Baseline: P(next = X | {X,Y}) at the last position");
        readouts(out, run.baseline(), true);
        out.printf(Locale.ROOT, "Drift (max-min) over permutations with same counts: %.7f%n", run.baseline().drift());
        out.printf(Locale.ROOT, "MAE to Bayes (Beta(1,1)): %.7f%n%n", run.baseline().maeToBayes());

        out.println("Single-head zero-ablation sweep at hook_z, ranked by drift reduction");
        sweep(out, run.sweep());
        out.println();
        out.printf("Ablating the top %d heads %s%n", run.topK().heads().size(), run.topK().heads());
        readouts(out, run.topK().result(), false);
        out.printf(Locale.ROOT, "After ablation drift: %.7f (baseline: %.7f), %.1f%% of it removed%n",
                run.topK().result().drift(), run.baseline().drift(), 100 * run.topK().reductionFraction());
        out.printf(Locale.ROOT, "After ablation MAE to Bayes: %.7f (baseline: %.7f)%n",
                run.topK().result().maeToBayes(), run.baseline().maeToBayes());
        if (run.extraResult() != null) {
            out.println();
            out.printf("Requested ablation %s%n", run.extraAblation());
            readouts(out, run.extraResult(), false);
            out.printf(Locale.ROOT, "drift: %.7f, MAE to Bayes: %.7f%n", run.extraResult().drift(),
                    run.extraResult().maeToBayes());
        }
    }

    /** The rules' verdicts, one line per claim, with the numbers each rests on. */
    static void verdicts(PrintStream out, java.util.List<io.github.driftclaims.verdict.Finding> findings) {
        out.println();
        out.println("Verdicts (rules: verdict/Rules.java, lines: verdict/Thresholds.java)");
        for (io.github.driftclaims.verdict.Finding f : findings) {
            out.printf(Locale.ROOT, "%-3d %-15s %s%n      %s%n", f.claim().number(), f.verdictText(), f.claim().statement(),
                    f.reason());
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

    private static void readouts(PrintStream out, DriftResult d, boolean full) {
        if (full) {
            out.printf(Locale.ROOT, "%-10s %-12s %3s %3s %8s %9s %10s %10s %12s %9s %9s %9s %9s%n", "name", "seq", "n_X",
                    "n_Y", "freq_p_X", "bayes_p_X", "logit_X", "logit_Y", "logit_diff", "p_X_raw", "p_Y_raw",
                    "p_X_norm", "p_Y_norm");
        } else {
            out.printf(Locale.ROOT, "%-10s %-12s %9s %12s%n", "name", "seq", "p_X_norm", "logit_diff");
        }
        d.rows().stream().sorted(java.util.Comparator.comparing(Readout::name)).forEach(r -> {
            if (full) {
                out.printf(Locale.ROOT, "%-10s %-12s %3d %3d %8.4f %9.4f %10.5f %10.5f %12.5f %9.6f %9.6f %9.6f %9.6f%n",
                        r.name(), r.seq(), r.nX(), r.nY(), r.freqPX(), r.bayesPX(), r.logitX(), r.logitY(), r.logitDiff(),
                        r.pXRaw(), r.pYRaw(), r.pXNorm(), r.pYNorm());
            } else {
                out.printf(Locale.ROOT, "%-10s %-12s %9.6f %12.5f%n", r.name(), r.seq(), r.pXNorm(), r.logitDiff());
            }
        });
    }
}
