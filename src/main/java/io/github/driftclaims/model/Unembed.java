package io.github.driftclaims.model;

import java.util.Arrays;

/**
 * Which columns of W_U the last position is unembedded into. P(X | {X,Y}) = sigmoid(logit_X - logit_Y)
 * needs only two of them, so a readout of two columns does 2 x d_model multiply-adds per row instead of
 * d_vocab x d_model (48262 x 512 at attn-only-2l's shapes); where a claim reports p_X_raw (the softmax
 * over the whole vocabulary) the full unembedding stays.
 *
 * @param columns the token ids, in the order the logits come back; null for the whole vocabulary
 */
public record Unembed(int[] columns) {

    public static final Unembed FULL = new Unembed(null);

    public Unembed {
        columns = columns == null ? null : columns.clone();
    }

    /** Only these token ids' logits, in this order. */
    public static Unembed columns(int... ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("a column readout needs at least one token id");
        }
        return new Unembed(ids);
    }

    public boolean full() {
        return columns == null;
    }

    /** Logits per row: d_vocab, or the number of columns. */
    public int width(ModelConfig c) {
        return columns == null ? c.dVocab() : columns.length;
    }

    @Override
    public int[] columns() {
        return columns == null ? null : columns.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unembed u && Arrays.equals(columns, u.columns);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return columns == null ? "Unembed[full]" : "Unembed" + Arrays.toString(columns);
    }
}
