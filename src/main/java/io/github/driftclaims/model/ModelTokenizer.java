package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Hugging Face {@code tokenizer.json} with TransformerLens's conventions on top:
 * {@code model(str)} prepends the BOS token to the text before tokenizing; {@code to_single_token}
 * prepends nothing and insists on exactly one token. The native library runs in this JVM for a file
 * that {@link TokenizerCheck} verified, and in a child process ({@link IsolatedTokenizer}) for one it
 * accepted without being able to verify it, where a crash ends only the child.
 */
public final class ModelTokenizer implements AutoCloseable {

    private final Path file;
    private final NativeTokenizer tokenizer;
    private final String bosToken;
    private final int bosId;
    private final int dVocab;

    private ModelTokenizer(Path file, NativeTokenizer tokenizer, String bosToken, int bosId, int dVocab) {
        this.file = file;
        this.dVocab = dVocab;
        this.tokenizer = tokenizer;
        this.bosToken = bosToken;
        this.bosId = bosId;
    }

    /**
     * @param tokenizerJson the {@code tokenizer.json} file
     * @param tokenizerConfig {@code tokenizer_config.json} naming {@code bos_token}, or null; when absent
     *     the BOS is {@code <|endoftext|>}, the GPT-2 and GPT-NeoX convention TransformerLens relies on
     */
    public static ModelTokenizer load(Path tokenizerJson, Path tokenizerConfig) {
        return load(tokenizerJson, tokenizerConfig, Integer.MAX_VALUE);
    }

    /**
     * As {@link #load(Path, Path)}, for a model of {@code dVocab} tokens: every id the tokenizer gives
     * must be below it, and the suite's candidates " X" and " Y" must be two distinct single tokens
     * (one id for both would print P(X) + P(Y) = 1.68 as a result).
     */
    public static ModelTokenizer load(Path tokenizerJson, Path tokenizerConfig, int dVocab) {
        // Read here, bounded, and handed over as bytes: given a path, the library would read the file
        // (and a tokenizer_config.json beside it) whole, whatever its size or kind.
        byte[] json = ModelInputs.readBytes(tokenizerJson, Limits.TOKENIZER_BYTES, "TOKENIZER_BYTES",
                "tokenizer file not found", "put the model's tokenizer.json next to config.json");
        // Checked here first: a panic in the native library aborts the JVM it runs in (TokenizerCheck).
        Optional<String> unverified = TokenizerCheck.check(tokenizerJson, json);
        String bos = bosTokenFrom(tokenizerConfig);
        NativeTokenizer hf = unverified.isEmpty() ? NativeTokenizer.inProcess(tokenizerJson, json)
                : IsolatedTokenizer.start(tokenizerJson, json, unverified.get());
        ModelTokenizer t = null;
        try {
            long[] ids = hf.encode(bos).ids();
            if (ids.length != 1) {
                throw new ModelLoadException(tokenizerJson, "the BOS token " + Excerpt.of(bos) + " is not a single token",
                        "name the right bos_token in tokenizer_config.json");
            }
            t = new ModelTokenizer(tokenizerJson, hf, bos, checkedId(tokenizerJson, ids[0], "the BOS token", dVocab),
                    dVocab);
            int x = t.toSingleTokenOrRefuse(" X");
            int y = t.toSingleTokenOrRefuse(" Y");
            if (x == y) {
                throw new ModelLoadException(tokenizerJson, "\" X\" and \" Y\" are the same token (id " + x + "), so"
                        + " P(X) and P(Y) cannot be told apart", "use the model's own tokenizer.json");
            }
            return t;
        } catch (RuntimeException e) {
            hf.close();
            throw e;
        }
    }

    /** A candidate of the suite as one token, or a refusal naming the file (a tokenizer that cannot serve). */
    private int toSingleTokenOrRefuse(String text) {
        long[] ids = tokenizer.encode(text).ids();
        if (ids.length != 1) {
            throw new ModelLoadException(file, Excerpt.of(text) + " is " + ids.length + " tokens, not one; the suite's"
                    + " candidates \" X\" and \" Y\" must each be a single token", "use the model's own tokenizer.json");
        }
        return checkedId(file, ids[0], Excerpt.of(text), dVocab);
    }

    /** An id the tokenizer gave, refused unless it is a row of the model's embedding (and so an int). */
    private static int checkedId(Path file, long id, String what, int dVocab) {
        if (id < 0 || id >= dVocab) {
            throw new ModelLoadException(file, what + " has the token id " + id + ", outside the model's vocabulary"
                    + (dVocab == Integer.MAX_VALUE ? " (ids must fit an int)" : " (d_vocab " + dVocab + " in config.json)"),
                    "use the tokenizer.json and config.json of the same model");
        }
        return (int) id;
    }

    private static String bosTokenFrom(Path tokenizerConfig) {
        if (tokenizerConfig == null || !Files.isRegularFile(tokenizerConfig)) {
            return "<|endoftext|>";
        }
        String fix = "restore tokenizer_config.json or remove it";
        JsonObject o = ModelInputs.jsonFile(tokenizerConfig, "tokenizer_config.json", "tokenizer config not found", fix);
        try {
            JsonElement bos = o.get("bos_token");
            if (bos == null || bos.isJsonNull()) {
                return "<|endoftext|>";
            }
            return bos.isJsonObject() ? bos.getAsJsonObject().get("content").getAsString() : bos.getAsString();
        } catch (RuntimeException e) {
            throw new ModelLoadException(tokenizerConfig, "bos_token is not a string or {content: string} ("
                    + e.getMessage() + ")", fix, e);
        }
    }

    /** Whether the native library runs in a child process (a tokenizer.json the check could not verify). */
    public boolean isolated() {
        return tokenizer.isolated();
    }

    public int bosId() {
        return bosId;
    }

    public String bosToken() {
        return bosToken;
    }

    /** What TransformerLens's {@code model(text)} feeds the model: BOS, then the text's tokens. */
    public int[] tokensWithBos(String text) {
        long[] ids = tokenizer.encode(bosToken + text).ids();
        if (ids.length == 0 || ids[0] != bosId) {
            throw new IllegalStateException(file + ": BOS was not kept as the first token of " + Excerpt.of(text));
        }
        return toInts(ids);
    }

    /** Tokens without BOS, as {@code to_tokens(text, prepend_bos=False)}. */
    public int[] tokens(String text) {
        return toInts(tokenizer.encode(text).ids());
    }

    /** TransformerLens's {@code to_single_token}: the one token that {@code text} is, or a clear error. */
    public int toSingleToken(String text) {
        NativeTokenizer.Encoded e = tokenizer.encode(text);
        if (e.ids().length != 1) {
            throw new IllegalArgumentException(Excerpt.of(text) + " is " + e.ids().length + " tokens "
                    + Excerpt.of(String.join(" ", e.tokens())) + " in " + file + ", not a single token; a candidate must be "
                    + "exactly one token (note the leading space: \" X\" and \"X\" differ)");
        }
        return checkedId(file, e.ids()[0], Excerpt.of(text), dVocab);
    }

    /** One string per token, each decoded alone, as TransformerLens's {@code to_str_tokens}. */
    public List<String> toStrTokens(int[] tokens) {
        List<String> out = new ArrayList<>(tokens.length);
        for (int t : tokens) {
            out.add(decode(t));
        }
        return out;
    }

    public String decode(int token) {
        return tokenizer.decode(token);
    }

    private int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = checkedId(file, ids[i], "a token", dVocab);
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
