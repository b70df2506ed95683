package io.github.driftclaims.cli;

import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.interp.CircuitDiscovery;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.report.CircuitJson;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.CircuitMeasurements;
import io.github.driftclaims.verdict.CircuitRules;
import io.github.driftclaims.verdict.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code circuit} (issue 28, claim 39): ACDC-style circuit discovery on the head graph at every tau of
 * {@link CircuitDiscovery#TAUS}, beside the greedy pairs and the best mean-ablation pair kept alone in the same graph;
 * optionally as JSON ({@link CircuitJson}).
 */
@picocli.CommandLine.Command(name = CircuitCommand.NAME, separator = " ", sortOptions = false,
        description = "Claim 39: ACDC-style circuit discovery on the head graph beside the greedy and best pairs.")
final class CircuitCommand extends ExperimentCommand {

    static final String NAME = "circuit";

    @Override
    int run(HookedTransformer model, PrintStream out) throws IOException {
        return run(model, load.label(), json, out);
    }

    static int run(HookedTransformer model, String modelName, JsonOption json, PrintStream out) throws IOException {
        List<Head> drift = OrderingsCommand.driftHeads(model);
        KindSweep mean = KindSweep.measure(new DriftProbe(model, Stimulus.NOTEBOOK),
                new AblationKind.Mean(AblationKind.ORDERINGS_3X3Y, Stimulus.allOrderingsOf3X3Y()));
        CircuitDiscovery.Report r = CircuitDiscovery.Report.measure(model, drift, mean);
        CircuitDiscovery d = r.discovery();
        DriftResult full = d.full();
        Finding verdict = CircuitRules.discoveredCircuit(CircuitMeasurements.of(d, drift, model.config().nLayers()
                * model.config().nHeads()));
        out.printf(Locale.ROOT, "Model: %s; the drift heads (the zero sweep's top two): %s%n", modelName, drift);
        out.printf(Locale.ROOT, "Head graph: %d edges; spread of P(X|{X,Y}) over the 20 orderings of 3X/3Y %.4f, with "
                + "every edge removed %.4f%n", d.edges().size(), full.drift(), d.empty().drift());
        out.println("\nACDC from the logits backwards: an edge goes (its sender at its mean over the 20 orderings where "
                + "that receiver reads it) when the mean |P(X) - P_full(X)| rises by less than tau");
        out.printf(Locale.ROOT, "%-30s %-28s %6s %8s %8s %9s%n", "circuit", "heads", "edges", "spread", "faithful",
                "distance");
        for (CircuitDiscovery.Pruning p : d.runs()) {
            out.printf(Locale.ROOT, "%-30s %-28s %6d %8.4f %8.3f %9.5f%n", "discovered, tau " + p.tau(), p.heads(),
                    p.kept().size(), p.circuit().drift(), p.faithfulness(full), p.distance(full));
        }
        for (CircuitDiscovery.Candidate c : r.pairs()) {
            out.printf(Locale.ROOT, "%-30s %-28s %6d %8.4f %8.3f %9.5f%n", c.name(), c.heads(), c.edges(),
                    c.alone().drift(), c.faithfulness(full), CircuitDiscovery.distance(c.alone(), full));
        }
        CircuitDiscovery.Pruning headline = d.at(CircuitDiscovery.HEADLINE_TAU);
        out.printf(Locale.ROOT, "%nEdges kept at tau %s:%n", headline.tau());
        headline.kept().forEach(e -> out.println("  " + e.label()));
        Tables.verdicts(out, List.of(verdict));
        json.write(CircuitJson.of(modelName, r, List.of(verdict)), out);
        return 0;
    }
}
