package io.github.driftclaims.cli;

import io.github.driftclaims.CliCommand;
import io.github.driftclaims.hub.HubException;
import io.github.driftclaims.Excerpt;
import io.github.driftclaims.UserInputException;
import io.github.driftclaims.model.ModelLoadException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line, on picocli: {@code run} prints the notebook's tables for a model, {@code verdicts} the claims'
 * verdicts, and each further experiment is its own command with its own options; all are listed by {@code help}. Kept thin: every computation lives in the library packages.
 *
 * <p>Exit codes: 0 success, 1 a check failed (a retrain that does not reproduce the record) or the suite
 * itself failed (a bug, said as such), 2 a usage or input error ({@link io.github.driftclaims.UserInputException}
 * and nothing else), reported as one {@code error:} line that names the flag or file and the fix, never a
 * stack trace.
 */
@Command(name = "drift-claims", separator = " ", sortOptions = false,
        header = "The toy-induction notebook's workload and its tools.",
        description = "Through Maven: " + CliCommand.MAVEN + " -Dexec.args=\"COMMAND [OPTIONS]\"",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:a check failed (retrain: the weights do not match the record), or an unexpected failure (a bug)",
                "2:usage or input error (one 'error:' line naming the flag or file and the fix)"},
        subcommands = {RunCommand.class, VerdictsCommand.class, LaterCellsCommand.class, MartingaleCommand.class,
                AblationKindsCommand.class, OrderingsCommand.class, PatchingCommand.class, PathPatchingCommand.class,
                SufficiencyCommand.class, CircuitCommand.class, FetchCommand.class, TrainCommand.class, RetrainCommand.class,
                ExpectCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    static final String DEFAULT_MODEL = "fixtures/plan-2/ensembles/letters-only-2l/seed-0";
    /** System property that makes an unexpected failure print its stack trace. */
    static final String DEBUG = "driftclaims.debug";

    static final int CHECK_FAILED = 1;
    static final int INPUT_ERROR = 2;

    public static void main(String[] args) {
        int code = run(System.out, System.err, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Where commands print their results (tables, what they wrote); errors go to picocli's err. */
    private final PrintStream out;

    private Main(PrintStream out) {
        this.out = out;
    }

    PrintStream out() {
        return out;
    }

    @CommandLine.Mixin
    private HelpOption help;

    /** Reached only with options but no command (an empty command line means {@code run}). */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    static int run(String... args) {
        return run(System.out, System.err, args);
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        // No arguments: the main job, run on the default model.
        String[] effective = args.length == 0 ? new String[] {"run"} : args;
        Experiments.Forward forward;
        try {
            forward = Experiments.forward(effective);
        } catch (UserInputException e) {
            err.println("error: " + Excerpt.message(e.getMessage(), Excerpt.LINE_CHARS));
            return INPUT_ERROR;
        }
        effective = forward.args();
        CommandLine cl = new CommandLine(new Main(out));
        TrainCommand.addHyperparameterOptions(cl.getSubcommands().get("train").getCommandSpec());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, failed, parsed) -> failure(e, failed));
        int code = cl.execute(effective);
        if (code == 0 && forward.deprecated() != null) {
            // After the run, so that an input error stays the one line on stderr.
            err.println("note: " + forward.deprecated());
        }
        return code;
    }

    /**
     * A command that threw: input the user can fix is one {@code error:} line and exit 2; anything else is a
     * bug in the suite, still one line (with the way to the trace), and exit 1.
     */
    static int failure(Exception e, CommandLine failed) throws Exception {
        if (isInputError(e)) {
            return error(failed, e.getMessage());
        }
        if (Boolean.getBoolean(DEBUG)) {
            throw e;
        }
        failed.getErr().println("error: unexpected failure: " + Excerpt.message(String.valueOf(e)) + " (a bug; rerun with -D"
                + DEBUG + "=true for the stack trace)");
        return CHECK_FAILED;
    }

    /**
     * What a user can fix: a bad flag value, a missing or unreadable file, a model that is not there
     * ({@link ModelLoadException} and {@link HubException} are such). Only this type: an internal check's
     * IllegalArgumentException is a bug, and must not read as bad input.
     */
    static boolean isInputError(Exception e) {
        return e instanceof UserInputException;
    }

    private static int usageError(ParameterException e, String[] args) {
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        return error(e.getCommandLine(), message + "; the options: " + CliCommand.of(helpArgs(e.getCommandLine())));
    }

    private static int error(CommandLine where, String message) {
        // One printable line, bounded, whatever the message quoted.
        where.getErr().println("error: " + Excerpt.message(message, Excerpt.LINE_CHARS));
        return INPUT_ERROR;
    }

    /** {@code run --help} for a subcommand, {@code help} at the top. */
    private static String helpArgs(CommandLine where) {
        return where.getParent() == null ? "help" : where.getCommandName() + " --help";
    }
}
