package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import com.google.gson.JsonObject;
import io.github.driftclaims.ProjectFiles;
import io.github.driftclaims.train.TrainingJob;
import io.github.driftclaims.train.TrainConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code train}: trains a toy model from a recipe. Every {@link TrainConfig} component is an option,
 * named in kebab-case like the other options ({@code nHeads} is {@code --n-heads}); the record's own
 * names stay as they are, because training.json files store them.
 */
@Command(name = "train", separator = " ", sortOptions = false,
        description = {"Trains a toy model and writes DIR/{config.json,tokenizer.json,model.safetensors,training.json}.",
                "Every hyperparameter of the recipe can be overridden; training.json records them all."})
final class TrainCommand implements Callable<Integer> {

    static final Map<String, Supplier<TrainConfig>> RECIPES = Map.of(
            "toy-induction", TrainConfig::toyInduction,
            "counting-only", TrainConfig::countingOnly,
            "toy-induction-2h", TrainConfig::toyInduction2h,
            "counting-only-2h", TrainConfig::countingOnly2h,
            "markov-switch", TrainConfig::markovSwitch);

    /** Counts that may be zero; every other count (sizes, steps, threads) must be at least 1. */
    private static final Set<String> MAY_BE_ZERO = Set.of("warmupSteps", "lossFrom", "cooldownSteps");
    /** Probabilities, in [0, 1]. */
    private static final Set<String> PROBABILITIES = Set.of("pRepeat", "pXYPattern", "pMarkov");
    /** Adam's decay rates, in [0, 1): 1 would divide by zero in the bias correction. */
    private static final Set<String> BETAS = Set.of("beta1", "beta2");

    @CommandLine.Spec
    private CommandSpec spec;

    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Mixin
    private HelpOption help;

    @Option(names = "--recipe", paramLabel = "toy-induction|counting-only", defaultValue = "toy-induction",
            description = "Default: ${DEFAULT-VALUE}.")
    private String recipe;

    @Option(names = "--out", paramLabel = "DIR", description = "Default: fixtures/RECIPE-2l in the project.")
    private Path out;

    /** Adds one typed, range-checked option per hyperparameter; called once the command line is built. */
    static void addHyperparameterOptions(CommandSpec spec) {
        TrainConfig defaults = TrainConfig.toyInduction();
        Map<String, Object> values = defaults.asMap();
        for (RecordComponent rc : TrainConfig.class.getRecordComponents()) {
            String name = rc.getName();
            spec.addOption(OptionSpec.builder(flag(name))
                    .arity("1")
                    .type(String.class)
                    .paramLabel(rc.getType() == boolean.class ? "true|false"
                            : name.equals("decayOn") ? "attn|all" : rc.getType().getSimpleName().toUpperCase(Locale.ROOT))
                    .converters(value -> checked(name, rc.getType(), value))
                    .description("toy-induction: " + values.get(name))
                    .build());
        }
    }

    /** {@code nHeads} -> {@code --n-heads}, {@code pXYPattern} -> {@code --p-xy-pattern}. */
    static String flag(String component) {
        return "--" + component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }

    /** The value as TrainConfig will read it, or a conversion error saying which values are allowed. */
    private static String checked(String name, Class<?> type, String value) {
        String v = value.strip();
        try {
            if (type == long.class) {
                Long.parseLong(v);
            } else if (type == int.class) {
                int min = MAY_BE_ZERO.contains(name) ? 0 : 1;
                if (Integer.parseInt(v) < min) {
                    throw new TypeConversionException("'" + value + "' is less than " + min);
                }
            } else if (type == double.class) {
                double d = Double.parseDouble(v);
                double max = PROBABILITIES.contains(name) ? 1 : Double.MAX_VALUE;
                if (!(d >= 0 && d <= max) || BETAS.contains(name) && d >= 1) {
                    throw new TypeConversionException("'" + value + "' is outside "
                            + (BETAS.contains(name) ? "[0, 1)" : max == 1 ? "[0, 1]" : "[0, finite)"));
                }
            } else if (type == boolean.class) {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new TypeConversionException("'" + value + "' is not true or false");
                }
            } else if (name.equals("decayOn") && !v.equals("attn") && !v.equals("all")) {
                throw new TypeConversionException("'" + value + "' is neither attn nor all");
            }
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not " + (type == double.class ? "a number"
                    : "an integer"));
        }
        return v;
    }

    @Override
    public Integer call() {
        Supplier<TrainConfig> base = RECIPES.get(recipe);
        if (base == null) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--recipe': '" + recipe
                    + "'; use toy-induction or counting-only");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (RecordComponent rc : TrainConfig.class.getRecordComponents()) {
            OptionSpec o = spec.findOption(flag(rc.getName()));
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                overrides.put(rc.getName(), o.getValue());
            }
        }
        TrainConfig c = withFlags(() -> base.get().with(overrides));
        Path dir = out != null ? out : ProjectFiles.resolve(Path.of("fixtures", recipe + "-2l"));
        PrintStream log = main.out();
        log.println("Training " + dir + " with " + c.asMap());
        JsonObject record;
        try {
            record = TrainingJob.run(c, dir, log);
        } catch (IOException e) {
            throw new UserInputException("--out " + dir + ": cannot write the model (" + e + "); pass a "
                    + "directory whose parent is writable", e);
        }
        log.println("Final metrics: " + record.get("final_metrics"));
        log.println("Wrote " + dir);
        return 0;
    }

    /** TrainConfig's own checks (e.g. d_model divisible by n_heads), with its names turned into this CLI's flags. */
    private TrainConfig withFlags(Supplier<TrainConfig> build) {
        try {
            return build.get();
        } catch (UserInputException e) {
            String message = e.getMessage();
            for (RecordComponent rc : TrainConfig.class.getRecordComponents()) {
                message = message.replaceAll("\\b" + rc.getName() + "\\b", flag(rc.getName()));
            }
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
