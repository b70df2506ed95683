package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.report.LaterCellsJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The deprecated {@code run --experiment NAME}: forwarded to the command {@code NAME} (a later cell to
 * {@code later-cells --cell NAME}) with the other arguments unchanged, so that scripts written before the commands
 * split keep working. Options another experiment does not take are then that command's unknown options.
 */
final class Experiments {

    /** The commands {@code --experiment} forwards to, besides the later cells. */
    static final List<String> COMMANDS = List.of(MartingaleCommand.NAME, AblationKindsCommand.NAME,
            OrderingsCommand.NAME, PatchingCommand.NAME, PathPatchingCommand.NAME, SufficiencyCommand.NAME, CircuitCommand.NAME,
            "verdicts");

    private Experiments() {}

    /** @param deprecated the note to print after a successful forwarded run; null when nothing was forwarded */
    record Forward(String[] args, String deprecated) {}

    static Forward forward(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
            return new Forward(args, null);
        }
        List<String> rest = new ArrayList<>();
        String experiment = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--experiment")) {
                if (i + 1 == args.length) {
                    return new Forward(args, null); // picocli says a value is missing: no such option on run
                }
                experiment = args[++i];
            } else if (a.startsWith("--experiment=")) {
                experiment = a.substring("--experiment=".length());
            } else {
                rest.add(a);
            }
        }
        if (experiment == null) {
            return new Forward(args, null);
        }
        List<String> forwarded = new ArrayList<>();
        String command;
        if (experiment.equals("main")) {
            command = "run";
            forwarded.add(command);
        } else if (LaterCellsCommand.handles(experiment)) {
            command = LaterCellsCommand.ALL + (experiment.equals(LaterCellsCommand.ALL) ? "" : " --cell " + experiment);
            forwarded.add(LaterCellsCommand.ALL);
            if (!experiment.equals(LaterCellsCommand.ALL)) {
                forwarded.add("--cell");
                forwarded.add(experiment);
            }
        } else if (COMMANDS.contains(experiment)) {
            command = experiment;
            forwarded.add(command);
        } else {
            throw new UserInputException("Invalid value for option '--experiment': '" + experiment + "' is not an "
                    + "experiment; pass main, " + LaterCellsCommand.ALL + ", " + String.join(", ", LaterCellsJson.EXPERIMENTS)
                    + ", " + String.join(", ", COMMANDS) + " (run --experiment is deprecated: name the command itself)");
        }
        forwarded.addAll(rest);
        return new Forward(forwarded.toArray(String[]::new),
                "run --experiment " + experiment + " is deprecated; it ran `" + command + "`, the command to use");
    }
}
