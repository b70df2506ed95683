package io.github.driftclaims.cli;

import com.google.gson.JsonObject;
import io.github.driftclaims.UserInputException;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.TextFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --json FILE} on every experiment command: checked before the model loads, written atomically after. */
final class JsonOption {

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write what the command prints as JSON (the notebook's reference structure for run).")
    Path json;

    boolean given() {
        return json != null;
    }

    /** The checks that need no model: a typo should not cost a model load. */
    void check(CommandSpec spec) {
        if (json == null) {
            return;
        }
        if (json.toString().isBlank()) {
            throw invalid(spec, "is an empty file name; pass the path of a file to write");
        }
        Optional<String> problem = TextFiles.whyNotWritable(json);
        if (problem.isPresent()) {
            throw invalid(spec, json + " " + problem.get() + "; pass the path of a new file or of a regular file to replace");
        }
    }

    /**
     * Refuses a {@code --json} that is one of the run's inputs or any file in the model's directory:
     * the write would replace a file the run reads (config.json, the weights) rather than owns.
     */
    void refuseInput(CommandSpec spec, ModelFiles files) {
        if (json == null || !Files.exists(json, LinkOption.NOFOLLOW_LINKS)) {
            return; // none, or a new file: whatever directory it goes into, nothing is replaced
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
                    throw invalid(spec, json + " is one of the model's own files (in " + input.getParent()
                            + "); pass a path outside the model directory");
                }
            }
        } catch (IOException e) {
            throw invalid(spec, json + " cannot be compared with the model's files (" + e.getMessage()
                    + "); pass a new file outside the model directory");
        }
    }

    /** Writes {@code o} when {@code --json} was given, and says so. */
    void write(JsonObject o, PrintStream out) {
        if (json == null) {
            return;
        }
        try {
            TextFiles.writeAtomically(json, NotebookJson.pretty(o));
        } catch (IOException e) {
            throw new UserInputException("--json " + json + ": cannot write it (" + e + "); pass a writable path", e);
        }
        out.println("\nWrote " + json);
    }

    private static ParameterException invalid(CommandSpec spec, String problem) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '--json': " + problem);
    }
}
