package io.github.driftclaims.cli;

import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.LogitAttribution;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.report.AblationKindsJson;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.AblationMeasurements;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ablation-kinds}: claims 17 to 22 on one model (issue 15): the single-head sweep and every
 * pair under zero, mean and resample ablation, each head's direct logit attribution per sequence, and the verdicts;
 * optionally as JSON ({@link AblationKindsJson}).
 */
@picocli.CommandLine.Command(name = AblationKindsCommand.NAME, separator = " ", sortOptions = false,
        description = "Claims 17-22: the single-head sweep and every pair under zero, mean and resample ablation, each head's direct logit attribution, and the verdicts.")
final class AblationKindsCommand extends ExperimentCommand {

    static final String NAME = "ablation-kinds";
    /** Pairs printed per kind. */
    static final int PAIRS_SHOWN = 5;

    @Override
    int run(HookedTransformer model, PrintStream out) throws IOException {
        return run(model, load.label(), json, out);
    }

    private static void print(PrintStream out, KindSweep k) {
        out.printf(Locale.ROOT, "%n== %s ablation: %s%n", k.kind().id(), k.kind().reference());
        Tables.sweep(out, k.sweep());
        out.printf(Locale.ROOT, "greedy pair %s leaves drift %.6f (baseline %.6f): rank %d of %d pairs; best:%n",
                k.greedy(), k.greedyPair().result().drift(), k.sweep().baseline().drift(), k.greedyRank(),
                k.pairs().size());
        for (KindSweep.Pair p : k.pairs().subList(0, Math.min(PAIRS_SHOWN, k.pairs().size()))) {
            out.printf(Locale.ROOT, "  %-14s %10.6f%n", p.heads(), p.result().drift());
        }
    }

    static int run(HookedTransformer model, String modelName, JsonOption json, PrintStream out) throws IOException {
        // Each kind's table as soon as its sweep and pairs are measured; the drift heads are the zero kind's (the first).
        AblationKindsEvidence e = AblationKindsEvidence.measure(model, k -> {
            if (k.kind().id().equals("zero")) {
                out.printf(Locale.ROOT, "Model: %s; the drift heads (the zero sweep's top two): %s%n", modelName, k.greedy());
            }
            print(out, k);
            out.flush();
        });
        List<Finding> verdicts = Rules.ablation(AblationMeasurements.of(e));
        LogitAttribution a = e.attribution();
        out.println("\nDirect logit attribution to logit_X - logit_Y at the last position (through ln_final's scale), "
                + "largest spread over the sequences first");
        out.printf(Locale.ROOT, "%-6s", "head");
        a.stimuli().forEach(s -> out.printf(Locale.ROOT, " %10s", s));
        out.printf(Locale.ROOT, " %10s%n", "spread");
        for (int h : a.bySpread()) {
            out.printf(Locale.ROOT, "%-6s", a.heads().get(h));
            for (double[] row : a.perHead()) {
                out.printf(Locale.ROOT, " %10.4f", row[h]);
            }
            out.printf(Locale.ROOT, " %10.4f%n", a.spread(h));
        }
        Tables.verdicts(out, verdicts);
        json.write(AblationKindsJson.of(modelName, e, verdicts), out);
        return 0;
    }
}
