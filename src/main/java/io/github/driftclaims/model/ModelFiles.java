package io.github.driftclaims.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a model's three files are, and where they came from. A directory of this project's
 * fixtures and a Hugging Face cache snapshot (weights and tokenizer live in different repositories
 * there) both end up as one of these.
 *
 * @param provenance free-form facts for the report: repository, commit, SHA-256 of the checkpoint
 */
public record ModelFiles(String name, Path config, Path checkpoint, Path tokenizer, Path tokenizerConfig,
        Map<String, String> provenance) {

    public ModelFiles {
        provenance = Map.copyOf(provenance);
    }

    /**
     * A directory with {@code config.json}, {@code tokenizer.json} and a checkpoint: {@code model.safetensors}
     * if present, else the first file whose name ends in {@code final.pth} (Neel Nanda's naming).
     */
    public static ModelFiles fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(dir, "model directory not found",
                    "pass --model a directory holding config.json, tokenizer.json and model.safetensors "
                            + "(or *final.pth), or a known alias such as attn-only-2l");
        }
        Path checkpoint = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(checkpoint)) {
            try (Stream<Path> files = Files.list(dir)) {
                checkpoint = files.filter(p -> p.getFileName().toString().endsWith("final.pth"))
                        .sorted().findFirst()
                        .orElseThrow(() -> new ModelLoadException(dir, "no model.safetensors and no *final.pth checkpoint",
                                "put the model's weights in the directory"));
            } catch (IOException e) {
                throw new ModelLoadException(dir, "cannot list the directory: " + e, "check permissions", e);
            }
        }
        Path tokConfig = dir.resolve("tokenizer_config.json");
        return new ModelFiles(dir.getFileName().toString(), dir.resolve("config.json"), checkpoint,
                dir.resolve("tokenizer.json"), Files.isRegularFile(tokConfig) ? tokConfig : null, Map.of());
    }

    public ModelFiles withCheckpoint(Path other) {
        return new ModelFiles(name, config, other, tokenizer, tokenizerConfig, provenance);
    }
}
