package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * tokenizer.json checked by this project before the native tokenizers library sees it. A panic in
 * that library (a pre-tokenizer regex that backtracks past the regex engine's limit, a malformed
 * {@code precompiled_charsmap}) aborts the whole JVM, with no error line. What the check refuses is
 * structurally invalid: not UTF-8, not strict JSON, keys a tokenizer.json does not have, a component
 * of a type the library does not know or without its fields, an inserted string long enough to
 * multiply the text, an id beyond an int, BPE dropout. What it accepts is either verified (components
 * that take no input able to crash them, regexes the backtracking heuristic clears), and then loaded
 * in this JVM, or unverified (a Precompiled or Nmt normalizer, a regex the heuristic does not clear),
 * and then loaded in a child process by {@link IsolatedTokenizer}, where a crash ends only the child.
 *
 * <p>The types cover what BPE, WordPiece, WordLevel and Unigram tokenizers of the GPT-2 / GPT-NeoX /
 * BERT / T5 families write; refusing a real model's tokenizer is a defect.
 */
final class TokenizerCheck {

    private TokenizerCheck() {}

    /**
     * Characters of a string a component inserts (Replace's content, Prepend's prepend, a decoder's
     * replacement): each may be inserted once per character, so a long one multiplies the text.
     */
    static final int INSERT_CHARS = 64;

    private static final Set<String> TOP_KEYS = Set.of("version", "truncation", "padding", "added_tokens",
            "normalizer", "pre_tokenizer", "post_processor", "decoder", "model");

    /** Each component kind, the types it may have, and for Sequence the key of its parts. */
    private record Kind(String key, Set<String> types, String sequenceKey) {}

    private static final Kind NORMALIZER = new Kind("normalizer", Set.of("NFC", "NFD", "NFKC", "NFKD", "Lowercase",
            "Strip", "StripAccents", "Replace", "Prepend", "Sequence", "BertNormalizer", "Precompiled", "Nmt"),
            "normalizers");
    private static final Kind PRE_TOKENIZER = new Kind("pre_tokenizer", Set.of("ByteLevel", "Digits", "Whitespace",
            "WhitespaceSplit", "Split", "Punctuation", "Metaspace", "Sequence", "BertPreTokenizer", "CharDelimiterSplit",
            "UnicodeScripts"), "pretokenizers");
    private static final Kind DECODER = new Kind("decoder", Set.of("ByteLevel", "WordPiece", "Metaspace", "BPEDecoder",
            "Sequence", "Replace", "Fuse", "Strip", "ByteFallback", "CTC"), "decoders");
    private static final Kind POST_PROCESSOR = new Kind("post_processor", Set.of("TemplateProcessing", "ByteLevel",
            "BertProcessing", "RobertaProcessing", "Sequence"), "processors");
    private static final Set<String> MODELS = Set.of("BPE", "WordPiece", "Unigram", "WordLevel");

    /** Why a type is accepted but not verified: the library may crash on it, so it runs isolated. */
    private static final Map<String, String> UNVERIFIED = Map.of(
            "Precompiled", "a Precompiled normalizer (its precompiled_charsmap is a SentencePiece double-array this"
                    + " project cannot validate, and a malformed one crashes the native library)",
            "Nmt", "an Nmt normalizer (not audited: it comes with Precompiled ones)");

    /**
     * @param bytes the file's content, already bounded by {@link Limits#TOKENIZER_BYTES}
     * @return why the file cannot be verified safe for the native library (its first such component),
     *     or empty when it can: an unverified file is loaded only in a child process
     * @throws ModelLoadException naming the file, the component and what is wrong, for a file that is
     *     structurally invalid
     */
    static Optional<String> check(Path file, byte[] bytes) {
        String fix = "use the model's own tokenizer.json (a BPE, WordPiece, WordLevel or Unigram tokenizer; see"
                + " SECURITY.md for the components accepted)";
        String text = ModelInputs.utf8(file, bytes, bytes.length, fix);
        JsonObject root = ModelInputs.strictJsonObject(file, text, "tokenizer.json", fix);
        for (String key : root.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw refuse(file, "has the unknown top-level key " + Excerpt.of(key));
            }
        }
        for (String key : new String[] {"truncation", "padding"}) {
            JsonElement e = root.get(key);
            if (e != null && !e.isJsonNull() && !e.isJsonObject()) {
                throw refuse(file, key + " is not an object or null");
            }
        }
        List<String> unverified = new ArrayList<>();
        component(file, root.get("normalizer"), NORMALIZER, unverified);
        component(file, root.get("pre_tokenizer"), PRE_TOKENIZER, unverified);
        component(file, root.get("decoder"), DECODER, unverified);
        component(file, root.get("post_processor"), POST_PROCESSOR, unverified);
        addedTokens(file, root.get("added_tokens"));
        model(file, root.get("model"));
        return unverified.stream().findFirst();
    }

    private static ModelLoadException refuse(Path file, String problem) {
        return new ModelLoadException(file, "not a valid Hugging Face tokenizer.json for this project: it " + problem
                + "; it is not handed to the native tokenizer",
                "use the model's own tokenizer.json (see SECURITY.md for the components accepted)");
    }

    private static void component(Path file, JsonElement e, Kind kind, List<String> unverified) {
        if (e == null || e.isJsonNull()) {
            return;
        }
        if (!e.isJsonObject()) {
            throw refuse(file, "has a " + kind.key() + " that is not an object");
        }
        JsonObject o = e.getAsJsonObject();
        String type = string(file, o, "type", kind.key());
        if (!kind.types().contains(type)) {
            throw refuse(file, "has a " + kind.key() + " of the type " + Excerpt.of(type) + ", not one of "
                    + kind.types().stream().sorted().toList());
        }
        String where = kind.key() + " " + type;
        switch (type) {
            case "Sequence" -> {
                JsonElement parts = o.get(kind.sequenceKey());
                if (parts == null || !parts.isJsonArray()) {
                    throw refuse(file, "has a " + where + " without its " + kind.sequenceKey() + " array");
                }
                for (JsonElement part : parts.getAsJsonArray()) {
                    component(file, part, kind, unverified);
                }
            }
            case "Split", "Replace" -> {
                pattern(file, o.get("pattern"), where, unverified);
                if (o.has("content")) {
                    bounded(file, o, "content", where);
                }
            }
            case "Prepend" -> bounded(file, o, "prepend", where);
            case "Precompiled" -> {
                precompiledCharsmap(file, o, where);
                unverified.add(UNVERIFIED.get(type));
            }
            case "Nmt" -> unverified.add(UNVERIFIED.get(type));
            case "Metaspace" -> {
                if (o.has("replacement")) {
                    bounded(file, o, "replacement", where);
                }
            }
            case "Strip" -> {
                if (o.has("content")) {
                    bounded(file, o, "content", where);
                }
            }
            default -> { }
        }
    }

    /**
     * The structure around a precompiled_charsmap, which is all that can be checked here: base64 of at
     * least the 4-byte length of its double-array, a length that fits. Its content is left to the child.
     */
    private static void precompiledCharsmap(Path file, JsonObject o, String where) {
        String charsmap = string(file, o, "precompiled_charsmap", where);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(charsmap);
        } catch (IllegalArgumentException e) {
            throw refuse(file, "has a " + where + " whose precompiled_charsmap is not base64");
        }
        long trieBytes = bytes.length < 4 ? -1 : ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()
                & 0xffffffffL;
        if (trieBytes < 0 || trieBytes % 4 != 0 || trieBytes > bytes.length - 4) {
            throw refuse(file, "has a " + where + " whose precompiled_charsmap does not start with the length of a"
                    + " double-array that fits in it");
        }
    }

    /**
     * A Split or Replace pattern: {"String": literal} or {"Regex": regex}, the regex checked; one the
     * heuristic does not clear is added to {@code unverified}.
     */
    private static void pattern(Path file, JsonElement e, String where, List<String> unverified) {
        if (e == null || !e.isJsonObject() || e.getAsJsonObject().size() != 1) {
            throw refuse(file, "has a " + where + " whose pattern is not {\"String\": ...} or {\"Regex\": ...}");
        }
        JsonObject p = e.getAsJsonObject();
        if (p.has("String")) {
            bounded(file, p, "String", where + " pattern");
        } else if (p.has("Regex")) {
            String regex = string(file, p, "Regex", where + " pattern");
            String problem = TokenizerRegex.check(regex);
            if (problem != null) {
                unverified.add("a " + where + " regex that " + problem);
            }
        } else {
            throw refuse(file, "has a " + where + " whose pattern is not {\"String\": ...} or {\"Regex\": ...}");
        }
    }

    private static void addedTokens(Path file, JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return;
        }
        if (!e.isJsonArray()) {
            throw refuse(file, "has added_tokens that is not an array");
        }
        for (JsonElement t : e.getAsJsonArray()) {
            if (!t.isJsonObject()) {
                throw refuse(file, "has an added token that is not an object");
            }
            JsonObject o = t.getAsJsonObject();
            id(file, o.get("id"), "an added token's id");
            string(file, o, "content", "an added token");
        }
    }

    private static void model(Path file, JsonElement e) {
        if (e == null || !e.isJsonObject()) {
            throw refuse(file, "has no model object");
        }
        JsonObject o = e.getAsJsonObject();
        // Files written by early versions of the library leave out a BPE model's type.
        String type = o.has("type") ? string(file, o, "type", "model") : o.has("merges") ? "BPE" : "";
        if (!MODELS.contains(type)) {
            throw refuse(file, "has a model of the type " + Excerpt.of(type) + ", not one of "
                    + MODELS.stream().sorted().toList());
        }
        JsonElement dropout = o.get("dropout");
        if (dropout != null && !dropout.isJsonNull()
                && !(dropout.isJsonPrimitive() && dropout.getAsJsonPrimitive().isNumber() && dropout.getAsDouble() == 0)) {
            throw refuse(file, "has a BPE model with dropout " + Excerpt.of(dropout.toString()) + ": dropout tokenizes"
                    + " at random, so no two runs would agree");
        }
        JsonElement vocab = o.get("vocab");
        if (vocab == null || vocab.isJsonNull()) {
            throw refuse(file, "has a " + type + " model without a vocab");
        }
        if (vocab.isJsonObject()) {
            for (Map.Entry<String, JsonElement> v : vocab.getAsJsonObject().entrySet()) {
                id(file, v.getValue(), "the vocab id of " + Excerpt.of(v.getKey()));
            }
        } else if (vocab.isJsonArray() && type.equals("Unigram")) {
            for (JsonElement piece : vocab.getAsJsonArray()) {
                if (!piece.isJsonArray() || piece.getAsJsonArray().size() != 2
                        || !piece.getAsJsonArray().get(0).isJsonPrimitive()
                        || !piece.getAsJsonArray().get(1).isJsonPrimitive()
                        || !piece.getAsJsonArray().get(1).getAsJsonPrimitive().isNumber()) {
                    throw refuse(file, "has a Unigram vocab entry that is not [piece, score]");
                }
            }
        } else {
            throw refuse(file, "has a " + type + " vocab that is not a " + (type.equals("Unigram") ? "list" : "map"));
        }
        JsonElement merges = o.get("merges");
        if (merges != null && !merges.isJsonNull()) {
            if (!merges.isJsonArray()) {
                throw refuse(file, "has BPE merges that are not a list");
            }
            for (JsonElement m : merges.getAsJsonArray()) {
                boolean pair = m.isJsonArray() && m.getAsJsonArray().size() == 2
                        && m.getAsJsonArray().get(0).isJsonPrimitive() && m.getAsJsonArray().get(1).isJsonPrimitive();
                if (!pair && !(m.isJsonPrimitive() && m.getAsJsonPrimitive().isString())) {
                    throw refuse(file, "has a BPE merge that is not \"a b\" or [a, b]");
                }
            }
        }
    }

    /** A token id: a JSON integer from 0 to 2^31 - 1 (the model's own d_vocab is checked after loading). */
    private static void id(Path file, JsonElement e, String what) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()
                || !e.getAsString().matches("0|[1-9][0-9]{0,9}") || Long.parseLong(e.getAsString()) > Integer.MAX_VALUE) {
            throw refuse(file, "has " + what + " that is not an integer from 0 to " + Integer.MAX_VALUE + " ("
                    + Excerpt.of(String.valueOf(e)) + ")");
        }
    }

    private static String string(Path file, JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw refuse(file, "has a " + where + " whose " + key + " is not a string");
        }
        return e.getAsString();
    }

    private static void bounded(Path file, JsonObject o, String key, String where) {
        String s = string(file, o, key, where);
        if (s.length() > INSERT_CHARS) {
            throw refuse(file, "has a " + where + " whose " + key + " is " + s.length() + " characters, more than "
                    + INSERT_CHARS);
        }
    }
}
