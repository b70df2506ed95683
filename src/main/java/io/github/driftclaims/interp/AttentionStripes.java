package io.github.driftclaims.interp;

import java.util.List;

/**
 * Claim 5's measurement: how much of each head's attention, on the notebook's own prompts, lies on the
 * two stripes the induction circuit draws.
 *
 * <ul>
 *   <li>Induction stripe: a query at a symbol whose most recent previous occurrence is at position p
 *       attends to p + 1, the token that followed it last time. Queries with p + 1 = q are left out:
 *       there the stripe is the query itself, which self-attention would hit too (clumped X X X has no
 *       counted queries, patterned X Y X Y X Y has four).
 *   <li>Previous-token stripe: a query at a symbol attends to the position right before it.
 * </ul>
 * Each value is the mean over every counted (prompt, query) pair. Symbols are the last
 * {@code symbols} positions of each prompt (each symbol is one token, which claim 1 checks); the
 * positions before them ({@code BOS Sequence :}) are never counted as queries.
 *
 * @param induction [layer][head] mean attention on the induction stripe
 * @param previousToken [layer][head] mean attention on the previous position
 * @param inductionQueries how many (prompt, query) pairs the induction means are over
 */
public record AttentionStripes(double[][] induction, double[][] previousToken, int inductionQueries) {

    public static AttentionStripes of(List<AttentionPatterns> prompts, int symbols) {
        AttentionPatterns first = prompts.get(0);
        int layers = first.pattern().length;
        int heads = first.pattern()[0].length;
        double[][] ind = new double[layers][heads];
        double[][] prev = new double[layers][heads];
        int nInd = 0;
        int nPrev = 0;
        for (AttentionPatterns p : prompts) {
            List<String> tok = p.tokens();
            int start = tok.size() - symbols;
            for (int q = start; q < tok.size(); q++) {
                int target = previousOccurrence(tok, start, q) + 1;
                boolean counted = target > start && target < q;
                nInd += counted ? 1 : 0;
                nPrev++;
                for (int l = 0; l < layers; l++) {
                    for (int h = 0; h < heads; h++) {
                        float[] row = p.pattern()[l][h][q];
                        prev[l][h] += row[q - 1];
                        if (counted) {
                            ind[l][h] += row[target];
                        }
                    }
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                ind[l][h] = nInd == 0 ? 0 : ind[l][h] / nInd;
                prev[l][h] /= nPrev;
            }
        }
        return new AttentionStripes(ind, prev, nInd);
    }

    /** The last position before q, at or after start, holding q's token; start - 1 when there is none. */
    static int previousOccurrence(List<String> tokens, int start, int q) {
        for (int p = q - 1; p >= start; p--) {
            if (tokens.get(p).equals(tokens.get(q))) {
                return p;
            }
        }
        return start - 1;
    }

    /** The head of {@code layer} with the most attention on the induction stripe. */
    public Head bestInduction(int layer) {
        return Head.argmax(induction, layer);
    }

    /** The head of {@code layer} with the most attention on the previous position. */
    public Head bestPreviousToken(int layer) {
        return Head.argmax(previousToken, layer);
    }

    public double induction(Head h) {
        return induction[h.layer()][h.head()];
    }

    public double previousToken(Head h) {
        return previousToken[h.layer()][h.head()];
    }
}
