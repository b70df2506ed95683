package io.github.driftclaims.cli;

import com.google.gson.JsonObject;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.TrainingMixture;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.train.TrainConfig;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.IdealBaselines;
import io.github.driftclaims.verdict.IdealMeasurements;
import io.github.driftclaims.verdict.IdealRules;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.Rules;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code verdicts}: every claim's verdict on one model under the suite's rules, with its margin and fragile label; it
 * measures what the rules read (the notebook's workload, the later cells, pattern invariance, the orderings, the
 * ideal observer's baselines), which is far more than {@code run}'s tables.
 */
@Command(name = "verdicts", separator = " ", sortOptions = false,
        description = "Measures what the rules read and prints each claim's verdict with the numbers it rests on, its "
                + "margin and whether it is fragile.")
final class VerdictsCommand extends ExperimentCommand {

    private TrainingMixture mixture;

    /** The training mixture the model's training.json records: the ideal observer's claims (27, 31, 35) need it. */
    @Override
    void beforeLoad(ModelFiles files) {
        mixture = TrainConfig.recordedFor(files).map(TrainConfig::mixture).orElse(null);
    }

    @Override
    int run(HookedTransformer model, PrintStream out) {
        out.printf(Locale.ROOT, "Model: %s%n", load.label());
        out.flush();
        // The rules are about the notebook's top two heads, and no --ablate: the verdicts are the model's.
        CircuitEvidence evidence = CircuitEvidence.measure(model, NotebookRun.NOTEBOOK_TOP_K, List.of());
        NotebookRun run = evidence.run();
        IdealObserver observer = mixture == null ? null : new IdealObserver(mixture);
        IdealDrift ideal = observer == null ? null : observer.over(run.baseline());
        List<Finding> findings = new ArrayList<>(Rules.all(Measurements.of(evidence)));
        findings.add(Rules.excessDrift(IdealMeasurements.of(run.baseline(), ideal)));
        findings.addAll(IdealRules.all(IdealBaselines.of(evidence, observer)));
        Tables.verdicts(out, findings);
        JsonObject o = new JsonObject();
        o.addProperty("model", load.label());
        o.add("verdicts", NotebookJson.verdicts(findings));
        json.write(o, out);
        return 0;
    }
}
