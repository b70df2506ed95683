package io.github.driftclaims.martingale;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.MathArrays;

/**
 * A sampler that is not exchangeable, with a known answer: a symmetric X/Y Markov chain that repeats its previous
 * symbol with probability {@code stay} (stationary at P(X) = 1/2). Each path continues its own re-permutation of
 * z_{1:n}, as {@link ModelSampler}'s prompts do: its first symbol repeats the permutation's last with probability
 * {@code stay}. For stay != 1/2 its predictive depends on the last symbol, not on the counts, so it violates the
 * martingale property (rho_1 differs from rho_k, and the marginal moves from the start symbol toward 1/2): the
 * power of a rule is how often it says so.
 *
 * @param stay P(z_{t+1} = z_t), in [0, 1]
 */
public record SwitchChainSampler(double stay) implements PathSampler {

    public SwitchChainSampler {
        if (!(stay >= 0 && stay <= 1)) {
            throw new IllegalArgumentException("a switch chain's stay probability is in [0, 1], not " + stay);
        }
    }

    @Override
    public int[][] sample(int[] observed, int paths, int steps, RandomGenerator rng) {
        int[][] out = new int[paths][steps];
        for (int j = 0; j < paths; j++) {
            int[] order = observed.clone();
            MathArrays.shuffle(order, rng);
            int prev = order[order.length - 1];
            for (int t = 0; t < steps; t++) {
                out[j][t] = rng.nextDouble() < stay ? prev : 1 - prev;
                prev = out[j][t];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "switch chain (stay " + stay + ")";
    }
}
