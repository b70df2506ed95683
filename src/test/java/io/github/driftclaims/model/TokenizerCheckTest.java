package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 29: tokenizer.json is checked by the project before the native tokenizers library gets it
 * (a panic there aborts the JVM). Real tokenizers pass, the shipped ones and a GPT-NeoX-style
 * byte-level BPE with digit splitting (what attn-only-2l's tokenizer is), verified; a structurally
 * invalid component is refused by name; what is accepted but cannot be verified is named, and runs
 * in a child process ({@link IsolatedTokenizerTest}).
 */
@DisplayName("tokenizer.json is checked before the native tokenizer sees it")
class TokenizerCheckTest {

    @TempDir
    Path dir;

    /**
     * A small tokenizer built like NeelNanda/gpt-neox-tokenizer-digits: NFC, digits split one by one
     * then byte-level, byte-level decoding and post-processing, BPE with merges, two added tokens.
     */
    static JsonObject neoxDigits() {
        String text = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 0, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true},
               {"id": 1, "content": "<|padding|>", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true}],
             "normalizer": {"type": "NFC"},
             "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
               {"type": "Digits", "individual_digits": true},
               {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true}]},
             "post_processor": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
               "use_regex": true},
             "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
             "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
               "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
               "vocab": {"<|endoftext|>": 0, "<|padding|>": 1, "Ġ": 2, "X": 3, "Y": 4, "1": 5, "2": 6,
                         "ĠX": 7, "ĠY": 8},
               "merges": ["Ġ X", "Ġ Y"]}}
            """;
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private Path write(JsonObject t) throws Exception {
        return write(t.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] bytes) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.write(f, bytes);
        return f;
    }

    @Test
    @DisplayName("a GPT-NeoX-style byte-level BPE with Digits splitting passes and tokenizes natively")
    void neoxDigitsPasses() throws Exception {
        Path f = write(neoxDigits());
        try (ModelTokenizer t = ModelTokenizer.load(f, null, 9)) {
            assertThat(t.isolated()).as("verified, so in this JVM").isFalse();
            assertThat(t.tokens(" X Y 12")).containsExactly(7, 8, 2, 5, 6);
        }
    }

    @Test
    @DisplayName("every shipped fixture's tokenizer.json passes the check, verified (so tokenized in this JVM)")
    void shippedTokenizersPass() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("fixtures"))) {
            files = s.filter(p -> p.getFileName().toString().equals("tokenizer.json")).toList();
        }
        assertThat(files).hasSizeGreaterThan(3);
        for (Path f : files) {
            assertThat(TokenizerCheck.check(f, Files.readAllBytes(f))).as(f.toString()).isEmpty();
        }
    }

    @Test
    @DisplayName("real pre-tokenizer regexes pass the backtracking heuristic (GPT-2's, Llama 3's, GPT-4's)")
    void realRegexesPass() {
        assertThat(TokenizerRegex.check("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"))
                .isNull();
        assertThat(TokenizerRegex.check("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+")).isNull();
        assertThat(TokenizerRegex.check("[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*"))
                .isNull();
        assertThat(TokenizerRegex.check("(a+)+$")).contains("nested quantifiers");
        assertThat(TokenizerRegex.check("(a|a)*b")).contains("nested quantifiers");
        assertThat(TokenizerRegex.check("((a+)b)*")).contains("nested quantifiers");
        assertThat(TokenizerRegex.check("\\s*\\s*\\s*\\s*x")).contains("unbounded quantifiers");
        assertThat(TokenizerRegex.check("(a)\\1")).contains("backreference");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Precompiled normalizer without its charsmap", "Precompiled charsmap not base64",
            "Precompiled charsmap shorter than its double-array", "BPE dropout",
            "unknown normalizer", "unknown pre-tokenizer in a Sequence", "unknown model", "long Replace content",
            "unknown top-level key", "negative vocab id", "invalid UTF-8"})
    @DisplayName("a structurally invalid component is refused by name before the native library sees it")
    void refusedByName(String kind) throws Exception {
        JsonObject t = neoxDigits();
        String expected;
        switch (kind) {
            case "Precompiled normalizer without its charsmap" -> {
                JsonObject n = new JsonObject();
                n.addProperty("type", "Precompiled");
                t.add("normalizer", n);
                expected = "precompiled_charsmap is not a string";
            }
            case "Precompiled charsmap not base64" -> {
                JsonObject n = new JsonObject();
                n.addProperty("type", "Precompiled");
                n.addProperty("precompiled_charsmap", "not base64!");
                t.add("normalizer", n);
                expected = "precompiled_charsmap is not base64";
            }
            case "Precompiled charsmap shorter than its double-array" -> {
                JsonObject n = new JsonObject();
                n.addProperty("type", "Precompiled");
                n.addProperty("precompiled_charsmap", "CAAAAAAAAAA="); // says 8 bytes, holds 4
                t.add("normalizer", n);
                expected = "double-array that fits";
            }
            case "BPE dropout" -> {
                t.getAsJsonObject("model").addProperty("dropout", 0.1);
                expected = "dropout";
            }
            case "unknown normalizer" -> {
                JsonObject n = new JsonObject();
                n.addProperty("type", "Evil");
                t.add("normalizer", n);
                expected = "normalizer of the type 'Evil'";
            }
            case "unknown pre-tokenizer in a Sequence" -> {
                JsonObject evil = new JsonObject();
                evil.addProperty("type", "Evil");
                t.getAsJsonObject("pre_tokenizer").getAsJsonArray("pretokenizers").add(evil);
                expected = "pre_tokenizer of the type 'Evil'";
            }
            case "unknown model" -> {
                t.getAsJsonObject("model").addProperty("type", "Evil");
                expected = "model of the type 'Evil'";
            }
            case "long Replace content" -> {
                JsonObject r = new JsonObject();
                r.addProperty("type", "Replace");
                JsonObject p = new JsonObject();
                p.addProperty("String", "a");
                r.add("pattern", p);
                r.addProperty("content", "b".repeat(10_000));
                t.add("decoder", r);
                expected = "content is 10000 characters";
            }
            case "unknown top-level key" -> {
                t.addProperty("evil", 1);
                expected = "unknown top-level key 'evil'";
            }
            case "negative vocab id" -> {
                t.getAsJsonObject("model").getAsJsonObject("vocab").addProperty("ĠX", -7);
                expected = "not an integer from 0";
            }
            default -> {
                expected = "not valid UTF-8";
            }
        }
        byte[] bytes = t.toString().getBytes(StandardCharsets.UTF_8);
        if (kind.equals("invalid UTF-8")) {
            bytes = t.toString().replace("<|padding|>", "<|padding\u0001>").getBytes(StandardCharsets.UTF_8);
            int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\u0001');
            bytes[at] = (byte) 0xff;
        }
        Path f = write(bytes);
        assertThatThrownBy(() -> ModelTokenizer.load(f, null, 9).close()).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(f + ": ").hasMessageContaining(expected);
    }

    @Test
    @DisplayName("what the check accepts but cannot verify is named, so that it runs in a child process")
    void unverifiedIsNamed() throws Exception {
        JsonObject t = neoxDigits();
        t.getAsJsonObject("pre_tokenizer").getAsJsonArray("pretokenizers").add(split("(a+)+$"));
        assertThat(TokenizerCheck.check(dir.resolve("t.json"), t.toString().getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(why -> assertThat(why).contains("pre_tokenizer Split regex").contains("nested"));
        t = neoxDigits();
        t.getAsJsonObject("pre_tokenizer").getAsJsonArray("pretokenizers").add(split("a".repeat(600)));
        assertThat(TokenizerCheck.check(dir.resolve("t.json"), t.toString().getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(why -> assertThat(why).contains("more than 512"));
        t = neoxDigits();
        JsonObject nmt = new JsonObject();
        nmt.addProperty("type", "Nmt");
        t.add("normalizer", nmt);
        assertThat(TokenizerCheck.check(dir.resolve("t.json"), t.toString().getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(why -> assertThat(why).contains("Nmt normalizer"));
    }

    private static JsonObject split(String regex) {
        JsonObject s = new JsonObject();
        s.addProperty("type", "Split");
        JsonObject p = new JsonObject();
        p.addProperty("Regex", regex);
        s.add("pattern", p);
        s.addProperty("behavior", "Isolated");
        s.addProperty("invert", false);
        return s;
    }

    @Test
    @DisplayName("sanity: an empty component list is still a tokenizer (no normalizer, pre-tokenizer or decoder)")
    void minimalPasses() throws Exception {
        JsonObject t = neoxDigits();
        for (String k : List.of("normalizer", "decoder", "post_processor")) {
            t.add(k, com.google.gson.JsonNull.INSTANCE);
        }
        t.add("added_tokens", new JsonArray());
        t.getAsJsonObject("model").getAsJsonObject("vocab").addProperty("<|endoftext|>", 0);
        TokenizerCheck.check(dir.resolve("t.json"), t.toString().getBytes(StandardCharsets.UTF_8));
    }
}
