package io.github.driftclaims.cli;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.AttentionPatterns;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.interp.TrainingMixture;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.train.TrainConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: the notebook's main job on one model, printed as its tables, each as soon as it is known, and nothing
 * else measured: the verdicts, which need the later cells, the orderings and the pattern scores, are
 * {@link VerdictsCommand}'s. The attention patterns are measured only for {@code --json}, which records them.
 */
@Command(name = "run", separator = " ", sortOptions = false,
        description = "Prints the notebook's tables: baseline, single-head ablation sweep, top-K ablation "
                + "(the claims' verdicts: the verdicts command).",
        footer = "%n`run --experiment NAME` (deprecated) runs the command NAME, a later cell `later-cells --cell NAME`.")
final class RunCommand extends ExperimentCommand {

    @Mixin
    AblateOption ablate;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "" + NotebookRun.NOTEBOOK_TOP_K,
            description = "How many of the sweep's top heads to ablate together (1 to the model's head count). "
                    + "Default: ${DEFAULT-VALUE}, as the notebook.")
    int topK;

    private TrainingMixture mixture;

    @Override
    void checkOptions() {
        if (topK < 1) {
            throw invalid("--top-k", topK + " is not a head count; pass a number from 1 to the model's head count");
        }
        ablate.check(spec);
    }

    /** The training mixture the model's training.json records, for the ideal observer beside the baseline. */
    @Override
    void beforeLoad(ModelFiles files) {
        mixture = TrainConfig.recordedFor(files).map(TrainConfig::mixture).orElse(null);
    }

    @Override
    void checkAgainst(ModelConfig c) {
        int heads = c.nLayers() * c.nHeads();
        if (topK > heads) {
            throw invalid("--top-k", topK + " is more than the model's " + heads + " heads; pass 1 to " + heads);
        }
        ablate.checkAgainst(spec, c);
    }

    @Override
    int run(HookedTransformer model, PrintStream out) {
        out.printf("Model: %s%n%n", load.label());
        out.flush();
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        // The baseline comes out of the sweep's one batched forward (its rows share layers with the ablated ones):
        // it is known, and printed, when that forward returns.
        AblationSweep sweep = AblationSweep.run(probe, true);
        DriftResult baseline = sweep.baseline();
        IdealDrift ideal = mixture == null ? null : new IdealObserver(mixture).over(baseline);
        Tables.baseline(out, baseline, ideal);
        out.flush();
        Tables.notebookSweep(out, sweep);
        out.flush();
        AblationSweep.TopK top = sweep.ablateTop(probe, topK);
        Tables.topK(out, top, baseline, ideal);
        out.flush();
        DriftResult extra = null;
        if (!ablate.heads.isEmpty()) {
            extra = probe.evaluate(ablate.heads);
            Tables.requested(out, ablate.heads, extra, ideal);
        }
        if (json.given()) {
            // The record carries the attention patterns; the printed tables do not, so only --json measures them.
            List<AttentionPatterns> patterns = new ArrayList<>();
            for (int i = 0; i < probe.stimuli().size(); i++) {
                patterns.add(AttentionPatterns.of(model, probe.stimuli().get(i).name(), probe.tokens(i), Hooks.none()));
            }
            NotebookRun run = new NotebookRun(baseline, patterns, sweep, top, List.copyOf(ablate.heads), extra);
            json.write(NotebookJson.of(model, run, ideal), out);
        }
        return 0;
    }
}
