package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        List<Path> candidates = new ArrayList<>();
        Path safetensors = dir.resolve("model.safetensors");
        if (Files.isRegularFile(safetensors)) {
            candidates.add(safetensors);
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith("final.pth")).sorted().forEach(candidates::add);
        } catch (IOException e) {
            throw new ModelLoadException(dir, "cannot list the directory: " + e, "check permissions", e);
        }
        if (candidates.isEmpty()) {
            throw new ModelLoadException(dir, "no model.safetensors and no *final.pth checkpoint",
                    "put the model's weights in the directory");
        }
        Path checkpoint = candidates.get(0);
        for (Path other : candidates.subList(1, candidates.size())) {
            requireSameWeights(dir, checkpoint, other);
        }
        Path tokConfig = dir.resolve("tokenizer_config.json");
        return new ModelFiles(dir.getFileName().toString(), dir.resolve("config.json"), checkpoint,
                dir.resolve("tokenizer.json"), Files.isRegularFile(tokConfig) ? tokConfig : null, Map.of());
    }

    /**
     * Two checkpoints side by side are one model saved twice (the tiny fixture holds both formats) or
     * two models; which one a run used must not be a matter of file names, so different weights are
     * refused, naming both files and the first tensor that differs.
     */
    private static void requireSameWeights(Path dir, Path chosen, Path other) {
        Map<String, HostTensor> a = StateDict.read(chosen).tensors();
        Map<String, HostTensor> b = StateDict.read(other).tensors();
        // Compared on the tensors both hold: a torch.save checkpoint also carries buffers (IGNORE) that a
        // safetensors export drops, and the loader reads neither.
        String differs = null;
        int shared = 0;
        for (Map.Entry<String, HostTensor> e : a.entrySet()) {
            HostTensor t = b.get(e.getKey());
            if (t == null) {
                continue;
            }
            shared++;
            if (!Arrays.equals(e.getValue().shape(), t.shape()) || !Arrays.equals(e.getValue().data(), t.data())) {
                differs = "tensor " + Excerpt.of(e.getKey());
                break;
            }
        }
        if (shared == 0) {
            differs = "no tensor name in common";
        }
        if (differs != null) {
            throw new ModelLoadException(dir, "holds two checkpoints whose weights differ (" + differs + "): "
                    + chosen.getFileName() + " and " + other.getFileName() + "; a run would use one of them silently",
                    "keep only the model's checkpoint in the directory");
        }
    }

    public ModelFiles withCheckpoint(Path other) {
        return new ModelFiles(name, config, other, tokenizer, tokenizerConfig, provenance);
    }
}
