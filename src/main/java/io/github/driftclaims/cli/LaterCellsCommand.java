package io.github.driftclaims.cli;

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
import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.train.TrainConfig;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.List;
import java.util.Locale;

/**
 * {@code later-cells [--cell evidence-sweep|drift-4x1y|sanity-check|tracking]}: the notebook's later cells on one model,
 * printed as its tables and optionally written as JSON in the later-cells reference file's structure.
 */
@Command(name = LaterCellsCommand.ALL, separator = " ", sortOptions = false,
        description = "The notebook's later cells (evidence sweep, 4X/1Y drift, sanity check, tracking) with --ablate's "
                + "heads (or the sweep's top two) ablated.")
final class LaterCellsCommand extends ExperimentCommand {

    /** Every later cell at once. */
    static final String ALL = "later-cells";

    @Option(names = "--cell", paramLabel = "CELL",
            description = "Only this cell: evidence-sweep, drift-4x1y, sanity-check or tracking (default: every one).")
    String cell;

    @Option(names = "--prompt", paramLabel = "STYLE",
            description = "The prompt style, toy, minimal or sequence (default: those the model's vocabulary covers).")
    String prompt;

    @Option(names = "--ablation", paramLabel = "KIND", defaultValue = "zero",
            description = "How the ablated heads' hook_z is replaced: zero (the notebook's), mean (its mean over every "
                    + "X/Y string of the prompt's length) or resample (z from another such string, 10 seeded draws "
                    + "averaged) (default ${DEFAULT-VALUE}).")
    String ablation;

    @Mixin
    AblateOption ablate;

    private IdealObserver ideal;

    /** True for the names {@code run --experiment} (deprecated) forwards here: every cell and all of them. */
    static boolean handles(String experiment) {
        return experiment.equals(ALL) || LaterCellsJson.EXPERIMENTS.contains(experiment);
    }

    @Override
    void checkOptions() {
        if (cell != null && !LaterCellsJson.EXPERIMENTS.contains(cell)) {
            throw invalid("--cell", "'" + cell + "' is not a later cell; pass one of "
                    + String.join(", ", LaterCellsJson.EXPERIMENTS) + ", or drop --cell for every one");
        }
        if (!AblationKind.IDS.contains(ablation)) {
            throw invalid("--ablation", "'" + ablation + "' is not an ablation kind; pass zero, mean or resample");
        }
        ablate.check(spec);
    }

    /** The ideal observer of the training mixture the model's training.json records, shown beside the model. */
    @Override
    void beforeLoad(ModelFiles files) {
        ideal = TrainConfig.recordedFor(files).map(TrainConfig::mixture).map(IdealObserver::new).orElse(null);
    }

    @Override
    void checkAgainst(ModelConfig c) {
        ablate.checkAgainst(spec, c);
    }

    @Override
    int run(HookedTransformer model, PrintStream out) {
        List<String> experiments = cell == null ? LaterCellsJson.EXPERIMENTS : List.of(cell);
        List<Head> heads = ablate.heads.isEmpty()
                ? AblationSweep.run(new DriftProbe(model, Stimulus.NOTEBOOK), true).topHeads(2) : List.copyOf(ablate.heads);
        List<PromptStyle> styles = prompt == null ? PromptStyle.forModel(model) : List.of(PromptStyle.parse(prompt));
        List<LaterCells> cells = new ArrayList<>();
        for (PromptStyle s : styles) {
            LaterCells l = LaterCells.measure(model, s, heads, ablation);
            if (cells.isEmpty()) {
                out.printf(Locale.ROOT, "Model: %s; ablating %s at hook_z%s: %s%n", load.label(), heads,
                        ablate.heads.isEmpty() ? " (its sweep's top two)" : "", l.ablationReference());
            }
            cells.add(l);
            // Each style's tables as soon as they are measured.
            print(out, l, experiments, l.style() == PromptStyle.SEQUENCE ? ideal : null);
            out.flush();
        }
        json.write(LaterCellsJson.of(load.label(), cells, experiments), out);
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
