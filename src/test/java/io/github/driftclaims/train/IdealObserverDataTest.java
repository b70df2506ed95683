package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.interp.TrainingMixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ideal observer against the data it is the ideal of: next-symbol frequencies counted from {@link TrainingData}'s
 * own strings, and the recipes' mixtures as the models recorded them.
 */
@DisplayName("The ideal observer against the training data")
class IdealObserverDataTest {

    /** Strings drawn per recipe: the prefixes compared below get 500 to 100,000 X/Y continuations each. */
    static final int N = 100_000;
    /** Prefixes up to this many symbols. */
    static final int MAX_PREFIX = 4;
    /** A prefix is compared when its continuations include at least this many X or Y. */
    static final int MIN_COUNT = 500;
    /** Binomial standard errors allowed: with a few hundred comparisons, chance exceeds 4 in fewer than 1 in 100 runs. */
    static final double SE = 4;

    /** A recipe that draws from all four families, with X/Y periods 2 to 4 and letter periods 1 to 30 (capped at 26). */
    static TrainConfig everyFamily() {
        return TrainConfig.toyInduction2h().with(Map.of("pXYPattern", "0.3", "xyPeriodMax", "4", "periodMin", "1",
                "periodMax", "30", "pMarkov", "0.4"));
    }

    /** Mostly short letter patterns (periods 1 to 3), so that letter prefixes such as X A and A X B A come often. */
    static TrainConfig shortLetters() {
        return TrainConfig.toyInduction2h().with(Map.of("pRepeat", "0.9", "pXYPattern", "0", "periodMin", "1",
                "periodMax", "3"));
    }

    /**
     * Next-symbol counts [X, Y] by prefix, the prefix's letters other than X and Y renamed A, B, C... in order of first
     * appearance: the mixture treats the 24 other letters alike, so the counts of "X K" and "X Q" pool into "X A".
     */
    static Map<List<String>, long[]> counts(TrainConfig c, long seed) {
        TrainingData data = new TrainingData(c, new SplittableRandom(seed));
        Map<List<String>, long[]> out = new HashMap<>();
        for (int i = 0; i < N; i++) {
            int[] s = data.nextSequence();
            List<String> symbols = canonical(s);
            for (int t = 0; t <= MAX_PREFIX; t++) {
                String next = symbols.get(t);
                if (next.equals("X") || next.equals("Y")) {
                    out.computeIfAbsent(List.copyOf(symbols.subList(0, t)), k -> new long[2])[next.equals("X") ? 0 : 1]++;
                }
            }
        }
        return out;
    }

    static List<String> canonical(int[] s) {
        Map<Integer, String> names = new HashMap<>();
        names.put(ToyVocabulary.X_ID, "X");
        names.put(ToyVocabulary.Y_ID, "Y");
        List<String> out = new ArrayList<>();
        for (int t = 0; t <= MAX_PREFIX; t++) {
            int id = s[TrainingMixture.PREFIX_TOKENS + t];
            out.add(names.computeIfAbsent(id, k -> String.valueOf((char) ('A' + names.size() - 2))));
        }
        return out;
    }

    /** How many prefixes were compared; every compared one within {@link #SE} standard errors. */
    static int agree(TrainConfig c, long seed) {
        IdealObserver o = new IdealObserver(c.mixture());
        int compared = 0;
        for (Map.Entry<List<String>, long[]> e : counts(c, seed).entrySet()) {
            long n = e.getValue()[0] + e.getValue()[1];
            if (n < MIN_COUNT) {
                continue;
            }
            double freq = e.getValue()[0] / (double) n;
            double p = o.pX(e.getKey());
            double se = Math.sqrt(p * (1 - p) / n);
            assertThat(freq).as("P(X | %s, X or Y next) over %d continuations; ideal %.5f", e.getKey(), n, p)
                    .isCloseTo(p, within(SE * se));
            compared++;
        }
        return compared;
    }

    @Test
    @DisplayName("on the default recipe every prefix up to 4 symbols is continued by X as often as the ideal says")
    void defaultRecipe() {
        assertThat(agree(TrainConfig.toyInduction2h(), 1)).as("prefixes compared").isGreaterThanOrEqualTo(25);
    }

    @Test
    @DisplayName("so on the markov-switch recipe (switch chains and coins) and on one that draws from all four families")
    void otherRecipes() {
        assertThat(agree(TrainConfig.markovSwitch(), 2)).as("prefixes compared").isGreaterThanOrEqualTo(25);
        // Letter prefixes such as X A, A X, A B A are among the compared ones here (pooled over the 24 letters).
        assertThat(agree(everyFamily(), 3)).as("prefixes compared").isGreaterThanOrEqualTo(35);
    }

    @Test
    @DisplayName("so on mostly short letter patterns, where X and Y follow other letters (X A, A X B A, ...)")
    void letterPrefixes() {
        assertThat(agree(shortLetters(), 4)).as("prefixes compared").isGreaterThanOrEqualTo(20);
    }

    @Test
    @DisplayName("the issue's figures: default 0.9907 / 0.5 / 0.5, markov-switch 0.829 / 0.350 / 0.538, counting 0")
    void issueFigures() {
        IdealDrift d = ideal(TrainConfig.toyInduction2h());
        assertThat(d.pX("patterned")).isCloseTo(0.9907, within(5e-5));
        assertThat(d.pX("clumped")).isCloseTo(0.5, within(5e-5));
        assertThat(d.pX("mixed")).isCloseTo(0.5, within(5e-5));
        assertThat(d.drift()).isCloseTo(0.4907, within(5e-5));
        assertThat(ideal(TrainConfig.toyInduction()).drift()).as("8 heads: the same data").isEqualTo(d.drift());
        IdealDrift m = ideal(TrainConfig.markovSwitch());
        assertThat(m.pX("patterned")).isCloseTo(0.829, within(5e-4));
        assertThat(m.pX("clumped")).isCloseTo(0.350, within(5e-4));
        assertThat(m.pX("mixed")).isCloseTo(0.538, within(5e-4));
        assertThat(m.drift()).isCloseTo(0.479, within(5e-4));
        assertThat(ideal(TrainConfig.countingOnly2h()).drift()).isCloseTo(0, within(1e-12));
    }

    @Test
    @DisplayName("the issue's dose-response: ideal drift 0.0069 with no X/Y patterns, about 0.26 at 1%, 0.42 at 5%")
    void doseResponse() {
        assertThat(ideal(share(0)).drift()).isCloseTo(0.0069, within(5e-5));
        assertThat(ideal(share(0.01)).drift()).isCloseTo(0.26, within(5e-3));
        assertThat(ideal(share(0.05)).drift()).isCloseTo(0.42, within(5e-3));
        double last = -1;
        for (double s : new double[] {0, 0.01, 0.05, 0.5, 1}) {
            assertThat(ideal(share(s)).drift()).as("grows with the share of X/Y patterns").isGreaterThan(last);
            last = ideal(share(s)).drift();
        }
    }

    static TrainConfig share(double pXYPattern) {
        return TrainConfig.toyInduction2h().with(Map.of("pXYPattern", String.valueOf(pXYPattern)));
    }

    static IdealDrift ideal(TrainConfig c) {
        return new IdealObserver(c.mixture()).over(Stimulus.NOTEBOOK);
    }

    @Test
    @DisplayName("every shipped toy model's training.json gives its recipe's mixture; the real and random models have none")
    void recordedRecipes() throws IOException {
        Map<String, TrainConfig> recipes = Map.of("toy-induction-2l", TrainConfig.toyInduction2h(), "counting-only-2l",
                TrainConfig.countingOnly2h(), "markov-switch-2l", TrainConfig.markovSwitch());
        int seen = 0;
        for (Map.Entry<String, TrainConfig> r : recipes.entrySet()) {
            try (var seeds = Files.list(Path.of("fixtures", "ensembles", r.getKey()))) {
                for (Path dir : seeds.filter(Files::isDirectory).toList()) {
                    assertThat(TrainConfig.recordedIn(dir)).as(dir.toString()).get()
                            .extracting(TrainConfig::mixture).isEqualTo(r.getValue().mixture());
                    seen++;
                }
            }
        }
        assertThat(seen).isEqualTo(8 + 3 + 3);
        assertThat(TrainConfig.recordedIn(Path.of("fixtures", "history", "toy-induction-8h-seed8"))).get()
                .extracting(TrainConfig::mixture).as("recorded before pMarkov existed: read as 0")
                .isEqualTo(TrainConfig.toyInduction().mixture());
        assertThat(TrainConfig.recordedIn(Path.of("fixtures", "attn-only-2l"))).isEmpty();
        assertThat(TrainConfig.recordedIn(Path.of("fixtures", "tiny-random-2l"))).isEmpty();
    }

    @Test
    @DisplayName("a training.json without a readable recipe is an error naming the file, not a missing recipe")
    void unreadableRecord(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("training.json"), "{\"steps_run\": 3}");
        assertThatThrownBy(() -> TrainConfig.recordedIn(dir)).hasMessageContaining(dir.resolve("training.json").toString())
                .hasMessageContaining("cannot read the recorded recipe");
    }
}
