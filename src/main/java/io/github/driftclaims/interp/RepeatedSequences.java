package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Claim 5's prompts (issue 27): the notebook's prompt prefix ({@code BOS Sequence :}) followed by a pattern of
 * distinct letters repeated, as TransformerLens's head detector repeats random tokens. On the notebook's own prompts
 * every induction key is the previous position, so they cannot tell an induction head from a previous-token head; on
 * a period of L >= 3 distinct letters every query after the first period has its induction key L - 1 back, apart
 * from the previous position.
 *
 * <p>The letters are the model's {@link ScorePool}: the letters it was trained on (its model card), TransformerLens's
 * vocabulary for a model without a card. {@value #SEQUENCES} sequences of {@value #SYMBOLS} symbols (fewer where the
 * context is shorter), each with its period drawn uniformly from 3 to {@value #MAX_PERIOD} (at most the pool's size)
 * and its letters drawn without replacement, seeded: at least 32 x (24 - 8) = 512 induction queries, over
 * verdict.Thresholds#STRIPE_QUERIES. With fewer than 3 letters no such pattern exists: no sequence is run and the
 * stripes count no query.
 */
public final class RepeatedSequences {

    public static final int SEQUENCES = 32;
    public static final int SYMBOLS = 24;
    public static final int MIN_PERIOD = 3;
    public static final int MAX_PERIOD = 8;
    public static final long SEED = CircuitEvidence.SCORE_SEED;

    private RepeatedSequences() {}

    /** The stripes claim 5 reads, on the model's trained letters ({@link AttentionStripes#distinctKeys}). */
    public static AttentionStripes stripes(HookedTransformer model, ScorePool pool) {
        int letters = pool.ids().length;
        int layers = model.config().nLayers();
        int heads = model.config().nHeads();
        if (letters < MIN_PERIOD) {
            return new AttentionStripes(new double[layers][heads], new double[layers][heads], 0, letters);
        }
        int[] prefix = prefix(model);
        int symbols = Math.min(SYMBOLS, model.config().nCtx() - prefix.length);
        if (symbols < 2 * MIN_PERIOD) { // a context too short for one repeat: no query (the rule: not determined)
            return new AttentionStripes(new double[layers][heads], new double[layers][heads], 0, letters);
        }
        int[][] tokens = sequences(prefix, pool.ids(), symbols).toArray(int[][]::new);
        // One batched forward (every sequence has the same length): the stripes cost verify one run per model.
        Hooks capture = Hooks.none();
        for (int l = 0; l < layers; l++) {
            capture = capture.capturing(HookPoint.pattern(l));
        }
        HookedTransformer.Run run = model.run(tokens, capture);
        int t = tokens[0].length;
        float[][] byLayer = new float[layers][];
        for (int l = 0; l < layers; l++) {
            byLayer[l] = run.activation(HookPoint.pattern(l)).data(); // [batch, head, query, key]
        }
        List<AttentionPatterns> patterns = new ArrayList<>();
        for (int b = 0; b < tokens.length; b++) {
            float[][][][] p = new float[layers][heads][t][t];
            for (int l = 0; l < layers; l++) {
                float[] data = byLayer[l];
                for (int h = 0; h < heads; h++) {
                    for (int q = 0; q < t; q++) {
                        System.arraycopy(data, ((b * heads + h) * t + q) * t, p[l][h][q], 0, t);
                    }
                }
            }
            patterns.add(new AttentionPatterns("repeated", model.tokenizer().toStrTokens(tokens[b]), p));
        }
        return AttentionStripes.distinctKeys(patterns, symbols, letters);
    }

    /** The tokens before the symbols in the notebook's prompts (the notebook's first prompt less its symbols). */
    static int[] prefix(HookedTransformer model) {
        Stimulus first = Stimulus.NOTEBOOK.get(0);
        int[] t = new DriftProbe(model, List.of(first)).tokens(0);
        return java.util.Arrays.copyOf(t, t.length - first.symbols().size());
    }

    /** {@value #SEQUENCES} prompts: prefix, then a seeded pattern of distinct pool tokens repeated to {@code symbols}. */
    static List<int[]> sequences(int[] prefix, int[] pool, int symbols) {
        SplittableRandom rng = new SplittableRandom(SEED);
        int maxPeriod = Math.min(MAX_PERIOD, pool.length);
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < SEQUENCES; s++) {
            int period = MIN_PERIOD + rng.nextInt(maxPeriod - MIN_PERIOD + 1);
            int[] draw = pool.clone();
            for (int i = 0; i < period; i++) { // a partial Fisher-Yates shuffle: distinct letters
                int j = i + rng.nextInt(draw.length - i);
                int t = draw[i];
                draw[i] = draw[j];
                draw[j] = t;
            }
            int[] tokens = java.util.Arrays.copyOf(prefix, prefix.length + symbols);
            for (int i = 0; i < symbols; i++) {
                tokens[prefix.length + i] = draw[i % period];
            }
            out.add(tokens);
        }
        return out;
    }
}
