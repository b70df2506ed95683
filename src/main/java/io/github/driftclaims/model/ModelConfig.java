package io.github.driftclaims.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The hyperparameters of an attention-only transformer, read from a Hugging Face {@code config.json}
 * in the schema TransformerLens's {@code convert_neel_model_config} reads.
 *
 * <p>Only what this implementation computes is accepted: attention-only, LayerNorm, standard learned
 * positional embeddings. Anything else is rejected at load time rather than silently computed wrong.
 */
public record ModelConfig(
        int dModel,
        int nLayers,
        int dHead,
        int nHeads,
        int nCtx,
        int dVocab,
        String actFn,
        String normalizationType,
        String tokenizerName) {

    /** TransformerLens's LayerNorm epsilon; it is a default there, not part of the config file. */
    public static final float LN_EPS = 1e-5f;

    public ModelConfig {
        if (dModel <= 0 || nLayers <= 0 || dHead <= 0 || nHeads <= 0 || nCtx <= 0 || dVocab <= 0) {
            throw new IllegalArgumentException("every dimension must be positive: d_model=" + dModel
                    + " n_layers=" + nLayers + " d_head=" + dHead + " n_heads=" + nHeads
                    + " n_ctx=" + nCtx + " d_vocab=" + dVocab);
        }
    }

    /** Reads and validates {@code config.json}. */
    public static ModelConfig read(Path file) {
        JsonObject json;
        try (Reader reader = Files.newBufferedReader(file)) {
            json = JsonParser.parseReader(reader).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file, "config file not found",
                    "point --model at a directory with config.json, a checkpoint and tokenizer.json");
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(file, "not a readable JSON object (" + e.getMessage() + ")",
                    "restore config.json from its source", e);
        }
        return fromJson(file, json);
    }

    static ModelConfig fromJson(Path file, JsonObject json) {
        if (bool(json, "attn_only", false) == false) {
            throw new ModelLoadException(file, "attn_only is not true: MLP blocks are not implemented",
                    "use an attention-only model such as attn-only-2l");
        }
        String norm = json.has("normalization") ? string(json, "normalization", null)
                : string(json, "normalization_type", null);
        if (!"LN".equals(norm)) {
            throw new ModelLoadException(file, "normalization " + norm + " is not supported (only LN)",
                    "use a model with LayerNorm (normalization: \"LN\")");
        }
        if (bool(json, "shortformer_pos", false)) {
            throw new ModelLoadException(file, "shortformer positional embeddings are not implemented",
                    "use a model with standard positional embeddings (shortformer_pos: false)");
        }
        if (bool(json, "final_rms", false)) {
            throw new ModelLoadException(file, "final_rms (RMS final norm) is not implemented",
                    "use a model with a LayerNorm final norm (final_rms: false)");
        }
        try {
            return new ModelConfig(
                    integer(file, json, "d_model"),
                    integer(file, json, "n_layers"),
                    integer(file, json, "d_head"),
                    integer(file, json, "n_heads"),
                    integer(file, json, "n_ctx"),
                    integer(file, json, "d_vocab"),
                    string(json, "act_fn", null),
                    norm,
                    string(json, "tokenizer_name", null));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, e.getMessage(), "fix the dimensions in config.json", e);
        }
    }

    /** The JSON this project writes for its own models, in the schema it reads. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("d_model", dModel);
        o.addProperty("n_layers", nLayers);
        o.addProperty("d_head", dHead);
        o.addProperty("n_heads", nHeads);
        o.addProperty("n_ctx", nCtx);
        o.addProperty("d_vocab", dVocab);
        o.addProperty("act_fn", actFn == null ? "solu_ln" : actFn);
        o.addProperty("attn_only", true);
        o.addProperty("normalization", normalizationType);
        o.addProperty("shortformer_pos", false);
        o.addProperty("final_rms", false);
        if (tokenizerName != null) {
            o.addProperty("tokenizer_name", tokenizerName);
        }
        return o;
    }

    private static int integer(Path file, JsonObject json, String key) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            throw new ModelLoadException(file, "required key '" + key + "' is missing",
                    "add it; see TransformerLens's convert_neel_model_config for the schema");
        }
        try {
            return e.getAsInt();
        } catch (RuntimeException ex) {
            throw new ModelLoadException(file, "key '" + key + "' is not an integer: " + e,
                    "write it as a JSON integer", ex);
        }
    }

    private static String string(JsonObject json, String key, String fallback) {
        JsonElement e = json.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    private static boolean bool(JsonObject json, String key, boolean fallback) {
        JsonElement e = json.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsBoolean();
    }
}
