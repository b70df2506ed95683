package io.github.driftclaims.interp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelInputs;
import io.github.driftclaims.model.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The tokens the head scores' random repeated sequences are drawn from: a recorded property of a model,
 * read from {@code model-card.json} beside its {@code config.json}, never guessed from other files.
 *
 * <p>TransformerLens draws from the whole vocabulary ({@code vocabulary}, also what a model without a
 * card gets, such as attn-only-2l from the Hub). A toy model trained by this project has seen only its
 * letter tokens; its other byte-level tokens keep their random initial embeddings, so its card names
 * the letters it was trained on: " A" .. " Z", or " X" and " Y" for a recipe without letter patterns. Card format: {@code {"head_score_pool": "vocabulary"}} or
 * {@code {"head_score_pool": [" A", " B", ...]}}.
 *
 * @param description "vocabulary" or the tokens, for the report
 * @param ids token ids, in the order the card lists them (the order the seeded draws index)
 */
public record ScorePool(String description, int[] ids) {

    public static final String CARD = "model-card.json";

    public static ScorePool of(HookedTransformer model) {
        return cardTokens(model.files().config().resolveSibling(CARD)).map(t -> tokens(model, t))
                .orElseGet(() -> vocabulary(model));
    }

    /**
     * The tokens a model card lists; empty when there is no card or it names the vocabulary. The card is
     * read like every JSON file of a model directory: bounded, strict, regular files only.
     */
    static Optional<List<String>> cardTokens(Path card) {
        if (!Files.exists(card)) {
            return Optional.empty();
        }
        String fix = "write {\"head_score_pool\": \"vocabulary\"} or {\"head_score_pool\": [\" A\", \" B\"]}";
        JsonElement pool = ModelInputs.jsonFile(card, "the model card", "model card not found", fix)
                .get("head_score_pool");
        if (pool != null && pool.isJsonPrimitive() && "vocabulary".equals(pool.getAsString())) {
            return Optional.empty();
        }
        if (pool == null || !pool.isJsonArray() || pool.getAsJsonArray().isEmpty()) {
            throw new ModelLoadException(card, "head_score_pool must be \"vocabulary\" or a non-empty list of tokens",
                    fix);
        }
        List<String> tokens = new ArrayList<>();
        for (JsonElement e : pool.getAsJsonArray()) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new ModelLoadException(card, "head_score_pool lists " + io.github.driftclaims.Excerpt.of(e.toString())
                        + ", not a token string", fix);
            }
            tokens.add(e.getAsString());
        }
        return Optional.of(tokens);
    }

    /** Every token but BOS, as TransformerLens's induction-score examples draw. */
    public static ScorePool vocabulary(HookedTransformer model) {
        int bos = model.tokenizer().bosId();
        return new ScorePool("vocabulary", IntStream.range(0, model.config().dVocab()).filter(t -> t != bos).toArray());
    }

    /** The listed tokens, each of which must be a single token of the model's tokenizer. */
    public static ScorePool tokens(HookedTransformer model, List<String> tokens) {
        int[] ids = tokens.stream().mapToInt(t -> model.tokenizer().toSingleToken(t)).toArray();
        return new ScorePool(String.join("", tokens.stream().map(t -> t.strip()).toList()), ids);
    }

    /** The letters " A" .. " Z", the pool this project's toy models are trained on. */
    public static List<String> letters() {
        return IntStream.rangeClosed('A', 'Z').mapToObj(c -> " " + (char) c).toList();
    }

    /** The card a toy model ships with, naming the letters it was trained on ({@link TrainingMixture#trainedLetters}). */
    public static JsonObject card(List<String> trainedLetters) {
        JsonObject o = new JsonObject();
        JsonArray a = new JsonArray();
        trainedLetters.forEach(a::add);
        o.add("head_score_pool", a);
        return o;
    }
}
