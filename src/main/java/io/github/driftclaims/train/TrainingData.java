package io.github.driftclaims.train;

import java.util.SplittableRandom;

/**
 * The seeded mixture the toy models learn from: {@code BOS Sequence :} then either
 * exchangeable coin flips (X/Y i.i.d. with p ~ Beta(1,1), best predicted by Laplace's rule, which is
 * order-invariant) or a short random pattern repeated (best predicted by copying: induction).
 * The two compete on the notebook's prompts, which is what makes drift.
 */
public final class TrainingData {

    private final TrainConfig config;
    private final SplittableRandom rng;

    public TrainingData(TrainConfig config, SplittableRandom rng) {
        this.config = config;
        this.rng = rng;
    }

    /** One batch, [batch][3 + seqLen]. */
    public int[][] nextBatch() {
        int[][] out = new int[config.batch()][];
        for (int b = 0; b < out.length; b++) {
            out[b] = nextSequence();
        }
        return out;
    }

    int[] nextSequence() {
        int[] s = new int[3 + config.seqLen()];
        s[0] = ToyVocabulary.BOS_ID;
        s[1] = ToyVocabulary.SEQUENCE_ID;
        s[2] = ToyVocabulary.COLON_ID;
        if (rng.nextDouble() < config.pRepeat()) {
            boolean xyOnly = rng.nextDouble() < config.pXYPattern();
            int maxPeriod = xyOnly ? config.xyPeriodMax() : config.periodMax();
            int period = config.periodMin() + rng.nextInt(maxPeriod - config.periodMin() + 1);
            int[] pattern = new int[period];
            for (int i = 0; i < period; i++) {
                pattern[i] = xyOnly ? ToyVocabulary.X_ID + rng.nextInt(2) : letter();
            }
            for (int i = 0; i < config.seqLen(); i++) {
                s[3 + i] = pattern[i % period];
            }
        } else {
            // p ~ Beta(1,1) is uniform on [0,1]
            double p = rng.nextDouble();
            for (int i = 0; i < config.seqLen(); i++) {
                s[3 + i] = rng.nextDouble() < p ? ToyVocabulary.X_ID : ToyVocabulary.Y_ID;
            }
        }
        return s;
    }

    /** Any of the 26 letter tokens, X and Y included. */
    private int letter() {
        int i = rng.nextInt(ToyVocabulary.OTHER_LETTERS + 2);
        return i < 2 ? ToyVocabulary.X_ID + i : ToyVocabulary.FIRST_OTHER_LETTER + i - 2;
    }

    /** Token ids that appear in training as symbols: the letters, X and Y. */
    public static int[] letterPool() {
        int[] pool = new int[ToyVocabulary.OTHER_LETTERS + 2];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = ToyVocabulary.X_ID + i;
        }
        return pool;
    }
}
