package io.github.driftclaims.interp;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelTokenizer;
import java.util.List;

/**
 * How a sequence of X/Y symbols becomes a prompt. The notebook's later cells recorded two templates
 * ({@code prompts.toy} and {@code prompts.minimal} in its reference file); the main experiment and the
 * toy models' training data use the bare {@code "Sequence: " + " ".join(seq)}.
 */
public enum PromptStyle {
    TOY("toy", "Two random generators. Generator A: 50% X. Generator B: 75% X. Draws are independent. "
            + "Order does not matter. Sequence: {seq}. Predict the next output (X or Y):"),
    MINIMAL("minimal", "Sequence: {seq} Next is:"),
    SEQUENCE("sequence", "Sequence: {seq}");

    private final String id;
    private final String template;

    PromptStyle(String id, String template) {
        this.id = id;
        this.template = template;
    }

    public String id() {
        return id;
    }

    public String template() {
        return template;
    }

    /** The prompt for these symbols, joined by single spaces as the notebook does. */
    public String fill(List<String> symbols) {
        return template.replace("{seq}", String.join(" ", symbols));
    }

    public static PromptStyle parse(String id) {
        for (PromptStyle s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new UserInputException("unknown prompt style '" + id + "'; one of toy, minimal, sequence");
    }

    /**
     * The styles a model's vocabulary covers. The recorded styles need natural-language words: they are
     * used when " Next" and " is" are single tokens (the minimal prompt's words; GPT-NeoX has them) and the
     * long toy prompt fits the context. The toy models' byte-level tokenizers know only "Sequence", ":"
     * and the single-letter symbols, so their words would become untrained byte tokens (and the toy prompt
     * would exceed their n_ctx of 51); they get the form they were trained on.
     */
    public static List<PromptStyle> forModel(HookedTransformer model) {
        ModelTokenizer tok = model.tokenizer();
        boolean words;
        try {
            words = tok.tokens(" Next").length == 1 && tok.tokens(" is").length == 1;
        } catch (RuntimeException notInVocabulary) { // a tokenizer without byte fallback cannot encode them at all
            words = false;
        }
        List<String> longest = java.util.Collections.nCopies(LaterCells.SWEEP_DRAWS, "X");
        if (words && tok.tokensWithBos(TOY.fill(longest)).length <= model.config().nCtx()) {
            return List.of(TOY, MINIMAL);
        }
        return List.of(SEQUENCE);
    }
}
