package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.interp.TrainingMixture.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ideal observer on prefixes small enough to work out on paper; each expected value is the fraction in the
 * comment above it. The mixtures are written out here rather than taken from {@code TrainConfig}, so that the
 * arithmetic can be read next to them (the recipes' own mixtures are {@code train.IdealObserverDataTest}'s).
 */
@DisplayName("The ideal observer of a training mixture")
class IdealObserverTest {

    static final double EXACT = 1e-12;

    /** The default recipe's mixture: 60% repeats, half of them X/Y patterns of period 2, letter periods 2-24. */
    static TrainingMixture defaultMix() {
        return new TrainingMixture(0.6, 0.5, 2, 24, 2, 2, 0, 48, 3);
    }

    static List<String> seq(String spaced) {
        return spaced.isBlank() ? List.of() : List.of(spaced.trim().split(" "));
    }

    @Test
    @DisplayName("on the default mixture, X Y X Y X Y is followed by X with probability 0.99066 (only patterns and coins)")
    void defaultPatterned() {
        // Weights: X/Y pattern 0.3, letter pattern 0.3, coin flips 0.4.
        // X Y X Y X Y X: X/Y pattern of period 2 "XY", 1 of the 2^2 - 2 = 2: 0.3 x 1/2 = 0.15;
        //   letter pattern only with period 2 (a longer one would repeat a letter), drawn with probability 1/23,
        //   letters X then Y: 1/(26 x 25): 0.3 / (23 x 650) = 0.3/14950; coin flips, 4 X and 3 Y: 4!3!/8! = 1/280:
        //   0.4/280 = 1/700.
        // X Y X Y X Y Y: no pattern; coin flips 1/700.
        double x = 0.15 + 0.3 / 14950 + 1.0 / 700;
        double y = 1.0 / 700;
        assertThat(new IdealObserver(defaultMix()).pX(seq("X Y X Y X Y"))).isCloseTo(x / (x + y), within(EXACT))
                .isCloseTo(0.990655, within(1e-6));
    }

    @Test
    @DisplayName("on the default mixture, X X X Y Y Y and X Y Y X X Y are coin flips only: 1/2 each, as Laplace's rule")
    void defaultClumpedAndMixed() {
        // Neither is periodic with period 2, nor a repetition of distinct letters: only coin flips, 4!3!/8! either way.
        IdealObserver o = new IdealObserver(defaultMix());
        assertThat(o.pX(seq("X X X Y Y Y"))).isCloseTo(0.5, within(EXACT));
        assertThat(o.pX(seq("X Y Y X X Y"))).isCloseTo(0.5, within(EXACT));
        assertThat(o.posterior(seq("X X X Y Y Y"))).containsEntry(Family.COIN_FLIPS, 1.0)
                .containsEntry(Family.XY_PATTERN, 0.0).containsEntry(Family.LETTER_PATTERN, 0.0);
        IdealDrift d = o.over(Stimulus.NOTEBOOK);
        assertThat(d.drift()).isCloseTo(d.pX("patterned") - 0.5, within(EXACT));
    }

    @Test
    @DisplayName("on the default mixture, after one X the next is X with probability 0.38045: XX is never a pattern")
    void defaultAfterOneX() {
        // X X: no X/Y pattern (constant), no letter pattern (period >= 2 repeats no letter); coins 2!0!/3! = 1/3.
        // X Y: X/Y pattern "XY" 1/2 -> 0.15; a letter pattern of any of the 23 periods starts X, Y with 1/(26 x 25)
        //   -> 0.3/650; coins 1!1!/3! = 1/6 -> 0.4/6.
        double x = 0.4 / 3;
        double y = 0.15 + 0.3 / 650 + 0.4 / 6;
        assertThat(new IdealObserver(defaultMix()).pX(seq("X"))).isCloseTo(x / (x + y), within(EXACT))
                .isCloseTo(0.380451, within(1e-6));
    }

    @Test
    @DisplayName("letter patterns: after X A the next is X with probability 12/23, after A X B A it is X for sure")
    void letterPatterns() {
        IdealObserver o = new IdealObserver(defaultMix());
        // X A X: only the period-2 letter pattern (1 of 23 periods), first letters X, A: (1/23) / (26 x 25).
        // X A Y: periods 3 to 24 (22 of 23), first three letters distinct: (22/23) / (26 x 25 x 24).
        // Ratio: (1/650) / (1/650 + 22/15600) = 24 / (24 + 22) = 12/23.
        assertThat(o.pX(seq("X A"))).isCloseTo(12.0 / 23, within(EXACT));
        // Only a letter pattern of period 3 (A X B) makes A X B A; it continues with X.
        assertThat(o.pX(seq("A X B A"))).isEqualTo(1.0);
        assertThat(o.posterior(seq("A X B A"))).containsEntry(Family.LETTER_PATTERN, 1.0);
    }

    @Test
    @DisplayName("X/Y patterns of periods 2 and 3: after X the next is X with probability 1/6 (enumerated patterns)")
    void longerXYPeriods() {
        // Period 2: XY or YX; period 3: XXY XYX XYY YXX YXY YYX. Starting with X: XY (1/2 x 1/2) continues with Y;
        // of period 3, XXY continues with X, XYX and XYY with Y (1/2 x 1/6 each).
        // P(X X) = 1/12, P(X Y) = 1/4 + 2/12: 1/12 / (1/12 + 5/12) = 1/6.
        TrainingMixture m = new TrainingMixture(1, 1, 2, 24, 2, 3, 0, 48, 3);
        assertThat(new IdealObserver(m).pX(seq("X"))).isCloseTo(1.0 / 6, within(EXACT));
        // After X Y X: XY (period 2) says Y; XYX (period 3) says X; equal priors and likelihoods 1/2 x 1/2 vs 1/2 x 1/6.
        // P(X Y X Y) = 1/4, P(X Y X X) = 1/12: 1/12 / (1/3) = 1/4.
        assertThat(new IdealObserver(m).pX(seq("X Y X"))).isCloseTo(0.25, within(EXACT));
    }

    @Test
    @DisplayName("switch chains and coins half and half (markov-switch): 63/76, 7/20 and 7/13 on the notebook's orderings")
    void markovSwitch() {
        IdealObserver o = new IdealObserver(new TrainingMixture(0, 0.5, 2, 24, 2, 2, 0.5, 48, 3));
        // A chain of n symbols with k stays and n-1-k switches: 1/2 x k!(n-1-k)!/n!; coins: nX! nY!/(n+1)!.
        // Coins give 4!3!/8! = 3/840 for any seven symbols with 4 of one and 3 of the other.
        // X Y X Y X Y + X: 0 stays, 6 switches: 1/2 x 6!/7! = 60/840; + Y: 1 stay, 5 switches: 1/2 x 5!/7! = 10/840.
        //   (60 + 3) / (60 + 3 + 10 + 3) = 63/76.
        assertThat(o.pX(seq("X Y X Y X Y"))).isCloseTo(63.0 / 76, within(EXACT));
        // X X X Y Y Y + X: 4 stays, 2 switches: 1/2 x 4!2!/7! = 4/840; + Y: 5 stays, 1 switch: 1/2 x 5!/7! = 10/840.
        //   (4 + 3) / (4 + 3 + 10 + 3) = 7/20.
        assertThat(o.pX(seq("X X X Y Y Y"))).isCloseTo(7.0 / 20, within(EXACT));
        // X Y Y X X Y + X: 2 stays, 4 switches: 1/2 x 2!4!/7! = 4/840; + Y: 3 stays, 3 switches: 1/2 x 3!3!/7! = 3/840.
        //   (4 + 3) / (4 + 3 + 3 + 3) = 7/13.
        assertThat(o.pX(seq("X Y Y X X Y"))).isCloseTo(7.0 / 13, within(EXACT));
        // Posterior on X Y X Y X Y: chain 1/2 x 5!/6! = 1/12 = 70/840, coins 3!3!/7! = 6/840: 70/76 a chain.
        assertThat(o.posterior(seq("X Y X Y X Y")).get(Family.SWITCH_CHAIN)).isCloseTo(70.0 / 76, within(EXACT));
    }

    @Test
    @DisplayName("coin flips alone are Laplace's rule on every X/Y string up to length 10: the ideal never drifts")
    void coinsAreLaplace() {
        IdealObserver o = new IdealObserver(new TrainingMixture(0, 0.5, 2, 24, 2, 2, 0, 48, 3));
        for (int n = 0; n <= 10; n++) {
            for (Stimulus s : n == 0 ? List.of(new Stimulus("", List.of())) : Stimulus.allStrings(n)) {
                assertThat(o.pX(s.symbols())).as(s.name()).isCloseTo(Baselines.bayes(s.nX(), s.nY()), within(1e-12));
            }
        }
        assertThat(o.over(Stimulus.NOTEBOOK).drift()).isCloseTo(0, within(1e-12));
    }

    @Test
    @DisplayName("the posterior over families sums to 1 and favours the X/Y pattern on X Y X Y X Y (0.98118)")
    void posterior() {
        // X/Y pattern 0.3 x 1/2 = 0.15; letter pattern 0.3/14950; coins 0.4 x 3!3!/7! = 1/350.
        Map<Family, Double> p = new IdealObserver(defaultMix()).posterior(seq("X Y X Y X Y"));
        double total = 0.15 + 0.3 / 14950 + 1.0 / 350;
        assertThat(p.get(Family.XY_PATTERN)).isCloseTo(0.15 / total, within(EXACT));
        assertThat(p.get(Family.LETTER_PATTERN)).isCloseTo(0.3 / 14950 / total, within(EXACT));
        assertThat(p.get(Family.COIN_FLIPS)).isCloseTo(1.0 / 350 / total, within(EXACT));
        assertThat(p).doesNotContainKey(Family.SWITCH_CHAIN);
        assertThat(p.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-12));
    }

    @Test
    @DisplayName("string probabilities of each length 1 to 4 sum to 1 over every string of the 26 letters")
    void probabilitiesSumToOne() {
        // A check of the likelihoods themselves, not only of their ratios. The mixture treats the 24 letters other than
        // X and Y alike, so each string stands for all its relabelings: enumerate the strings whose other letters
        // appear as A, B, C, D in order of first appearance, each weighted by 24 x 23 x ... (one factor per letter).
        IdealObserver o = new IdealObserver(new TrainingMixture(0.6, 0.3, 1, 30, 2, 4, 0.25, 48, 3));
        for (int n = 1; n <= 4; n++) {
            double sum = 0;
            for (List<String> s : canonicalStrings(n)) {
                long others = s.stream().filter(x -> !x.equals("X") && !x.equals("Y")).distinct().count();
                double relabelings = 1;
                for (int j = 0; j < others; j++) {
                    relabelings *= TrainingMixture.LETTERS - 2 - j;
                }
                sum += relabelings * Math.exp(o.logProbability(s));
            }
            assertThat(sum).as("length %d", n).isCloseTo(1, within(1e-12));
        }
    }

    /** Strings over X, Y and other letters named A, B, C... in the order they first appear. */
    static List<List<String>> canonicalStrings(int n) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (int i = 0; i < n; i++) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> s : out) {
                long others = s.stream().filter(x -> !x.equals("X") && !x.equals("Y")).distinct().count();
                List<String> next = new ArrayList<>(List.of("X", "Y"));
                for (int j = 0; j <= others; j++) {
                    next.add(String.valueOf((char) ('A' + j)));
                }
                for (String x : next) {
                    List<String> t = new ArrayList<>(s);
                    t.add(x);
                    longer.add(t);
                }
            }
            out = longer;
        }
        return out;
    }

    @Test
    @DisplayName("undefined where training never asks: past seqLen, before lossFrom, or after an impossible prefix")
    void undefined() {
        TrainingMixture short4 = new TrainingMixture(0.6, 0.5, 2, 24, 2, 2, 0, 4, 3);
        assertThat(new IdealObserver(short4).pX(seq("X Y X"))).isBetween(0.0, 1.0);
        assertThat(new IdealObserver(short4).pX(seq("X Y X Y"))).as("no training string has a fifth symbol").isNaN();
        TrainingMixture late = new TrainingMixture(0.6, 0.5, 2, 24, 2, 2, 0, 48, 6);
        assertThat(new IdealObserver(late).pX(seq("X Y"))).as("target index 5 is not scored").isNaN();
        assertThat(new IdealObserver(late).pX(seq("X Y X"))).as("target index 6 is").isBetween(0.0, 1.0);
        TrainingMixture onlyXY = new TrainingMixture(1, 1, 2, 24, 2, 2, 0, 48, 3);
        assertThat(new IdealObserver(onlyXY).pX(seq("X X"))).as("period-2 X/Y patterns never start X X").isNaN();
        assertThat(new IdealObserver(onlyXY).over(List.of(Stimulus.of("a", "X Y"), Stimulus.of("b", "X X"))).drift())
                .isNaN();
        assertThatThrownBy(() -> new IdealObserver(defaultMix()).pX(List.of("x")))
                .hasMessageContaining("not one of the training letters A to Z");
        assertThatThrownBy(() -> new TrainingMixture(0.6, 0.5, 2, 24, 1, 2, 0, 48, 3))
                .hasMessageContaining("2 <= xyPeriodMin <= xyPeriodMax");
    }
}
