package io.github.driftclaims.hub;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One row of the alias table: how TransformerLens turns a short model name into hub repositories.
 *
 * <p>TransformerLens loads NeelNanda's toy models from {@code weightsRepo}: {@code config.json} plus the
 * first file in the repository listing whose name ends with {@code checkpointSuffix}. The tokenizer
 * comes from a separate repository ({@code tokenizer.json}, and when listed {@code tokenizer_config.json}
 * and {@code special_tokens_map.json}, which name the BOS token).
 *
 * @param alias            the TransformerLens alias, e.g. {@code attn-only-2l}
 * @param weightsRepo      hub repository with {@code config.json} and the checkpoints
 * @param checkpointSuffix the first repository file ending with this is the checkpoint
 * @param tokenizerRepo    hub repository with {@code tokenizer.json}
 */
public record ModelAlias(String alias, String weightsRepo, String checkpointSuffix, String tokenizerRepo) {

    /** The tokenizer shared by all of NeelNanda's C4+code toy models. */
    public static final String NEEL_TOKENIZER_REPO = "NeelNanda/gpt-neox-tokenizer-digits";

    /** TransformerLens picks {@code [f for f in repo_files if f.endswith("final.pth")][0]}. */
    public static final String FINAL_CHECKPOINT_SUFFIX = "final.pth";

    /** The table itself; immutable, so it is safe as a constant. Add rows here to support more aliases. */
    public static final List<ModelAlias> KNOWN = List.of(
            neel("attn-only-1l", "NeelNanda/Attn_Only_1L512W_C4_Code"),
            neel("attn-only-2l", "NeelNanda/Attn_Only_2L512W_C4_Code"),
            neel("attn-only-3l", "NeelNanda/Attn_Only_3L512W_C4_Code"),
            neel("attn-only-4l", "NeelNanda/Attn_Only_4L512W_C4_Code"));

    public ModelAlias {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(weightsRepo, "weightsRepo");
        Objects.requireNonNull(checkpointSuffix, "checkpointSuffix");
        Objects.requireNonNull(tokenizerRepo, "tokenizerRepo");
    }

    public static Optional<ModelAlias> find(String alias) {
        return KNOWN.stream().filter(row -> row.alias.equals(alias)).findFirst();
    }

    /** Like {@link #find} but fails with the list of known aliases. */
    public static ModelAlias require(String alias) {
        return find(alias).orElseThrow(() -> new HubException("Unknown model alias '" + alias
                + "'. Known aliases: " + KNOWN.stream().map(ModelAlias::alias).collect(Collectors.joining(", "))
                + ". Add a row to ModelAlias.KNOWN to support another model."));
    }

    /** Whether a repository file (a sibling's {@code rfilename}) is a checkpoint candidate. */
    public boolean isCheckpoint(String repoFilename) {
        return repoFilename.endsWith(checkpointSuffix);
    }

    /** The checkpoint TransformerLens would load: the first candidate in the repository listing. */
    public Optional<String> selectCheckpoint(List<String> repoFilenames) {
        return repoFilenames.stream().filter(this::isCheckpoint).findFirst();
    }

    private static ModelAlias neel(String alias, String weightsRepo) {
        return new ModelAlias(alias, weightsRepo, FINAL_CHECKPOINT_SUFFIX, NEEL_TOKENIZER_REPO);
    }
}
