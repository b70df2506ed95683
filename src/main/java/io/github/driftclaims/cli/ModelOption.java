package io.github.driftclaims.cli;

import picocli.CommandLine.Option;

/** {@code --model DIR|ALIAS}, the same option on every command that loads a model for inference. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "DIR|ALIAS", defaultValue = Main.DEFAULT_MODEL,
            description = "A model directory (config.json, tokenizer.json, model.safetensors or *final.pth), "
                    + "or a hub alias attn-only-1l ... attn-only-4l. Default: ${DEFAULT-VALUE}.")
    String value;
}
