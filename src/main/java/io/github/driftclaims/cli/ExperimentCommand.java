package io.github.driftclaims.cli;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every experiment command shares: {@code --model}, {@code --raw}, {@code --download} and {@code --json}, the
 * checks before and after the model loads, and the load itself. A subclass measures and prints its own tables in
 * {@link #run}, and nothing it does not print.
 */
abstract class ExperimentCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Mixin
    HelpOption help;

    @CommandLine.Mixin
    LoadOptions load;

    @CommandLine.Mixin
    JsonOption json;

    @Override
    public final Integer call() throws IOException {
        // Checked before the model loads: a typo should not cost a model load.
        checkOptions();
        json.check(spec);
        ModelFiles files = load.files();
        json.refuseInput(spec, files);
        beforeLoad(files);
        try (HookedTransformer m = load.load(files)) {
            checkAgainst(m.config());
            return run(m, main.out());
        }
    }

    /** The command's own checks that need no model. */
    void checkOptions() {}

    /** Reads what the command needs from the model's files besides the weights (an unreadable record costs no load). */
    void beforeLoad(ModelFiles files) {}

    /** The command's own checks that need the model's shape. */
    void checkAgainst(ModelConfig c) {}

    /** Measures, prints (each table as soon as it is known) and writes {@code --json}. */
    abstract int run(HookedTransformer model, PrintStream out) throws IOException;

    ParameterException invalid(String flag, String problem) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + flag + "': " + problem);
    }
}
