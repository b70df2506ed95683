package io.github.driftclaims.model;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.Excerpt;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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

    /**
     * Every dimension positive and within its limit in {@link Limits}, and every tensor and the whole
     * model small enough to count in a long, checked before anything (the expected key list, a
     * buffer) is derived from them.
     */
    public ModelConfig {
        if (dModel <= 0 || nLayers <= 0 || dHead <= 0 || nHeads <= 0 || nCtx <= 0 || dVocab <= 0) {
            throw new UserInputException("every dimension must be positive: d_model=" + dModel
                    + " n_layers=" + nLayers + " d_head=" + dHead + " n_heads=" + nHeads
                    + " n_ctx=" + nCtx + " d_vocab=" + dVocab);
        }
        atMost("d_model", dModel, "D_MODEL", Limits.D_MODEL);
        atMost("n_layers", nLayers, "N_LAYERS", Limits.N_LAYERS);
        atMost("d_head", dHead, "D_HEAD", Limits.D_HEAD);
        atMost("n_heads", nHeads, "N_HEADS", Limits.N_HEADS);
        atMost("n_ctx", nCtx, "N_CTX", Limits.N_CTX);
        atMost("d_vocab", dVocab, "D_VOCAB", Limits.D_VOCAB);
        // Each factor is below 2^22, so no product of three of them overflows a long.
        long largest = Math.max(Math.max((long) dVocab * dModel, (long) nCtx * dModel), (long) nHeads * dModel * dHead);
        if (4 * largest > Limits.TENSOR_BYTES) {
            throw new UserInputException("the largest tensor these dimensions imply has " + largest
                    + " float32 elements, more than " + Limits.named("TENSOR_BYTES", Limits.TENSOR_BYTES) + " bytes");
        }
        long perLayer = 4L * nHeads * dModel * dHead + 3L * nHeads * dHead + 3L * dModel;
        long params = 2L * dVocab * dModel + (long) nCtx * dModel + nLayers * perLayer + 2L * dModel + dVocab;
        if (4 * params > Limits.MODEL_BYTES) {
            throw new UserInputException("these dimensions imply " + params + " float32 parameters, more than "
                    + Limits.named("MODEL_BYTES", Limits.MODEL_BYTES) + " bytes");
        }
    }

    /**
     * Refuses dimensions whose single-head sweep would not fit in memory, estimated as
     * {@link Limits#SWEEP_FLOATS} says. Checked when config.json is read, before anything is loaded; a
     * config built in code (a test, the trainer) is not a run's input and is not held to it.
     */
    void checkSweepCost() {
        long heads = (long) nLayers * nHeads;
        long perRow = dVocab + (long) Limits.SWEEP_TOKENS * (dModel + (long) nHeads * (dHead + Limits.SWEEP_TOKENS));
        // Exact arithmetic: the factors are bounded, but their product is not obviously within a long.
        long sweep;
        try {
            sweep = Math.multiplyExact(Math.multiplyExact(heads + 1, (long) Limits.SWEEP_SEQUENCES), perRow);
        } catch (ArithmeticException e) {
            sweep = Long.MAX_VALUE;
        }
        if (sweep > Limits.SWEEP_FLOATS) {
            throw new UserInputException("the single-head sweep over " + heads + " heads (" + nLayers
                    + " layers x " + nHeads + ") would hold about " + sweep + " floats, more than "
                    + Limits.named("SWEEP_FLOATS", Limits.SWEEP_FLOATS) + "; the analyses here are for small"
                    + " attention-only models");
        }
    }

    private static void atMost(String key, int value, String limitName, int limit) {
        if (value > limit) {
            throw new UserInputException(key + " is " + value + ", more than " + Limits.named(limitName, limit));
        }
    }

    private static final String RESTORE = "restore config.json from its source";

    /**
     * Reads and validates {@code config.json}: a regular file of at most {@link Limits#CONFIG_BYTES},
     * strict JSON, every field of the type the schema gives it.
     */
    public static ModelConfig read(Path file) {
        String text = ModelInputs.readText(file, Limits.CONFIG_BYTES, "CONFIG_BYTES", "config file not found",
                "point --model at a directory with config.json, a checkpoint and tokenizer.json");
        return fromJson(file, ModelInputs.strictJsonObject(file, text, "config.json", RESTORE));
    }

    static ModelConfig fromJson(Path file, JsonObject json) {
        if (!bool(file, json, "attn_only", false)) {
            throw new ModelLoadException(file, "attn_only is not true: MLP blocks are not implemented",
                    "use an attention-only model such as attn-only-2l");
        }
        String norm = json.has("normalization") ? string(file, json, "normalization", null)
                : string(file, json, "normalization_type", null);
        if (!"LN".equals(norm)) {
            throw new ModelLoadException(file, "normalization " + norm + " is not supported (only LN)",
                    "use a model with LayerNorm (normalization: \"LN\")");
        }
        if (bool(file, json, "shortformer_pos", false)) {
            throw new ModelLoadException(file, "shortformer positional embeddings are not implemented",
                    "use a model with standard positional embeddings (shortformer_pos: false)");
        }
        if (bool(file, json, "final_rms", false)) {
            throw new ModelLoadException(file, "final_rms (RMS final norm) is not implemented",
                    "use a model with a LayerNorm final norm (final_rms: false)");
        }
        try {
            ModelConfig config = new ModelConfig(
                    integer(file, json, "d_model"),
                    integer(file, json, "n_layers"),
                    integer(file, json, "d_head"),
                    integer(file, json, "n_heads"),
                    integer(file, json, "n_ctx"),
                    integer(file, json, "d_vocab"),
                    string(file, json, "act_fn", null),
                    norm,
                    string(file, json, "tokenizer_name", null));
            config.checkSweepCost();
            return config;
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

    /**
     * A positive JSON integer literal that fits an int: 16.0, "16", 1.6e1 and 2^31 are refused rather
     * than coerced (Gson's getAsInt would read 4294967312 as 16). The upper limits are checked by the
     * constructor.
     */
    private static int integer(Path file, JsonObject json, String key) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            throw new ModelLoadException(file, "required key '" + key + "' is missing",
                    "add it; see TransformerLens's convert_neel_model_config for the schema");
        }
        String fix = "write " + key + " as a positive JSON integer such as 16";
        long value = ModelInputs.exactLong(file, e, "key '" + key + "'", fix);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new ModelLoadException(file, "key '" + key + "' is " + value + ", not a positive int", fix);
        }
        return (int) value;
    }

    private static String string(Path file, JsonObject json, String key, String fallback) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ModelLoadException(file, "key '" + key + "' is not a string: " + Excerpt.of(String.valueOf(e)), "write it as a JSON string");
        }
        return e.getAsString();
    }

    private static boolean bool(Path file, JsonObject json, String key, boolean fallback) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new ModelLoadException(file, "key '" + key + "' is not true or false: " + Excerpt.of(String.valueOf(e)),
                    "write it as a JSON boolean");
        }
        return e.getAsBoolean();
    }
}
