package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.Baselines;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.report.LaterCellsJson;
import io.github.driftclaims.report.NotebookJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code run --experiment evidence-sweep|drift-4x1y|sanity-check|tracking|later-cells}: the notebook's
 * later cells on one model, printed as its tables and optionally written as JSON in the later-cells
 * reference file's structure. Kept apart from the argument parsing (which {@link Main} owns) so it can be
 * called from any front end.
 */
public final class LaterCellsCommand {

    /** Every later cell at once. */
    public static final String ALL = "later-cells";

    private LaterCellsCommand() {}

    /** True for the experiment names this command runs. */
    public static boolean handles(String experiment) {
        return experiment.equals(ALL) || LaterCellsJson.EXPERIMENTS.contains(experiment);
    }

    /**
     * @param ablate the heads to zero; empty for the model's own sweep top two (as the notebook)
     * @param prompt a prompt style's id, or null for the styles the model's vocabulary covers
     * @param json where to write the JSON, or null
     */
    public static int run(HookedTransformer model, String modelName, String experiment, List<Head> ablate, String prompt,
            Path json, PrintStream out) {
        return run(model, modelName, experiment, ablate, "zero", prompt, json, out, null);
    }

    /**
     * @param kind how the heads are ablated: "zero" (the notebook's), "mean" or "resample"
     * @param ideal the ideal observer of the model's recorded training mixture, shown beside the model in the form it
     *     was trained on ({@link PromptStyle#SEQUENCE}); null when none is recorded
     */
    public static int run(HookedTransformer model, String modelName, String experiment, List<Head> ablate, String kind,
            String prompt, Path json, PrintStream out, IdealObserver ideal) {
        if (!handles(experiment)) {
            throw new UserInputException("unknown experiment '" + experiment + "'; one of " + ALL + ", "
                    + String.join(", ", LaterCellsJson.EXPERIMENTS));
        }
        List<String> experiments = experiment.equals(ALL) ? LaterCellsJson.EXPERIMENTS : List.of(experiment);
        List<Head> heads = ablate.isEmpty()
                ? AblationSweep.run(new DriftProbe(model, Stimulus.NOTEBOOK), true).topHeads(2) : List.copyOf(ablate);
        List<PromptStyle> styles = prompt == null ? PromptStyle.forModel(model) : List.of(PromptStyle.parse(prompt));
        List<LaterCells> cells = styles.stream().map(s -> LaterCells.measure(model, s, heads, kind)).toList();
        out.printf(Locale.ROOT, "Model: %s; ablating %s at hook_z%s: %s%n", modelName, heads,
                ablate.isEmpty() ? " (its sweep's top two)" : "", cells.get(0).ablationReference());
        for (LaterCells l : cells) {
            print(out, l, experiments, l.style() == PromptStyle.SEQUENCE ? ideal : null);
        }
        if (json != null) {
            try {
                TextFiles.writeAtomically(json, NotebookJson.pretty(LaterCellsJson.of(modelName, cells, experiments)));
            } catch (IOException e) {
                throw new UserInputException("cannot write " + json + ": " + e.getMessage(), e);
            }
            out.println("\nWrote " + json);
        }
        return 0;
    }

    /** @param ideal shown beside the model ({@code n/a} where null) */
    static void print(PrintStream out, LaterCells l, List<String> experiments, IdealObserver ideal) {
        out.printf(Locale.ROOT, "%n== %s prompt: %s%n", l.style().id(), l.style().template());
        if (experiments.contains("evidence-sweep")) {
            out.println("\nEvidence sweep (10 orderings per count, P(X|{X,Y}))");
            out.printf(Locale.ROOT, "%4s %10s %9s %14s %13s %13s %12s %11s%n", "n_X", "bayes_p_X", "freq_p_X",
                    "baseline_mean", "baseline_std", "ablated_mean", "ablated_std", "ideal_mean");
            List<List<Stimulus>> orderings = LaterCells.sweepOrderings();
            for (int k = 0; k < l.evidence().counts().size(); k++) {
                LaterCells.Count c = l.evidence().counts().get(k);
                out.printf(Locale.ROOT, "%4d %10.6f %9.6f %14.6f %13.6f %13.6f %12.6f %11s%n", c.nX(), c.bayes(), c.freq(),
                        c.baselineMean(), c.baselineStd(), c.ablatedMean(), c.ablatedStd(), ideal == null ? "n/a"
                                : num(orderings.get(k).stream().mapToDouble(s -> ideal.pX(s.symbols())).average()
                                        .orElseThrow()));
            }
            out.printf(Locale.ROOT, "MAE to two-generator Bayes: baseline %.7f, ablated %.7f%n", l.evidence().maeBaseline(),
                    l.evidence().maeAblated());
        }
        if (experiments.contains("drift-4x1y")) {
            out.println("\n4X/1Y: the 5 orderings of X X X X Y");
            for (int i = 0; i < l.drift4x1Baseline().rows().size(); i++) {
                Readout b = l.drift4x1Baseline().rows().get(i);
                out.printf(Locale.ROOT, "%-10s %9.6f -> %9.6f (ideal %s, Beta(1,1) %.6f)%n", b.seq(), b.pXNorm(),
                        l.drift4x1Ablated().rows().get(i).pXNorm(), ideal == null ? "n/a"
                                : num(ideal.pX(Stimulus.of(b.name(), b.seq()).symbols())), b.bayesPX());
            }
            out.printf(Locale.ROOT, "drift: baseline %.7f, ablated %.7f%n", l.drift4x1Baseline().drift(),
                    l.drift4x1Ablated().drift());
        }
        if (experiments.contains("sanity-check")) {
            out.printf(Locale.ROOT, "%nSanity check on %s: P(X|{X,Y}) %.7f -> %.7f (two-generator Bayes %.7f)%n",
                    LaterCells.SANITY_SEQUENCE, l.sanityBaseline().pXNorm(), l.sanityAblated().pXNorm(),
                    Baselines.twoGenerator(l.sanityBaseline().nX(), l.sanityBaseline().nY()));
        }
        if (experiments.contains("tracking")) {
            out.printf(Locale.ROOT, "%nTracking a hidden bias %.2f (%d seeded streams, seed %d)%n", LaterCells.HIDDEN_BIAS,
                    LaterCells.TRACKING_STREAMS, l.tracking().seed());
            out.printf(Locale.ROOT, "%6s %3s %5s %10s %9s %12s %11s %10s%n", "stream", "t", "token", "bayes_p_X",
                    "freq_p_X", "baseline_p_X", "ablated_p_X", "ideal_p_X");
            for (LaterCells.Step s : l.tracking().steps()) {
                out.printf(Locale.ROOT, "%6d %3d %5s %10.6f %9.6f %12.6f %11.6f %10s%n", s.stream(), s.t(), s.token(),
                        s.bayes(), s.freq(), s.baseline(), s.ablated(), ideal == null ? "n/a"
                                : num(ideal.pX(l.tracking().prefix(s))));
            }
            out.printf(Locale.ROOT, "MAE to two-generator Bayes: baseline %.7f, ablated %.7f%n", l.tracking().maeBaseline(),
                    l.tracking().maeAblated());
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
