package io.github.driftclaims.cli;

import io.github.driftclaims.ProjectFiles;
import io.github.driftclaims.model.ModelFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model DIR|ALIAS}, the same option on every command that loads a model for inference. */
final class ModelOption {

    // No picocli default: a given DIR means the user's working directory, the default means the project's.
    @Option(names = "--model", paramLabel = "DIR|ALIAS",
            description = "A model directory (config.json, tokenizer.json, model.safetensors or *final.pth), "
                    + "or a hub alias attn-only-1l ... attn-only-4l. Default: " + Main.DEFAULT_MODEL
                    + " in the project, from any working directory.")
    String value;

    /** The model as tables, records and commands name it: what was given, or the default's project path. */
    String label() {
        return value != null ? value : Main.DEFAULT_MODEL;
    }

    /** The directory of the default model, or null when --model was given. */
    Path defaultDirectory() {
        return value != null ? null : ProjectFiles.resolve(Path.of(Main.DEFAULT_MODEL));
    }

    ModelFiles files(boolean allowDownload) {
        return value != null ? ModelSource.resolve(value, allowDownload) : ModelFiles.fromDirectory(defaultDirectory());
    }
}
