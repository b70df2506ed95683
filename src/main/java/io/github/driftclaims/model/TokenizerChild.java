package io.github.driftclaims.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The child process of {@link IsolatedTokenizer}: loads an unverified tokenizer.json in the native
 * library and answers requests, so that a panic there ends this process only. Not a command for
 * people: its protocol is stdin and stdout, one request and one answer at a time.
 *
 * <p>First {@code load N} and the file's N bytes, answered {@code {"ok":true}} or {@code {"error":...}};
 * then lines {@code {"encode":text}} answered {@code {"ids":[...],"tokens":[...]}}, and
 * {@code {"decode":id}} answered {@code {"text":...}}. It exits at the end of its input.
 */
public final class TokenizerChild {

    private TokenizerChild() {}

    public static void main(String[] args) throws IOException {
        // stdout carries the protocol only; anything else that prints (a library's logging) goes to stderr.
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        InputStream in = new BufferedInputStream(System.in, 1 << 16);
        String load = TokenizerLines.read(in, 64);
        int n = load != null && load.matches("load [0-9]{1,9}") ? Integer.parseInt(load.substring(5)) : -1;
        if (n < 0 || n > Limits.TOKENIZER_BYTES) {
            System.exit(2);
        }
        byte[] json = in.readNBytes(n);
        JsonObject loaded = new JsonObject();
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = NativeTokenizer.load(json);
            loaded.addProperty("ok", true);
        } catch (IOException | RuntimeException e) {
            loaded.addProperty("error", String.valueOf(e.getMessage()));
            answer(out, loaded);
            return;
        }
        answer(out, loaded);
        String line;
        while ((line = TokenizerLines.read(in, Limits.TOKENIZER_LINE_BYTES)) != null) {
            answer(out, serve(tokenizer, JsonParser.parseString(line).getAsJsonObject()));
        }
    }

    private static JsonObject serve(HuggingFaceTokenizer tokenizer, JsonObject request) {
        JsonObject answer = new JsonObject();
        try {
            if (request.has("encode")) {
                Encoding e = tokenizer.encode(request.get("encode").getAsString());
                JsonArray ids = new JsonArray();
                JsonArray tokens = new JsonArray();
                for (long id : e.getIds()) {
                    ids.add(id);
                }
                for (String t : e.getTokens()) {
                    tokens.add(t);
                }
                answer.add("ids", ids);
                answer.add("tokens", tokens);
            } else {
                answer.addProperty("text", tokenizer.decode(new long[] {request.get("decode").getAsLong()}, false));
            }
        } catch (RuntimeException e) {
            answer.addProperty("error", String.valueOf(e.getMessage()));
        }
        return answer;
    }

    /** Gson writes a JSON object on one line, every control character in a string escaped. */
    private static void answer(OutputStream out, JsonObject answer) throws IOException {
        out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
