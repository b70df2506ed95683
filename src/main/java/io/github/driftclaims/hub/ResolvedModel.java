package io.github.driftclaims.hub;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A model alias resolved to files in the local cache, plus where they came from, for provenance in reports.
 *
 * <p>{@code special_tokens_map.json}, when the tokenizer repository has one, sits next to {@code tokenizer}.
 *
 * @param alias           the alias asked for, e.g. {@code attn-only-2l}
 * @param config          the weights repository's {@code config.json}
 * @param checkpoint      the checkpoint ({@code *final.pth})
 * @param tokenizer       {@code tokenizer.json}
 * @param tokenizerConfig {@code tokenizer_config.json}, or {@code null} when the repository has none
 * @param weightsRepo     repository id of config and checkpoint
 * @param weightsCommit   the commit they were taken from
 * @param tokenizerRepo   repository id of the tokenizer
 * @param tokenizerCommit the commit it was taken from
 * @param sha256ByFile    SHA-256 (lowercase hex) of each file above, keyed by its name in its repository
 */
public record ResolvedModel(String alias, Path config, Path checkpoint, Path tokenizer, Path tokenizerConfig,
                            String weightsRepo, String weightsCommit, String tokenizerRepo, String tokenizerCommit,
                            Map<String, String> sha256ByFile) {

    public ResolvedModel {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(tokenizer, "tokenizer");
        sha256ByFile = Map.copyOf(sha256ByFile);
    }

    /** The checkpoint's path inside its repository, e.g. {@code model_final.pth}. */
    public String checkpointFilename() {
        // config.json sits at the snapshot root, so the checkpoint's repository path is relative to its folder.
        return config.getParent().relativize(checkpoint).toString().replace('\\', '/');
    }

    /** SHA-256 of the checkpoint as loaded. */
    /** The files as the model loader takes them, with where they came from for the report. */
    public io.github.driftclaims.model.ModelFiles toModelFiles() {
        Map<String, String> provenance = new java.util.LinkedHashMap<>();
        provenance.put("weights_repo", weightsRepo);
        provenance.put("weights_commit", String.valueOf(weightsCommit));
        provenance.put("tokenizer_repo", String.valueOf(tokenizerRepo));
        provenance.put("tokenizer_commit", String.valueOf(tokenizerCommit));
        provenance.put("checkpoint_sha256", String.valueOf(checkpointSha256()));
        return new io.github.driftclaims.model.ModelFiles(alias, config, checkpoint, tokenizer, tokenizerConfig,
                provenance);
    }

    public String checkpointSha256() {
        return sha256ByFile.get(checkpointFilename());
    }
}
