package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Rules.at;
import static io.github.driftclaims.verdict.Rules.finding;
import static io.github.driftclaims.verdict.Rules.num;
import static io.github.driftclaims.verdict.Rules.pct;
import static io.github.driftclaims.verdict.Thresholds.CHANCE_QUANTILE;
import static io.github.driftclaims.verdict.Thresholds.EXTRA_TOLERANCE;
import static io.github.driftclaims.verdict.Thresholds.INTERVAL_LEVEL;

import java.util.List;

/**
 * Claims 23 to 26 (issue 14): Falck, Wang and Holmes's martingale check on the model's own continuations, as sampled
 * and with the drift heads ablated ({@link MartingaleMeasurements}). Each rule with its description ({@link
 * #describe}); what chance allows is {@link MartingaleThresholds}.
 */
public final class MartingaleRules {

    private MartingaleRules() {}

    /** Claims 23 to 26 on one model's martingale check, in claim order. */
    public static List<Finding> all(MartingaleMeasurements mm) {
        return List.of(martingaleKept(Claim.MARTINGALE, mm.baseline(), "as sampled"),
                martingaleKept(Claim.MARTINGALE_ABLATED, mm.ablated(), "with " + mm.heads() + " ablated"),
                bayesianUncertainty(mm), martingaleRestored(mm));
    }

    /**
     * The most violations an exact martingale gives in {@link Thresholds#CHANCE_QUANTILE} of runs of {@code tests}
     * statistics, each outside its interval with probability 1 - {@link Thresholds#INTERVAL_LEVEL}: the
     * Binomial(tests, 0.05) quantile (Commons Math). Only the fallback for grids without a calibration
     * ({@link MartingaleThresholds}): it assumes independent statistics at exact coverage.
     */
    public static int chanceViolations(int tests) {
        if (tests == 0) {
            return 0;
        }
        return new org.apache.commons.math3.distribution.BinomialDistribution(null, tests, 1 - INTERVAL_LEVEL)
                .inverseCumulativeProbability(CHANCE_QUANTILE);
    }

    /**
     * Claims 23 and 24: of every T1 and T2,k over the design (every cell, every observed sequence, pooled into one
     * count: a cell has no verdict of its own), at most what chance allows
     * ({@link MartingaleThresholds#of}: the grid's calibrated null quantile, else the binomial) lie outside their 95%
     * intervals: reproduced; more, but each within the authors' band of 0.1 / n: partly; else refuted.
     */
    public static Finding martingaleKept(Claim c, List<io.github.driftclaims.martingale.MartingaleResult> results,
            String what) {
        return tally(c, MartingaleMeasurements.tests(results, true), MartingaleThresholds.of(results, true),
                what + ": T1, T2,k");
    }

    /** Claim 25: claim 23's rule on T3, the IQR of the paths' MLEs over n/2 samples, as sampled. */
    public static Finding bayesianUncertainty(MartingaleMeasurements mm) {
        return tally(Claim.BAYESIAN_UNCERTAINTY, MartingaleMeasurements.tests(mm.baseline(), false),
                MartingaleThresholds.of(mm.baseline(), false), "as sampled: T3");
    }

    /** How many of the statistics outside a finding names (the full design can have hundreds; the CSV has all). */
    private static final int LISTED_OUTSIDE = 8;

    private static Finding tally(Claim c, List<MartingaleMeasurements.Test> tests, MartingaleThresholds.Allowance chance,
            String what) {
        if (tests.isEmpty()) {
            return Finding.undetermined(c, "no martingale cell was run");
        }
        List<MartingaleMeasurements.Test> outside = tests.stream().filter(t -> !t.statistic().inside()).toList();
        int allowed = chance.allowed();
        boolean beyond = outside.stream().anyMatch(MartingaleMeasurements.Test::beyondTolerance);
        Verdict v = outside.size() <= allowed ? Verdict.REPRODUCED : beyond ? Verdict.REFUTED : Verdict.PARTLY;
        List<String> listed = outside.stream().limit(LISTED_OUTSIDE)
                .map(t -> t + (t.beyondTolerance() ? "" : " (within 0.1/n)")).toList();
        return finding(c, v, List.of(countLine("statistics outside", outside.size(), allowed)), what + " outside their 95% intervals in " + outside.size() + " of " + tests.size()
                + " (" + chance + ")" + (outside.isEmpty() ? "" : ": " + listed
                        + (outside.size() > listed.size() ? " and " + (outside.size() - listed.size()) + " more" : "")));
    }

    /**
     * Claim 26: the baseline violates the property beyond chance (more T1/T2,k violations than
     * {@link MartingaleThresholds#of} allows) and the ablated model does not: reproduced; the ablated model still does, but
     * with fewer violations: partly; else refuted. When the baseline keeps the property there is nothing to restore:
     * not applicable.
     */
    public static Finding martingaleRestored(MartingaleMeasurements mm) {
        List<MartingaleMeasurements.Test> b = MartingaleMeasurements.tests(mm.baseline(), true);
        List<MartingaleMeasurements.Test> a = MartingaleMeasurements.tests(mm.ablated(), true);
        if (b.isEmpty() || a.isEmpty()) {
            return Finding.undetermined(Claim.MARTINGALE_RESTORED, "no martingale cell was run");
        }
        long vb = b.stream().filter(t -> !t.statistic().inside()).count();
        long va = a.stream().filter(t -> !t.statistic().inside()).count();
        MartingaleThresholds.Allowance chanceB = MartingaleThresholds.of(mm.baseline(), true);
        int allowedB = chanceB.allowed();
        int allowedA = MartingaleThresholds.of(mm.ablated(), true).allowed();
        boolean violated = vb > allowedB;
        Verdict v = !violated ? Verdict.NOT_APPLICABLE : va <= allowedA ? Verdict.REPRODUCED : va < vb ? Verdict.PARTLY
                : Verdict.REFUTED;
        return finding(Claim.MARTINGALE_RESTORED, v, java.util.Arrays.asList(countLine("violations as sampled", vb, allowedB),
                violated ? countLine("violations ablated", va, allowedA) : null,
                violated && va > allowedA ? countLine("violations ablated vs as sampled", va, vb - 1) : null), "T1, T2,k outside their intervals: " + vb + " of " + b.size()
                + " as sampled -> " + va + " of " + a.size() + " with " + mm.heads() + " ablated (" + chanceB + ")" + (violated ? "" : " (the property holds as sampled: nothing to restore, not applicable)"));
    }

    /** A count that passes up to {@code allowed}: its line is half-way to the first failing count, allowed + 0.5. */
    private static Margin countLine(String number, long count, long allowed) {
        return at(number, count, allowed + 0.5, Uncertainty.count(), null);
    }

    /** Each rule of this family in one line of words, for the verdict matrix and the CLI ({@link Rules#describe}). */
    static String describe(Claim c) {
        return switch (c) {
            case MARTINGALE, MARTINGALE_ABLATED -> "Falck, Wang and Holmes's martingale check: J paths of m symbols sampled "
                    + "from the model's P(X|{X,Y}) after re-permuted z_1:n, per (n, m, theta) cell; of every T1 and T2,k "
                    + "at most the " + CHANCE_QUANTILE + " quantile of Binomial(tests, " + num(1 - INTERVAL_LEVEL)
                    + ") outside the Beta-Bernoulli reference's " + pct(INTERVAL_LEVEL) + " intervals: reproduced; more, "
                    + "each within " + EXTRA_TOLERANCE + "/n of its interval: partly"
                    + (c == Claim.MARTINGALE_ABLATED ? "; the sweep's top two zero-ablated at hook_z at every step" : "");
            case BAYESIAN_UNCERTAINTY -> "claim 23's rule on T3 (the IQR of the paths' MLEs over their first n/2 samples) "
                    + "against the Beta-Bernoulli reference's interval";
            case MARTINGALE_RESTORED -> "T1/T2,k violations beyond chance as sampled and within chance with the top two "
                    + "ablated: reproduced; fewer but still beyond chance: partly; not applicable when the property holds as "
                    + "sampled";
            default -> throw new IllegalArgumentException("claim " + c.number() + " is not in this family");
        };
    }
}
