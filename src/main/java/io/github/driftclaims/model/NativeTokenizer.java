package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The native tokenizers library, as {@link ModelTokenizer} uses it: encode a text, decode one id.
 * Either in this JVM ({@link #inProcess}, for a tokenizer.json that {@link TokenizerCheck} verified)
 * or in a child process ({@link IsolatedTokenizer}, for one it could not).
 */
interface NativeTokenizer extends AutoCloseable {

    /** The ids of a text and the token strings beside them, no special tokens added. */
    record Encoded(long[] ids, List<String> tokens) {}

    Encoded encode(String text);

    String decode(long id);

    /** Whether a crash of the library would end only a child process. */
    boolean isolated();

    @Override
    void close();

    /** The library in this JVM, reading the file's bytes (never its path: it would read beside it). */
    static NativeTokenizer inProcess(Path file, byte[] json) {
        HuggingFaceTokenizer hf;
        try {
            hf = load(json);
        } catch (IOException | RuntimeException e) {
            throw invalid(file, e.getMessage(), e);
        }
        return new NativeTokenizer() {
            @Override
            public Encoded encode(String text) {
                Encoding e = hf.encode(text);
                return new Encoded(e.getIds(), List.of(e.getTokens()));
            }

            @Override
            public String decode(long id) {
                return hf.decode(new long[] {id}, false);
            }

            @Override
            public boolean isolated() {
                return false;
            }

            @Override
            public void close() {
                hf.close();
            }
        };
    }

    /** Loads the library on a tokenizer.json's bytes, in this JVM or in the child alike. */
    static HuggingFaceTokenizer load(byte[] json) throws IOException {
        return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                Map.of("addSpecialTokens", "false", "truncation", "false"));
    }

    /** The library refused the file (an error it returned, not a crash). */
    static ModelLoadException invalid(Path file, String libraryMessage, Throwable cause) {
        return new ModelLoadException(file, "not a valid Hugging Face tokenizer.json ("
                + Excerpt.message(libraryMessage, 160) + ")", "restore the file from the model's repository", cause);
    }
}
