package io.github.driftclaims.cli;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.Sufficiency;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.report.SufficiencyJson;
import io.github.driftclaims.verdict.CausalRules;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.SufficiencyMeasurements;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code sufficiency} (issue 28): each candidate circuit (the drift heads, every last-layer head) kept
 * alone with every other head mean-ablated, and removed, as its share of the spread of P(X | {X,Y}) over the 20
 * orderings of 3X/3Y; the floor with every head ablated; claim 37's verdict; optionally as JSON ({@link SufficiencyJson}).
 */
@picocli.CommandLine.Command(name = SufficiencyCommand.NAME, separator = " ", sortOptions = false,
        description = "Claim 37: each candidate circuit (the drift heads, every last-layer head) alone, every other head "
                + "mean-ablated, and removed, over the 20 orderings of 3X/3Y.")
final class SufficiencyCommand extends ExperimentCommand {

    static final String NAME = "sufficiency";

    @Override
    int run(HookedTransformer model, PrintStream out) throws IOException {
        return run(model, load.label(), json, out);
    }

    static int run(HookedTransformer model, String modelName, JsonOption json, PrintStream out) throws IOException {
        List<Head> drift = OrderingsCommand.driftHeads(model);
        Sufficiency s = Sufficiency.measure(model, Sufficiency.standardCandidates(model.config(),
                drift));
        Finding verdict = CausalRules.driftHeadsSufficient(SufficiencyMeasurements.of(s, drift));
        out.printf(Locale.ROOT, "Model: %s; the drift heads (the zero sweep's top two): %s%n", modelName, drift);
        out.println("Spread of P(X|{X,Y}) over the 20 orderings of 3X/3Y; an ablated head's hook_z is its mean over them. "
                + "Faithfulness: spread with the circuit alone / full; necessity: share removed by ablating it.");
        out.printf(Locale.ROOT, "%n%-28s %-22s %8s %12s %9s %9s%n", "circuit", "heads", "alone", "faithfulness",
                "removed", "necessity");
        out.printf(Locale.ROOT, "%-28s %-22s %8.4f %12.3f%n", "full model", "all", s.full().drift(), 1.0);
        out.printf(Locale.ROOT, "%-28s %-22s %8.4f %12.3f%n", "floor (every head ablated)", "none", s.floor().drift(),
                s.floor().drift() / s.full().drift());
        for (Sufficiency.Candidate c : s.candidates()) {
            out.printf(Locale.ROOT, "%-28s %-22s %8.4f %12.3f %9.4f %9.3f%n", c.name(), c.heads(), c.alone().drift(),
                    c.faithfulness(s.full()), c.removed().drift(), c.necessity(s.full()));
        }
        Tables.verdicts(out, List.of(verdict));
        json.write(SufficiencyJson.of(modelName, s, drift, List.of(verdict)), out);
        return 0;
    }
}
