package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.TrainingMixture;
import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.train.TrainConfig;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.IdealBaselines;
import io.github.driftclaims.verdict.IdealMeasurements;
import io.github.driftclaims.verdict.IdealRules;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code run}: the notebook's main job on one model, printed as its tables. */
@Command(name = "run", separator = " ", sortOptions = false,
        description = "Prints the notebook's tables: baseline, single-head ablation sweep, top-K ablation, "
                + "then the verdict of each claim under the suite's rules.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Mixin
    private HelpOption help;

    @CommandLine.Mixin
    private ModelOption model;

    @Option(names = "--ablate", paramLabel = "L.H", split = ",", converter = HeadConverter.class,
            description = "Also ablate these heads together, e.g. 1.6,0.3.")
    private List<Head> ablate = new ArrayList<>();

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "" + NotebookRun.NOTEBOOK_TOP_K,
            description = "How many of the sweep's top heads to ablate together (1 to the model's head count). "
                    + "Default: ${DEFAULT-VALUE}, as the notebook.")
    private int topK;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the tables as JSON, in the structure of the notebook's reference file.")
    private Path json;

    @Option(names = "--experiment", paramLabel = "NAME", defaultValue = "main",
            description = "main (the notebook's main job, default), a later cell: later-cells (all), "
                    + "evidence-sweep, drift-4x1y, sanity-check, tracking; or martingale (Falck et al.'s martingale "
                    + "check on one n, m, theta cell, as sampled and with --ablate's heads or the sweep's top two); "
                    + "or ablation-kinds (claims 17-22: the sweep and every pair under zero, mean and resample "
                    + "ablation, and each head's direct logit attribution); orderings (claim 28: every ordering of 3X/3Y "
                    + "with and without the drift heads) or patching (claim 29: activation patching between the "
                    + "patterned and clumped orderings, both directions, per head and per residual layer and position) or "
                    + "path-patching (each layer-0 head into each layer-1 head's q, k and v, and to the logits) or "
                    + "sufficiency (claim 37: each candidate circuit alone, the rest mean-ablated, and removed) or "
                    + "circuit (claim 39: ACDC-style circuit discovery on the head graph beside the greedy and best "
                    + "pairs).")
    private String experiment;

    @Option(names = "--paths", paramLabel = "J", defaultValue = "" + MartingaleGrid.PATHS,
            description = "martingale: sampled paths (default ${DEFAULT-VALUE}).")
    private int paths;

    @Option(names = "--n", paramLabel = "N", defaultValue = "16",
            description = "martingale: observed symbols (default ${DEFAULT-VALUE}).")
    private int n;

    @Option(names = "--m", paramLabel = "M", description = "martingale: sampled symbols per path (default 2N).")
    private Integer m;

    @Option(names = "--theta", paramLabel = "T", defaultValue = "0.7",
            description = "martingale: P(X) of the observed symbols (default ${DEFAULT-VALUE}).")
    private double theta;

    @Option(names = "--replicates", paramLabel = "K", defaultValue = "" + MartingaleGrid.REPLICATES,
            description = "martingale: Beta-Bernoulli reference replicate sets (default ${DEFAULT-VALUE}).")
    private int replicates;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + MartingaleGrid.SEED,
            description = "martingale: the seed of the observed data, the paths and the reference (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--prompt", paramLabel = "STYLE",
            description = "For a later cell: the prompt style, toy, minimal or sequence (default: those the "
                    + "model's vocabulary covers).")
    private String prompt;

    @Option(names = "--ablation", paramLabel = "KIND", defaultValue = "zero",
            description = "For a later cell: how the ablated heads' hook_z is replaced: zero (the notebook's), mean "
                    + "(its mean over every X/Y string of the prompt's length) or resample (z from another such "
                    + "string, 10 seeded draws averaged) (default ${DEFAULT-VALUE}).")
    private String ablation;

    @Option(names = "--raw", description = "Skip TransformerLens's weight processing (fold_ln, centering, "
            + "fold_value_biases): the checkpoint as saved.")
    private boolean raw;

    @Option(names = "--download", description = "Download a hub alias that is not in the Hugging Face cache.")
    private boolean download;

    @Override
    public Integer call() throws IOException {
        // Checked before the model loads: a typo should not cost a model load.
        if (topK < 1) {
            throw invalid("--top-k", topK + " is not a head count; pass a number from 1 to the model's head count");
        }
        if (json != null && json.toString().isBlank()) {
            throw invalid("--json", "is an empty file name; pass the path of a file to write");
        }
        if (json != null) {
            Optional<String> problem = TextFiles.whyNotWritable(json);
            if (problem.isPresent()) {
                throw invalid("--json", json + " " + problem.get() + "; pass the path of a new file or of a"
                        + " regular file to replace");
            }
        }
        if (!experiment.equals("main") && !experiment.equals(MartingaleCommand.NAME)
                && !experiment.equals(AblationKindsCommand.NAME) && !LaterCellsCommand.handles(experiment)
                && !experiment.equals(OrderingsCommand.NAME) && !experiment.equals(PatchingCommand.NAME)
                && !experiment.equals(PathPatchingCommand.NAME) && !experiment.equals(CircuitCommand.NAME)
                && !experiment.equals(SufficiencyCommand.NAME)) {
            throw invalid("--experiment", "'" + experiment + "' is not an experiment; pass main, "
                    + LaterCellsCommand.ALL + ", evidence-sweep, drift-4x1y, sanity-check, tracking, martingale, "
                    + AblationKindsCommand.NAME + ", " + OrderingsCommand.NAME + ", " + PatchingCommand.NAME + ", "
                    + PathPatchingCommand.NAME + ", " + SufficiencyCommand.NAME + " or " + CircuitCommand.NAME);
        }
        if (experiment.equals(AblationKindsCommand.NAME) && !ablate.isEmpty()) {
            throw invalid("--ablate", AblationKindsCommand.NAME + " ablates every head and pair under each kind and "
                    + "takes the drift heads from the zero sweep; drop --ablate");
        }
        if (experiment.equals(CircuitCommand.NAME) && !ablate.isEmpty()) {
            throw invalid("--ablate", experiment + " searches the whole head graph and compares with the drift heads "
                    + "(the zero sweep's top two); drop --ablate");
        }
        if (experiment.equals(SufficiencyCommand.NAME) && !ablate.isEmpty()) {
            throw invalid("--ablate", experiment + " keeps the zero sweep's top two (and every last-layer head) alone; "
                    + "drop --ablate");
        }
        if (experiment.equals(PathPatchingCommand.NAME) && !ablate.isEmpty()) {
            throw invalid("--ablate", experiment + " patches paths between every pair of heads; drop --ablate");
        }
        if ((experiment.equals(OrderingsCommand.NAME) || experiment.equals(PatchingCommand.NAME)) && !ablate.isEmpty()) {
            throw invalid("--ablate", experiment + " measures the drift heads claims 28 and 29 are about, the zero "
                    + "sweep's top two; drop --ablate");
        }
        if (!AblationKind.IDS.contains(ablation)) {
            throw invalid("--ablation", "'" + ablation + "' is not an ablation kind; pass zero, mean or resample");
        }
        if (!ablation.equals("zero") && !LaterCellsCommand.handles(experiment)) {
            throw invalid("--ablation", ablation + " ablation is wired for the later cells; pass --experiment "
                    + LaterCellsCommand.ALL + " (or one of its cells), or drop --ablation for " + experiment);
        }
        MartingaleResult.Cell cell = null;
        if (experiment.equals(MartingaleCommand.NAME)) {
            if (paths < 4) {
                throw invalid("--paths", paths + " paths cannot give quartiles; pass 4 or more (the issue uses 200)");
            }
            if (replicates < 40) {
                throw invalid("--replicates", replicates + " replicates cannot give 2.5% and 97.5% quantiles; pass 40 or "
                        + "more (the issue uses 300)");
            }
            if (n < 2) {
                throw invalid("--n", n + " observed symbols are too few; pass 2 or more");
            }
            int mm = m == null ? 2 * n : m;
            if (mm < 5 || mm < n / 2) {
                throw invalid("--m", mm + " sampled symbols are too few for T2 and T3; pass at least 5 and at least N/2 ("
                        + n / 2 + ")");
            }
            if (!(theta >= 0 && theta <= 1)) {
                throw invalid("--theta", theta + " is not a probability; pass a number from 0 to 1");
            }
            cell = new MartingaleResult.Cell(n, mm, theta);
        }
        Set<Head> seen = new HashSet<>();
        for (Head h : ablate) {
            if (!seen.add(h)) {
                throw invalid("--ablate", "lists " + h.layer() + "." + h.head() + " twice; name each head once");
            }
        }
        PrintStream out = main.out();
        ModelFiles files = model.files(download);
        if (json != null) {
            refuseInput(files);
        }
        // The main experiment and the later cells show the ideal observer of the training mixture the model's
        // training.json records; read before the model loads, so that an unreadable record costs no load.
        TrainingMixture mixture = experiment.equals("main") || LaterCellsCommand.handles(experiment)
                ? TrainConfig.recordedFor(files).map(TrainConfig::mixture).orElse(null) : null;
        try (HookedTransformer m = ModelLoader.load(files, !raw)) {
            checkAgainst(m.config());
            if (cell != null) {
                return MartingaleCommand.run(m, model.label(), cell, paths, replicates, seed, ablate, json, out);
            }
            if (experiment.equals(AblationKindsCommand.NAME)) {
                return AblationKindsCommand.run(m, model.label(), json, out);
            }
            if (experiment.equals(OrderingsCommand.NAME)) {
                return OrderingsCommand.run(m, model.label(), json, out);
            }
            if (experiment.equals(PatchingCommand.NAME)) {
                return PatchingCommand.run(m, model.label(), json, out);
            }
            if (experiment.equals(PathPatchingCommand.NAME)) {
                return PathPatchingCommand.run(m, model.label(), json, out);
            }
            if (experiment.equals(SufficiencyCommand.NAME)) {
                return SufficiencyCommand.run(m, model.label(), json, out);
            }
            if (experiment.equals(CircuitCommand.NAME)) {
                return CircuitCommand.run(m, model.label(), json, out);
            }
            if (!experiment.equals("main")) {
                return LaterCellsCommand.run(m, model.label(), experiment, ablate, ablation, prompt, json, out,
                        mixture == null ? null : new IdealObserver(mixture));
            }
            CircuitEvidence evidence = CircuitEvidence.measure(m, topK, ablate);
            NotebookRun run = evidence.run();
            IdealDrift ideal = mixture == null ? null : new IdealObserver(mixture).over(run.baseline());
            Tables.print(out, model.label(), run, ideal);
            List<Finding> findings = new ArrayList<>();
            if (topK == NotebookRun.NOTEBOOK_TOP_K) {
                findings.addAll(Rules.all(Measurements.of(evidence)));
                findings.add(Rules.excessDrift(IdealMeasurements.of(run.baseline(), ideal)));
                findings.addAll(IdealRules.all(IdealBaselines.of(evidence, mixture == null ? null
                        : new IdealObserver(mixture))));
                Tables.verdicts(out, findings);
            } else {
                out.printf("%nVerdicts: not printed; the rules are about the top %d heads (--top-k %d)%n",
                        NotebookRun.NOTEBOOK_TOP_K, NotebookRun.NOTEBOOK_TOP_K);
            }
            if (json != null) {
                TextFiles.writeAtomically(json, NotebookJson.pretty(NotebookJson.of(m, run, ideal, findings)));
                out.println("\nWrote " + json);
            }
        } catch (IOException e) {
            throw new UserInputException("--json " + json + ": cannot write it (" + e + "); pass a "
                    + "writable path", e);
        }
        return 0;
    }

    /**
     * Refuses a {@code --json} that is one of the run's inputs or any file in the model's directory:
     * the write would replace a file the run reads (config.json, the weights) rather than owns.
     */
    private void refuseInput(ModelFiles files) {
        if (!Files.exists(json, LinkOption.NOFOLLOW_LINKS)) {
            return; // a new file: whatever directory it goes into, nothing is replaced
        }
        List<Path> inputs = new ArrayList<>();
        for (Path p : new Path[] {files.config(), files.checkpoint(), files.tokenizer(), files.tokenizerConfig()}) {
            if (p != null) {
                inputs.add(p);
            }
        }
        try {
            Path parent = json.toAbsolutePath().getParent();
            for (Path input : inputs) {
                if ((Files.exists(input) && Files.isSameFile(json, input))
                        || (parent != null && Files.isSameFile(parent, input.toAbsolutePath().getParent()))) {
                    throw invalid("--json", json + " is one of the model's own files (in " + input.getParent()
                            + "); pass a path outside the model directory");
                }
            }
        } catch (IOException e) {
            throw invalid("--json", json + " cannot be compared with the model's files (" + e.getMessage()
                    + "); pass a new file outside the model directory");
        }
    }

    /** The checks that need the model's shape. */
    private void checkAgainst(ModelConfig c) {
        int heads = c.nLayers() * c.nHeads();
        if (topK > heads) {
            throw invalid("--top-k", topK + " is more than the model's " + heads + " heads; pass 1 to " + heads);
        }
        for (Head h : ablate) {
            try {
                Ablation.check(c, h);
            } catch (IllegalArgumentException e) {
                throw invalid("--ablate", e.getMessage() + "; its heads are 0.0 to " + (c.nLayers() - 1) + "."
                        + (c.nHeads() - 1));
            }
        }
    }

    private ParameterException invalid(String flag, String problem) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + flag + "': " + problem);
    }

    /** {@code --ablate}'s values; {@link Head#parse} says what a head looks like. */
    static final class HeadConverter implements CommandLine.ITypeConverter<Head> {
        @Override
        public Head convert(String value) {
            try {
                return Head.parse(value);
            } catch (UserInputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
