package io.github.driftclaims.interp;

import java.util.List;

/**
 * Attention stripes: how much of each head's attention lies on the two stripes the induction circuit draws.
 *
 * <ul>
 *   <li>Induction stripe: a query at a symbol whose most recent previous occurrence is at position p
 *       attends to p + 1 (its induction key), the token that followed it last time.
 *   <li>Previous-token stripe: a query at a symbol attends to the position right before it.
 * </ul>
 * Each value is the mean over every counted (prompt, query) pair. Symbols are the last {@code symbols} positions of
 * each prompt (each symbol is one token, which claim 1 checks); the positions before them ({@code BOS Sequence :}) are
 * never counted as queries. Two ways to count:
 * <ul>
 *   <li>{@link #of}, the notebook's view of its own prompts: induction queries with p + 1 = q are left out (there the
 *       stripe is the query itself); every symbol counts for the previous-token stripe. On X Y X Y X Y every counted
 *       induction key is the previous position, so a previous-token head scores on both stripes (issue 27): these
 *       numbers are shown and recorded, and no verdict reads them.
 *   <li>{@link #distinctKeys}, what claim 5 reads (on {@link RepeatedSequences}): a query counts for the induction
 *       stripe only when its induction key lies before the previous position (p + 1 < q - 1), and for the
 *       previous-token stripe only when the two are apart (no previous occurrence, or p + 1 < q - 1), so that neither
 *       head type scores on the other's stripe.
 * </ul>
 *
 * @param induction [layer][head] mean attention on the induction stripe
 * @param previousToken [layer][head] mean attention on the previous position
 * @param inductionQueries how many (prompt, query) pairs the induction means are over
 * @param letters how many distinct symbols the prompts were drawn from (on the notebook's prompts 2, X and Y; on
 *     repeated sequences the letters the model was trained on)
 */
public record AttentionStripes(double[][] induction, double[][] previousToken, int inductionQueries, int letters) {

    /** The notebook's prompts as the notebook reads them (see the class comment: no verdict reads these). */
    public static AttentionStripes of(List<AttentionPatterns> prompts, int symbols) {
        return count(prompts, symbols, false, distinctSymbols(prompts, symbols));
    }

    /** Claim 5's count: only queries whose induction key is apart from the previous position. */
    public static AttentionStripes distinctKeys(List<AttentionPatterns> prompts, int symbols, int letters) {
        return count(prompts, symbols, true, letters);
    }

    private static AttentionStripes count(List<AttentionPatterns> prompts, int symbols, boolean distinct, int letters) {
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
                boolean hasKey = target > start;
                boolean counted = distinct ? hasKey && target < q - 1 : hasKey && target < q;
                boolean countedPrev = !distinct || !hasKey || target < q - 1;
                nInd += counted ? 1 : 0;
                nPrev += countedPrev ? 1 : 0;
                for (int l = 0; l < layers; l++) {
                    for (int h = 0; h < heads; h++) {
                        float[] row = p.pattern()[l][h][q];
                        if (countedPrev) {
                            prev[l][h] += row[q - 1];
                        }
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
                prev[l][h] = nPrev == 0 ? 0 : prev[l][h] / nPrev;
            }
        }
        return new AttentionStripes(ind, prev, nInd, letters);
    }

    private static int distinctSymbols(List<AttentionPatterns> prompts, int symbols) {
        return (int) prompts.stream().flatMap(p -> p.tokens().subList(p.tokens().size() - symbols, p.tokens().size())
                .stream()).distinct().count();
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
