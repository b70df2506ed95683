package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The markov-switch control's data: the statistics its recipe states. Each bound is about four standard
 * errors wide at 4000 sequences of 48, and each fails for the neighbouring process (coin flips, a fixed
 * repeat probability, a chain that never or always switches).
 */
@DisplayName("Switch-chain training data")
class SwitchChainDataTest {

    static final int N = 4000;

    static int[][] sequences(double pMarkov, long seed) {
        TrainConfig c = TrainConfig.markovSwitch().with(Map.of("pMarkov", String.valueOf(pMarkov)));
        TrainingData data = new TrainingData(c, new SplittableRandom(seed));
        int[][] out = new int[N][];
        for (int i = 0; i < N; i++) {
            out[i] = data.nextSequence();
        }
        return out;
    }

    /** Fraction of the sequence's transitions that repeat the previous symbol. */
    static double repeatFraction(int[] s) {
        int stays = 0;
        for (int i = 4; i < s.length; i++) {
            stays += s[i] == s[i - 1] ? 1 : 0;
        }
        return stays / (double) (s.length - 4);
    }

    @Test
    @DisplayName("pMarkov 1: only X and Y after the prefix, a fair first symbol, repeat probability uniform per sequence")
    void chainsHaveUniformRepeatProbability() {
        int[][] seqs = sequences(1.0, 7);
        int firstX = 0;
        int below25 = 0;
        int above75 = 0;
        double sum = 0;
        for (int[] s : seqs) {
            assertThat(s[0]).isEqualTo(ToyVocabulary.BOS_ID);
            assertThat(s[1]).isEqualTo(ToyVocabulary.SEQUENCE_ID);
            assertThat(s[2]).isEqualTo(ToyVocabulary.COLON_ID);
            for (int i = 3; i < s.length; i++) {
                assertThat(s[i]).isIn(ToyVocabulary.X_ID, ToyVocabulary.Y_ID);
            }
            firstX += s[3] == ToyVocabulary.X_ID ? 1 : 0;
            double r = repeatFraction(s);
            sum += r;
            below25 += r < 0.25 ? 1 : 0;
            above75 += r > 0.75 ? 1 : 0;
        }
        assertThat(firstX / (double) N).as("first symbol X").isCloseTo(0.5, within(0.03));
        // s ~ U(0,1) makes the number of stays among the 47 transitions uniform on 0..47, so 12 of the
        // 48 values (a quarter) lie in each tail. Coin flips (repeat probability p^2 + (1-p)^2 >= 1/2)
        // would give a mean of 2/3 and no low tail.
        assertThat(sum / N).as("mean repeat fraction").isCloseTo(0.5, within(0.02));
        assertThat(below25 / (double) N).as("repeat fraction < 0.25").isCloseTo(0.25, within(0.03));
        assertThat(above75 / (double) N).as("repeat fraction > 0.75").isCloseTo(0.25, within(0.03));
    }

    @Test
    @DisplayName("given its repeat probability a chain has no memory beyond the last symbol")
    void chainsAreFirstOrderWithUniformStay() {
        // Over chains with s ~ U(0,1): P(stay | stay) = E[s^2]/E[s] = 2/3, P(stay | switch) =
        // E[s(1-s)]/E[1-s] = 1/3, P(stay | stay, stay) = E[s^3]/E[s^2] = 3/4. A fixed s gives s for all
        // three; a chain with longer memory changes the last one.
        long[] stays = new long[3];
        long[] trials = new long[3];
        for (int[] s : sequences(1.0, 11)) {
            for (int i = 6; i < s.length; i++) {
                boolean now = s[i] == s[i - 1];
                boolean before = s[i - 1] == s[i - 2];
                boolean twoBefore = s[i - 2] == s[i - 3];
                int k = before ? 0 : 1;
                trials[k]++;
                stays[k] += now ? 1 : 0;
                if (before && twoBefore) {
                    trials[2]++;
                    stays[2] += now ? 1 : 0;
                }
            }
        }
        assertThat(stays[0] / (double) trials[0]).as("P(stay | stay)").isCloseTo(2.0 / 3, within(0.02));
        assertThat(stays[1] / (double) trials[1]).as("P(stay | switch)").isCloseTo(1.0 / 3, within(0.02));
        assertThat(stays[2] / (double) trials[2]).as("P(stay | stay, stay)").isCloseTo(3.0 / 4, within(0.02));
    }

    @Test
    @DisplayName("pMarkov 1/2 mixes chains and coin flips half and half; pMarkov 0 is coin flips only")
    void mixtureProportion() {
        // Mean repeat fraction: 1/2 for chains, E[p^2 + (1-p)^2] = 2/3 for coin flips with p ~ U(0,1).
        assertThat(meanRepeat(sequences(0.5, 3))).isCloseTo(0.5 * 0.5 + 0.5 * 2.0 / 3, within(0.015));
        assertThat(meanRepeat(sequences(0.0, 3))).isCloseTo(2.0 / 3, within(0.015));
    }

    static double meanRepeat(int[][] seqs) {
        double sum = 0;
        for (int[] s : seqs) {
            sum += repeatFraction(s);
        }
        return sum / seqs.length;
    }
}
