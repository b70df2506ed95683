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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code martingale}: Falck, Wang and Holmes's martingale check on one (n, m, theta) cell, as
 * sampled and with heads ablated; prints every statistic with its interval and the claims' verdicts, and writes
 * them as JSON ({@link MartingaleJson}).
 */
@Command(name = MartingaleCommand.NAME, separator = " ", sortOptions = false,
        description = "Falck et al.'s martingale check on one n, m, theta cell, as sampled and with --ablate's heads "
                + "(or the sweep's top two) zeroed: every statistic with its interval, and claims 23-26's verdicts.")
final class MartingaleCommand extends ExperimentCommand {

    static final String NAME = "martingale";

    @Mixin
    AblateOption ablate;

    /** The check's own settings, under their own heading in the help. */
    static final class Settings {
        @Option(names = "--paths", paramLabel = "J", defaultValue = "" + MartingaleGrid.PATHS,
                description = "Sampled paths (default ${DEFAULT-VALUE}).")
        int paths = MartingaleGrid.PATHS;

        @Option(names = "--n", paramLabel = "N", defaultValue = "16", description = "Observed symbols (default ${DEFAULT-VALUE}).")
        int n = 16;

        @Option(names = "--m", paramLabel = "M", description = "Sampled symbols per path (default 2N).")
        Integer m;

        @Option(names = "--theta", paramLabel = "T", defaultValue = "0.7",
                description = "P(X) of the observed symbols (default ${DEFAULT-VALUE}).")
        double theta = 0.7;

        @Option(names = "--replicates", paramLabel = "K", defaultValue = "" + MartingaleGrid.REPLICATES,
                description = "Beta-Bernoulli reference replicate sets (default ${DEFAULT-VALUE}).")
        int replicates = MartingaleGrid.REPLICATES;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "" + MartingaleGrid.SEED,
                description = "The seed of the observed data, the paths and the reference (default ${DEFAULT-VALUE}).")
        long seed = MartingaleGrid.SEED;
    }

    // Not given at all, picocli leaves a group null: the defaults are then a fresh Settings'.
    @ArgGroup(exclusive = false, heading = "The martingale check's cell and sampling:%n")
    Settings settings = new Settings();

    private MartingaleResult.Cell cell;

    @Override
    void checkOptions() {
        Settings s = settings == null ? new Settings() : settings;
        settings = s;
        ablate.check(spec);
        if (s.paths < 4) {
            throw invalid("--paths", s.paths + " paths cannot give quartiles; pass 4 or more (the issue uses 200)");
        }
        if (s.replicates < 40) {
            throw invalid("--replicates", s.replicates + " replicates cannot give 2.5% and 97.5% quantiles; pass 40 or "
                    + "more (the issue uses 300)");
        }
        if (s.n < 2) {
            throw invalid("--n", s.n + " observed symbols are too few; pass 2 or more");
        }
        int mm = s.m == null ? 2 * s.n : s.m;
        if (mm < 5 || mm < s.n / 2) {
            throw invalid("--m", mm + " sampled symbols are too few for T2 and T3; pass at least 5 and at least N/2 ("
                    + s.n / 2 + ")");
        }
        if (!(s.theta >= 0 && s.theta <= 1)) {
            throw invalid("--theta", s.theta + " is not a probability; pass a number from 0 to 1");
        }
        cell = new MartingaleResult.Cell(s.n, mm, s.theta);
    }

    @Override
    void checkAgainst(io.github.driftclaims.model.ModelConfig c) {
        ablate.checkAgainst(spec, c);
    }

    @Override
    int run(HookedTransformer model, PrintStream out) throws IOException {
        return run(model, load.label(), cell, settings.paths, settings.replicates, settings.seed, ablate.heads, json, out);
    }

    /** @param ablate the heads to zero; empty for the model's own sweep top two */
    static int run(HookedTransformer model, String modelName, MartingaleResult.Cell cell, int paths, int replicates,
            long seed, List<Head> ablate, JsonOption json, PrintStream out) throws IOException {
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
        json.write(MartingaleJson.of(modelName, e), out);
        return 0;
    }
}
