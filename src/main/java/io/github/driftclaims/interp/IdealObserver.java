package io.github.driftclaims.interp;

import io.github.driftclaims.interp.TrainingMixture.Family;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Bayes-optimal predictor of a toy model's training data: the exact posterior over the {@link TrainingMixture}'s
 * families given the symbols seen, and the prediction it makes, in log-space arithmetic.
 *
 * <p><b>Which conditional.</b> A toy model reads {@code BOS Sequence : s_1 ... s_t} (the {@link PromptStyle#SEQUENCE}
 * prompt, token for token the start of a training string) and its last position predicts s_(t+1). In training, every
 * string is {@code BOS Sequence :} and exactly seqLen symbols of one family, starting at the family's first symbol,
 * and the loss is the cross-entropy of each target at or after index lossFrom. The context at that position is
 * s_1..s_t and nothing else (its length is its position), so the expected loss there is minimised by the data's own
 * conditional P(s_(t+1) | s_1..s_t) = P(s_1..s_t s_(t+1)) / P(s_1..s_t), with P the mixture's law of a string's first
 * t + 1 symbols. {@link #pX} returns that conditional renormalised over the two candidates, as the model's readout
 * is: P(X | s_1..s_t) / (P(X | s_1..s_t) + P(Y | s_1..s_t)) (a letter pattern may also continue with another letter;
 * the renormalisation drops it, as p_X_norm does).
 *
 * <p>It is undefined (NaN) where training never asked for it: at t >= seqLen (no training string has a symbol
 * t + 1) and where the loss does not score the target (3 + t < lossFrom); and where the mixture gives s_1..s_t X and
 * s_1..s_t Y both probability 0.
 *
 * <p>The likelihood of s_1..s_n under each family, P(s | family), is summed over the family's hidden draws exactly:
 * over each period (uniform on its range) and, given a period L, over the patterns (an X/Y pattern: the 2^L - 2
 * strings with both symbols; a letter pattern: the 26!/(26-L)! ordered draws of distinct letters) that repeat into
 * s; over the switch chain's stay probability (1/2 x stays! switches! / n!) and the coin's p (n_X! n_Y! / (n + 1)!).
 */
public final class IdealObserver {

    private static final double LN2 = Math.log(2);

    private final TrainingMixture mixture;

    public IdealObserver(TrainingMixture mixture) {
        this.mixture = mixture;
    }

    public TrainingMixture mixture() {
        return mixture;
    }

    /**
     * P(next = X | symbols, next is X or Y), the training data's Bayes-optimal prediction at the position after
     * {@code symbols}; NaN where it is undefined (see the class comment).
     */
    public double pX(List<String> symbols) {
        int t = symbols.size();
        check(symbols);
        if (!mixture.scored(t)) {
            return Double.NaN;
        }
        double lx = logProbability(append(symbols, "X"));
        double ly = logProbability(append(symbols, "Y"));
        if (lx == Double.NEGATIVE_INFINITY && ly == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        return Readout.pXGivenPair(lx - ly);
    }

    /**
     * P(family | the string starts with {@code symbols}): each family's prior weight times its likelihood,
     * normalised. Empty when no family gives the symbols positive probability.
     */
    public Map<Family, Double> posterior(List<String> symbols) {
        check(symbols);
        requireLength(symbols);
        Map<Family, Double> logJoint = logJoint(symbols);
        double logTotal = logSumExp(logJoint.values());
        Map<Family, Double> out = new EnumMap<>(Family.class);
        if (logTotal == Double.NEGATIVE_INFINITY) {
            return out;
        }
        logJoint.forEach((f, lj) -> out.put(f, Math.exp(lj - logTotal)));
        return out;
    }

    /** log P(a training string's first symbols are {@code symbols}); -Infinity when the mixture never starts so. */
    public double logProbability(List<String> symbols) {
        check(symbols);
        requireLength(symbols);
        return logSumExp(logJoint(symbols).values());
    }

    /** The ideal's P(X | {X,Y}) on each stimulus and its drift (max - min), as the model's baseline is read. */
    public IdealDrift over(List<Stimulus> stimuli) {
        Map<String, Double> pX = new java.util.LinkedHashMap<>();
        for (Stimulus s : stimuli) {
            pX.put(s.name(), pX(s.symbols()));
        }
        return IdealDrift.of(pX);
    }

    /** The ideal on the sequences a model's readouts were taken on, by the same names. */
    public IdealDrift over(DriftResult model) {
        return over(model.rows().stream().map(r -> Stimulus.of(r.name(), r.seq())).toList());
    }

    /** log(weight x likelihood) per family of positive weight. */
    private Map<Family, Double> logJoint(List<String> s) {
        Map<Family, Double> out = new EnumMap<>(Family.class);
        mixture.weights().forEach((f, w) -> {
            if (w > 0) {
                out.put(f, Math.log(w) + logLikelihood(f, s));
            }
        });
        return out;
    }

    /** log P(s | family). */
    double logLikelihood(Family f, List<String> s) {
        return switch (f) {
            case XY_PATTERN -> xyPattern(s);
            case LETTER_PATTERN -> letterPattern(s);
            case SWITCH_CHAIN -> switchChain(s);
            case COIN_FLIPS -> coinFlips(s);
        };
    }

    private double xyPattern(List<String> s) {
        if (!onlyXY(s)) {
            return Double.NEGATIVE_INFINITY;
        }
        int n = s.size();
        boolean constant = s.stream().distinct().count() <= 1;
        List<Double> byPeriod = new ArrayList<>();
        for (int period = mixture.xyPeriodMin(); period <= mixture.xyPeriodMax(); period++) {
            if (!periodic(s, period)) {
                byPeriod.add(Double.NEGATIVE_INFINITY);
            } else if (n >= period) {
                // The pattern is s's first period, which must hold both symbols: one of the 2^L - 2.
                byPeriod.add(constant ? Double.NEGATIVE_INFINITY : -logPow2Minus(period, 2));
            } else {
                // s fixes the first n of L symbols; the other L - n are free, except that an all-X (all-Y) start
                // cannot be completed with all X (all Y). With n = 0 that excludes both constant patterns.
                int excluded = n == 0 ? 2 : constant ? 1 : 0;
                byPeriod.add(logPow2Minus(period - n, excluded) - logPow2Minus(period, 2));
            }
        }
        return logMean(byPeriod);
    }

    private double letterPattern(List<String> s) {
        int n = s.size();
        List<Double> byPeriod = new ArrayList<>();
        for (int drawn = mixture.periodMin(); drawn <= mixture.periodMax(); drawn++) {
            int period = mixture.letterPeriod(drawn);
            int fixed = Math.min(n, period);
            if (!periodic(s, period) || s.subList(0, fixed).stream().distinct().count() < fixed) {
                byPeriod.add(Double.NEGATIVE_INFINITY);
                continue;
            }
            // The first `fixed` letters of an ordered draw without replacement from 26: 1 / (26 x 25 x ...).
            double lp = 0;
            for (int j = 0; j < fixed; j++) {
                lp -= Math.log(TrainingMixture.LETTERS - j);
            }
            byPeriod.add(lp);
        }
        return logMean(byPeriod);
    }

    private static double switchChain(List<String> s) {
        if (!onlyXY(s)) {
            return Double.NEGATIVE_INFINITY;
        }
        int n = s.size();
        if (n == 0) {
            return 0;
        }
        int stays = 0;
        for (int i = 1; i < n; i++) {
            stays += s.get(i).equals(s.get(i - 1)) ? 1 : 0;
        }
        int switches = n - 1 - stays;
        // 1/2 for the first symbol, then the integral of s^stays (1 - s)^switches over s in [0, 1].
        return -LN2 + logFactorial(stays) + logFactorial(switches) - logFactorial(n);
    }

    private static double coinFlips(List<String> s) {
        if (!onlyXY(s)) {
            return Double.NEGATIVE_INFINITY;
        }
        int nX = (int) s.stream().filter("X"::equals).count();
        int nY = s.size() - nX;
        // The integral of p^nX (1 - p)^nY over p in [0, 1].
        return logFactorial(nX) + logFactorial(nY) - logFactorial(nX + nY + 1);
    }

    private static boolean onlyXY(List<String> s) {
        return s.stream().allMatch(x -> x.equals("X") || x.equals("Y"));
    }

    private static boolean periodic(List<String> s, int period) {
        for (int i = period; i < s.size(); i++) {
            if (!s.get(i).equals(s.get(i - period))) {
                return false;
            }
        }
        return true;
    }

    /** log(2^a - c) for small c, without forming 2^a (periods may be long). */
    private static double logPow2Minus(int a, int c) {
        return a * LN2 + Math.log1p(-c * Math.pow(2, -a));
    }

    private static double logFactorial(int n) {
        double out = 0;
        for (int k = 2; k <= n; k++) {
            out += Math.log(k);
        }
        return out;
    }

    private static double logMean(List<Double> logs) {
        return logSumExp(logs) - Math.log(logs.size());
    }

    static double logSumExp(Iterable<Double> logs) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logs) {
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum);
    }

    private static List<String> append(List<String> s, String next) {
        List<String> out = new ArrayList<>(s);
        out.add(next);
        return out;
    }

    /** Symbols are the training alphabet's letters, A to Z, written without the leading space. */
    private static void check(List<String> symbols) {
        for (String x : symbols) {
            if (x.length() != 1 || x.charAt(0) < 'A' || x.charAt(0) > 'Z') {
                throw new IllegalArgumentException("symbol '" + x + "' is not one of the training letters A to Z");
            }
        }
    }

    private void requireLength(List<String> symbols) {
        if (symbols.size() > mixture.seqLen()) {
            throw new IllegalArgumentException(symbols.size() + " symbols: the mixture's strings have " + mixture.seqLen());
        }
    }
}
