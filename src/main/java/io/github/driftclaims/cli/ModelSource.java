package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.hub.HubModelResolver;
import io.github.driftclaims.hub.HubSettings;
import io.github.driftclaims.hub.ModelAlias;
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
        if (ModelAlias.find(arg).isPresent()) {
            return new HubModelResolver(HubSettings.fromSystem())
                    .resolve(arg, allowDownload || Boolean.getBoolean("model.download")).toModelFiles();
        }
        throw new UserInputException("--model '" + arg + "' is neither a model directory nor a known alias "
                + ModelAlias.KNOWN.stream().map(ModelAlias::alias).toList()
                + "; pass a directory holding config.json, tokenizer.json and the weights, or an alias");
    }
}
