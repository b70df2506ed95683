package io.github.driftclaims.train;

import io.github.driftclaims.interp.TrainingMixture;
import java.util.SplittableRandom;

/**
 * Draws from a recipe's {@link TrainingMixture} (the families and weights the ideal observer inverts), seeded.
 * The mixture the toy models learn from: {@code BOS Sequence :} then either
 * exchangeable coin flips (X/Y i.i.d. with p ~ Beta(1,1), best predicted by Laplace's rule, which is
 * order-invariant) or a short random pattern repeated (best predicted by copying: induction).
 * The two compete on the notebook's prompts, which is what makes drift. A recipe may also mix in X/Y
 * switch chains ({@link TrainingMixture#pMarkov()}), which make drift without anything to copy.
 */
public final class TrainingData {

    private final TrainingMixture mixture;
    private final int batch;
    private final SplittableRandom rng;

    public TrainingData(TrainConfig config, SplittableRandom rng) {
        this.mixture = config.mixture();
        this.batch = config.batch();
        this.rng = rng;
    }

    /** One batch, [batch][3 + seqLen]. */
    public int[][] nextBatch() {
        int[][] out = new int[batch][];
        for (int b = 0; b < out.length; b++) {
            out[b] = nextSequence();
        }
        return out;
    }

    int[] nextSequence() {
        int[] s = new int[3 + mixture.seqLen()];
        s[0] = ToyVocabulary.BOS_ID;
        s[1] = ToyVocabulary.SEQUENCE_ID;
        s[2] = ToyVocabulary.COLON_ID;
        if (rng.nextDouble() < mixture.pRepeat()) {
            int[] pattern = rng.nextDouble() < mixture.pXYPattern() ? xyPattern() : letterPattern();
            for (int i = 0; i < mixture.seqLen(); i++) {
                s[3 + i] = pattern[i % pattern.length];
            }
        } else if (mixture.pMarkov() > 0 && rng.nextDouble() < mixture.pMarkov()) {
            // pMarkov > 0 is tested first so that recipes without switch chains draw exactly the numbers
            // they drew before the option existed.
            switchChain(s);
        } else {
            // p ~ Beta(1,1) is uniform on [0,1]
            double p = rng.nextDouble();
            for (int i = 0; i < mixture.seqLen(); i++) {
                s[3 + i] = rng.nextDouble() < p ? ToyVocabulary.X_ID : ToyVocabulary.Y_ID;
            }
        }
        return s;
    }

    /**
     * X/Y as a first-order Markov chain: a fair first symbol, then each symbol repeats the previous one
     * with probability s, s ~ U(0,1) per sequence. The best prediction depends on how often the
     * sequence has switched so far, so orderings with the same counts get different predictions (drift)
     * without any repeated pattern to copy: a previous-token head and a head that counts switches suffice.
     */
    private void switchChain(int[] s) {
        double stay = rng.nextDouble();
        int t = rng.nextDouble() < 0.5 ? ToyVocabulary.X_ID : ToyVocabulary.Y_ID;
        for (int i = 0; i < mixture.seqLen(); i++) {
            if (i > 0 && rng.nextDouble() >= stay) {
                t = t == ToyVocabulary.X_ID ? ToyVocabulary.Y_ID : ToyVocabulary.X_ID;
            }
            s[3 + i] = t;
        }
    }

    /** A period of X and Y with both present (XY, YX, XXY, ...), so copying is the only good predictor. */
    private int[] xyPattern() {
        int period = between(mixture.xyPeriodMin(), mixture.xyPeriodMax());
        int[] p = new int[period];
        int xs;
        do {
            xs = 0;
            for (int i = 0; i < period; i++) {
                p[i] = ToyVocabulary.X_ID + rng.nextInt(2);
                xs += p[i] == ToyVocabulary.X_ID ? 1 : 0;
            }
        } while (xs == 0 || xs == period);
        return p;
    }

    /** Distinct letters (of all 26, X and Y included), so each token has one successor within a period. */
    private int[] letterPattern() {
        int period = mixture.letterPeriod(between(mixture.periodMin(), mixture.periodMax()));
        int[] pool = letterPool();
        for (int i = 0; i < period; i++) {
            int j = i + rng.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return java.util.Arrays.copyOf(pool, period);
    }

    private int between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    /** Token ids that appear in training as symbols: the letters, X and Y. */
    static int[] letterPool() {
        int[] pool = new int[ToyVocabulary.OTHER_LETTERS + 2];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = ToyVocabulary.X_ID + i;
        }
        return pool;
    }
}
