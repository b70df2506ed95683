package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.martingale.MartingaleExperiment;
import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.martingale.ModelSampler;
import io.github.driftclaims.martingale.Statistic;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.report.MartingaleJson;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.MartingaleMeasurements;
import io.github.driftclaims.verdict.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code run --experiment martingale}: Falck, Wang and Holmes's martingale check on one (n, m, theta) cell, as
 * sampled and with heads ablated; prints every statistic with its interval and the claims' verdicts, and writes
 * them as JSON ({@link MartingaleJson}).
 */
final class MartingaleCommand {

    static final String NAME = "martingale";

    private MartingaleCommand() {}

    /** @param ablate the heads to zero; empty for the model's own sweep top two */
    static int run(HookedTransformer model, String modelName, MartingaleResult.Cell cell, int paths, int replicates,
            long seed, List<Head> ablate, Path json, PrintStream out) throws IOException {
        int needed = new ModelSampler(model, Hooks.none()).contextNeeded(cell.n(), cell.m());
        if (needed > model.config().nCtx()) {
            throw new UserInputException("--n " + cell.n() + " --m " + cell.m() + " needs " + needed
                    + " positions but the model's context n_ctx is " + model.config().nCtx() + "; pass a smaller --n or --m");
        }
        List<Head> heads = ablate.isEmpty()
                ? AblationSweep.run(new DriftProbe(model, Stimulus.NOTEBOOK), true).topHeads(2) : List.copyOf(ablate);
        MartingaleExperiment e = MartingaleExperiment.run(model, heads, new MartingaleGrid(List.of(cell), paths,
                replicates, seed));
        out.printf(Locale.ROOT, "Model: %s; martingale check at %s, J=%d paths, K=%d replicates, seed %d; ablating %s%s%n",
                modelName, cell, paths, replicates, seed, heads, ablate.isEmpty() ? " (its sweep's top two)" : "");
        out.printf(Locale.ROOT, "%n%-8s %-9s %10s %10s %10s %7s%n", "", "statistic", "value", "lo 2.5%", "hi 97.5%",
                "inside");
        for (String condition : new String[] {"baseline", "ablated"}) {
            MartingaleResult r = (condition.equals("baseline") ? e.baseline() : e.ablated()).get(0);
            for (Statistic s : r.statistics()) {
                out.printf(Locale.ROOT, "%-8s %-9s %10.5f %10.5f %10.5f %7s%n", condition, s.name(), s.value(),
                        s.interval().lo(), s.interval().hi(), s.inside() ? "yes" : "NO");
            }
            out.printf(Locale.ROOT, "%-8s kept %d of %d paths (T3: %d; reference sets %.1f); observed mean %.4f, path "
                    + "mean %.4f%n", condition, r.kept(), r.paths(), r.keptT3(), r.referenceKept(), r.observedMean(),
                    r.pathMean());
        }
        Tables.verdicts(out, Rules.martingale(MartingaleMeasurements.of(e)));
        if (json != null) {
            TextFiles.writeAtomically(json, NotebookJson.pretty(MartingaleJson.of(modelName, e)));
            out.println("\nWrote " + json);
        }
        return 0;
    }
}
