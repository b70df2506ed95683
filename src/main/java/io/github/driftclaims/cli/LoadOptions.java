package io.github.driftclaims.cli;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --model}, {@code --raw} and {@code --download}: how every experiment command finds and loads its model. */
final class LoadOptions {

    @Mixin
    ModelOption model;

    @Option(names = "--raw", description = "Skip TransformerLens's weight processing (fold_ln, centering, "
            + "fold_value_biases): the checkpoint as saved.")
    boolean raw;

    @Option(names = "--download", description = "Download a hub alias that is not in the Hugging Face cache.")
    boolean download;

    String label() {
        return model.label();
    }

    ModelFiles files() {
        return model.files(download);
    }

    HookedTransformer load(ModelFiles files) {
        return ModelLoader.load(files, !raw);
    }
}
