package io.github.driftclaims.cli;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.OrderingsDrift;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.OrderingsJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.OrderingsMeasurements;
import io.github.driftclaims.verdict.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code orderings}: claim 28 on one model (issue 28): P(X | {X,Y}) and logit_X - logit_Y on every
 * ordering of 3X/3Y, as the model is and with the drift heads (the zero sweep's top two) zeroed, the spread of each,
 * the same spreads over every ordering of the later cells' counts ({@link OrderingsDrift#LATER_COUNTS}), and the
 * verdict; optionally as JSON ({@link OrderingsJson}).
 */
@picocli.CommandLine.Command(name = OrderingsCommand.NAME, separator = " ", sortOptions = false,
        description = "Claim 28: every ordering of 3X/3Y (and of the later cells' counts) with and without the drift heads, and the verdict.")
final class OrderingsCommand extends ExperimentCommand {

    static final String NAME = "orderings";

    @Override
    int run(HookedTransformer model, PrintStream out) throws IOException {
        return run(model, load.label(), json, out);
    }

    static int run(HookedTransformer model, String modelName, JsonOption json, PrintStream out) throws IOException {
        List<Head> heads = driftHeads(model);
        OrderingsDrift d = OrderingsDrift.measure(model, heads);
        Finding verdict = Rules.orderingsCollapse(OrderingsMeasurements.of(d));
        out.printf(Locale.ROOT, "Model: %s; the drift heads (the zero sweep's top two): %s%n", modelName, heads);
        out.println("\nEvery ordering of 3X/3Y: P(X|{X,Y}) and logit_X - logit_Y, as the model is and with the drift "
                + "heads zeroed at hook_z");
        out.printf(Locale.ROOT, "%-8s %12s %12s %12s %12s%n", "ordering", "p_X_norm", "logit_diff", "p_X_ablated",
                "ld_ablated");
        for (int i = 0; i < d.baseline().rows().size(); i++) {
            Readout b = d.baseline().rows().get(i);
            Readout a = d.ablated().rows().get(i);
            out.printf(Locale.ROOT, "%-8s %12.6f %12.4f %12.6f %12.4f%n", b.name(), b.pXNorm(), b.logitDiff(),
                    a.pXNorm(), a.logitDiff());
        }
        out.printf(Locale.ROOT, "spread (max - min of P(X|{X,Y})): %.6f -> %.6f with %s zeroed%n", d.baseline().drift(),
                d.ablated().drift(), heads);
        List<OrderingsDrift> others = OrderingsDrift.LATER_COUNTS.stream().map(c -> OrderingsDrift.measure(model, heads, c))
                .toList();
        out.println("\nThe later cells' counts, every ordering of each: the spread as the model is and with the drift "
                + "heads zeroed");
        out.printf(Locale.ROOT, "%-8s %9s %12s %14s %9s%n", "count", "orderings", "spread", "spread_ablated", "removed");
        for (OrderingsDrift o : others) {
            double before = o.baseline().drift();
            double after = o.ablated().drift();
            out.printf(Locale.ROOT, "%-8s %9d %12.6f %14.6f %8.1f%%%n", o.count(), o.baseline().rows().size(), before,
                    after, before == 0 ? 0 : 100 * (before - after) / before);
        }
        Tables.verdicts(out, List.of(verdict));
        json.write(OrderingsJson.of(modelName, d, others,
                    List.of(verdict)), out);
        return 0;
    }

    /**
     * The drift heads claims 28 and 29 are about: the notebook's zero-ablation sweep's top two. The sweep alone, not
     * the whole notebook run: its patterns and top-2 forward would be measured and never printed.
     */
    static List<Head> driftHeads(HookedTransformer model) {
        return AblationSweep.run(new DriftProbe(model, Stimulus.NOTEBOOK), true).topHeads(NotebookRun.NOTEBOOK_TOP_K);
    }
}
