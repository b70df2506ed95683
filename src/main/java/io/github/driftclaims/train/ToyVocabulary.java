package io.github.driftclaims.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.TrainingMixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The toy models' vocabulary and its ByteLevel BPE {@code tokenizer.json}. The tokens the model is
 * trained on come first (BOS, {@code Sequence}, {@code :}, {@code " X"}, {@code " Y"}, then 24 other
 * {@code " A"}..{@code " Z"}); the full byte-level alphabet and the merges' intermediate tokens follow,
 * so any text tokenizes, and {@code "Sequence: X Y"} becomes BOS, Sequence, :, " X", " Y" as with the
 * GPT-NeoX tokenizer of {@code attn-only-2l}.
 */
public final class ToyVocabulary {

    public static final String BOS = "<|endoftext|>";
    public static final int BOS_ID = 0;
    public static final int SEQUENCE_ID = 1;
    public static final int COLON_ID = 2;
    public static final int X_ID = 3;
    public static final int Y_ID = 4;
    /** " A" .. " Z" without X and Y (the training mixture's letters are this vocabulary's). */
    public static final int FIRST_OTHER_LETTER = 5;
    public static final int OTHER_LETTERS = TrainingMixture.LETTERS - 2;
    /** Number of tokens that appear in training data. */
    public static final int TRAINED = FIRST_OTHER_LETTER + OTHER_LETTERS;

    private final Map<String, Integer> vocab;
    private final List<String> merges;

    private ToyVocabulary(Map<String, Integer> vocab, List<String> merges) {
        this.vocab = vocab;
        this.merges = merges;
    }

    public static ToyVocabulary build() {
        Map<String, Integer> v = new LinkedHashMap<>();
        List<String> merges = new ArrayList<>();
        v.put(BOS, BOS_ID);
        v.put("Sequence", SEQUENCE_ID);
        v.put(":", COLON_ID);
        v.put("ĠX", X_ID);
        v.put("ĠY", Y_ID);
        for (char c = 'A'; c <= 'Z'; c++) {
            if (c != 'X' && c != 'Y') {
                v.put("Ġ" + c, v.size());
            }
        }
        for (String ch : byteLevelAlphabet()) {
            v.putIfAbsent(ch, v.size());
        }
        String word = "Sequence";
        for (int i = 2; i <= word.length(); i++) {
            String left = word.substring(0, i - 1);
            String right = word.substring(i - 1, i);
            merges.add(left + " " + right);
            v.putIfAbsent(word.substring(0, i), v.size());
        }
        merges.add("Ġ X");
        merges.add("Ġ Y");
        for (char c = 'A'; c <= 'Z'; c++) {
            if (c != 'X' && c != 'Y') {
                merges.add("Ġ " + c);
            }
        }
        return new ToyVocabulary(v, merges);
    }

    public int size() {
        return vocab.size();
    }

    /** Token id of a letter symbol as it appears after a space, e.g. "X" -> id of " X". */
    public int letter(char c) {
        Integer id = vocab.get("Ġ" + c);
        if (id == null) {
            throw new IllegalArgumentException("no token for ' " + c + "'");
        }
        return id;
    }

    /**
     * GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest to code points from
     * 256 up, so every byte is one visible character ("Ġ" is the space).
     */
    static List<String> byteLevelAlphabet() {
        List<Integer> printable = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            printable.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable.add(b);
        }
        List<String> out = new ArrayList<>();
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            out.add(new String(Character.toChars(printable.contains(b) ? b : 256 + extra++)));
        }
        return out;
    }

    /** The tokenizer in the JSON format of Hugging Face {@code tokenizers}. */
    public JsonObject tokenizerJson() {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        JsonObject bos = new JsonObject();
        bos.addProperty("id", BOS_ID);
        bos.addProperty("content", BOS);
        bos.addProperty("single_word", false);
        bos.addProperty("lstrip", false);
        bos.addProperty("rstrip", false);
        bos.addProperty("normalized", false);
        bos.addProperty("special", true);
        added.add(bos);
        root.add("added_tokens", added);
        root.add("normalizer", JsonNull.INSTANCE);
        root.add("pre_tokenizer", byteLevel());
        root.add("post_processor", JsonNull.INSTANCE);
        root.add("decoder", byteLevel());
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", JsonNull.INSTANCE);
        model.add("unk_token", JsonNull.INSTANCE);
        model.add("continuing_subword_prefix", JsonNull.INSTANCE);
        model.add("end_of_word_suffix", JsonNull.INSTANCE);
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        JsonObject vocabJson = new JsonObject();
        vocab.forEach(vocabJson::addProperty);
        model.add("vocab", vocabJson);
        JsonArray mergesJson = new JsonArray();
        merges.forEach(mergesJson::add);
        model.add("merges", mergesJson);
        root.add("model", model);
        return root;
    }

    public JsonObject tokenizerConfigJson() {
        JsonObject o = new JsonObject();
        o.addProperty("bos_token", BOS);
        o.addProperty("eos_token", BOS);
        return o;
    }

    private static JsonObject byteLevel() {
        JsonObject o = new JsonObject();
        o.addProperty("type", "ByteLevel");
        o.addProperty("add_prefix_space", false);
        o.addProperty("trim_offsets", true);
        o.addProperty("use_regex", true);
        return o;
    }
}
