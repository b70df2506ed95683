package io.github.driftclaims.martingale;

import io.github.driftclaims.UserInputException;
import java.util.List;

/**
 * One (n, m, theta) cell: the statistics of a sampler's paths, each with its Beta-Bernoulli interval.
 *
 * @param observedMean the mean of z_{1:n} (T2's and T3's reference p_hat)
 * @param pathMean the mean of every kept path's samples (T1's mean-matched reference p_hat)
 * @param kept paths left by the outlier filter (T1, T2); {@code keptT3} those left when the paths are cut to n/2
 * @param referenceKept the mean number of paths the same filter kept in the T1 and T2 reference sets (of
 *     {@code paths} each): beside {@code kept}, it shows that both sides were filtered alike
 */
public record MartingaleResult(Cell cell, long seed, int paths, int replicates, int kept, int keptT3,
        double referenceKept, double observedMean, double pathMean, List<Statistic> statistics) {

    /** n observed symbols, m sampled, observed symbols drawn i.i.d. with P(X) = theta. */
    public record Cell(int n, int m, double theta) {

        public Cell {
            if (n < 2 || m < 5 || m < n / 2 || theta < 0 || theta > 1) {
                throw new UserInputException("a martingale cell needs n >= 2, m >= 5 and m >= n/2, theta in [0, 1]: "
                        + "n " + n + ", m " + m + ", theta " + theta);
            }
        }

        @Override
        public String toString() {
            return "n=" + n + ", m=" + m + ", theta=" + theta;
        }
    }

    public MartingaleResult {
        statistics = List.copyOf(statistics);
    }

    public Statistic statistic(String name) {
        return statistics.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no statistic " + name + " in " + cell));
    }

    public Statistic t3() {
        return statistic("T3");
    }
}
