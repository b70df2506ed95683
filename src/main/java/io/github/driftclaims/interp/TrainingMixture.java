package io.github.driftclaims.interp;

import io.github.driftclaims.UserInputException;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a toy training recipe draws its symbol strings from: the generating families and their weights, with the
 * parameters each family needs. The data generator ({@code train.TrainingData}) draws from it and the
 * {@link IdealObserver} inverts it, so the two cannot disagree about the mixture. Built from a recipe by
 * {@code train.TrainConfig#mixture()}; it lives here, below {@code train}, because the observer does.
 *
 * <p>Every training string is {@code BOS Sequence :} followed by exactly {@code seqLen} symbols of one family,
 * always starting at the family's first symbol (a pattern is repeated from its phase 0):
 * <ul>
 *   <li>{@link Family#XY_PATTERN}, weight pRepeat x pXYPattern: a period L uniform on [xyPeriodMin, xyPeriodMax],
 *       a pattern of L symbols uniform over the 2^L - 2 X/Y strings that contain both X and Y, repeated;
 *   <li>{@link Family#LETTER_PATTERN}, weight pRepeat x (1 - pXYPattern): a period uniform on [periodMin, periodMax]
 *       and capped at {@link #LETTERS}, a pattern of that many distinct letters (an ordered draw without replacement
 *       from all 26, X and Y included), repeated;
 *   <li>{@link Family#SWITCH_CHAIN}, weight (1 - pRepeat) x pMarkov: a fair first X/Y symbol, then each symbol repeats
 *       the previous one with probability s, s ~ U(0,1) per string;
 *   <li>{@link Family#COIN_FLIPS}, weight (1 - pRepeat) x (1 - pMarkov): X/Y i.i.d. with P(X) = p, p ~ Beta(1,1).
 * </ul>
 *
 * @param lossFrom the first index of the training string whose token is a target of the loss (3 = the first symbol)
 */
public record TrainingMixture(double pRepeat, double pXYPattern, int periodMin, int periodMax, int xyPeriodMin,
        int xyPeriodMax, double pMarkov, int seqLen, int lossFrom) {

    /** Tokens before the first symbol: BOS, {@code Sequence}, {@code :}. */
    public static final int PREFIX_TOKENS = 3;

    /** The letters a training string's symbols come from, X and Y among them: A to Z, as the toy vocabulary has them. */
    public static final int LETTERS = 26;

    /** The families a training string is drawn from. */
    public enum Family {
        XY_PATTERN("X/Y pattern"), LETTER_PATTERN("letter pattern"), SWITCH_CHAIN("switch chain"),
        COIN_FLIPS("coin flips");

        private final String label;

        Family(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The longest pattern period a mixture may name. The ideal observer sums over every period in a family's range, so
     * its work grows with the range: a training record naming periods up to 2^31 (a hostile or corrupted training.json)
     * would keep {@code run} busy for hours and exhaust memory. The recipes use at most 24; a pattern longer than
     * any context this project trains on (a few hundred tokens) never repeats in it, so 4096 refuses nothing real.
     */
    public static final int MAX_PERIOD = 1 << 12;

    public TrainingMixture {
        probability("pRepeat", pRepeat);
        probability("pXYPattern", pXYPattern);
        probability("pMarkov", pMarkov);
        if (seqLen < 1) {
            throw new UserInputException("a mixture needs seqLen >= 1, not " + seqLen);
        }
        for (int period : new int[] {periodMin, periodMax, xyPeriodMin, xyPeriodMax}) {
            if (period > MAX_PERIOD) {
                throw new UserInputException("a pattern period of " + period + " is over the limit of " + MAX_PERIOD
                        + " (the ideal observer sums over every period of the range)");
            }
        }
        // Only a family that is drawn needs a valid period range: a recipe without X/Y patterns may leave theirs as is.
        if (pRepeat * pXYPattern > 0 && (xyPeriodMin < 2 || xyPeriodMax < xyPeriodMin)) {
            // Period 1 has no X/Y pattern with both symbols: the generator's rejection loop would never end.
            throw new UserInputException("X/Y pattern periods must satisfy 2 <= xyPeriodMin <= xyPeriodMax, not "
                    + xyPeriodMin + " to " + xyPeriodMax);
        }
        if (pRepeat * (1 - pXYPattern) > 0 && (periodMin < 1 || periodMax < periodMin)) {
            throw new UserInputException("letter pattern periods must satisfy 1 <= periodMin <= periodMax, not "
                    + periodMin + " to " + periodMax);
        }
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new UserInputException(name + " " + p + " is not a probability");
        }
    }

    /** The prior weight of each family; they sum to 1 (a family of weight 0 is listed with 0). */
    public Map<Family, Double> weights() {
        Map<Family, Double> w = new EnumMap<>(Family.class);
        w.put(Family.XY_PATTERN, pRepeat * pXYPattern);
        w.put(Family.LETTER_PATTERN, pRepeat * (1 - pXYPattern));
        w.put(Family.SWITCH_CHAIN, (1 - pRepeat) * pMarkov);
        w.put(Family.COIN_FLIPS, (1 - pRepeat) * (1 - pMarkov));
        return w;
    }

    /**
     * The letters its strings contain, as tokens (" A" .. " Z", or " X" and " Y"): all 26 when letter patterns are drawn,
     * else X and Y alone. A toy model's card names these as its head-score pool: its other letters keep their random
     * initial embeddings, so scoring heads on them says nothing about what it learnt (issue 27: the controls' cards
     * named all 26).
     */
    public java.util.List<String> trainedLetters() {
        return weights().get(Family.LETTER_PATTERN) > 0 ? ScorePool.letters() : java.util.List.of(" X", " Y");
    }

    /** A letter pattern's period for a drawn period: no pattern of distinct letters is longer than the alphabet. */
    public int letterPeriod(int drawn) {
        return Math.min(drawn, LETTERS);
    }

    /**
     * Whether the loss scores the prediction of symbol {@code t} (0-based) from the symbols before it: the target
     * exists ({@code t < seqLen}) and sits at or after {@code lossFrom} in the training string.
     */
    public boolean scored(int t) {
        return t >= 0 && t < seqLen && PREFIX_TOKENS + t >= lossFrom;
    }
}
