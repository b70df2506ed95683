package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.martingale.MartingaleCalibration;
import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.verdict.MartingaleRules;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The martingale rule's calibration record ({@code fixtures/martingale-calibration.json}): the grid, the null's
 * per-seed violation counts and their histogram, the false-alarm rate of the binomial rule, the calibrated
 * threshold (the null's 95% quantile) with its own false-alarm rate, and the switch chains' power at both
 * thresholds. Each rate with its exact (Clopper-Pearson) 95% interval over the seeds.
 */
public final class MartingaleCalibrationJson {

    public static final String PATH = "fixtures/martingale-calibration.json";

    private MartingaleCalibrationJson() {}

    /** @param power the switch-chain runs by stay probability */
    public static JsonObject of(MartingaleGrid grid, MartingaleCalibration.Counts nullCounts,
            Map<Double, MartingaleCalibration.Counts> power, String command) {
        JsonObject root = new JsonObject();
        root.addProperty("command", command);
        root.addProperty("method", "Each seed runs MartingaleCheck.run on every cell of the grid at that seed (as the "
                + "claims do at seed 14) and counts the T1/T2,k (and apart the T3) outside their 95% intervals. Null: "
                + "the Polya urn (Beta(1,1)-Bernoulli predictive continuing z_1:n, exchangeable). Calibrated threshold: "
                + "the smallest c with at least " + MartingaleCalibration.LEVEL + " of the null counts at most c. Power: "
                + "share of switch-chain seeds (each path continues its own permutation of z_1:n, repeating the last "
                + "symbol with probability stay) whose count exceeds the threshold.");
        JsonObject g = new JsonObject();
        JsonArray cells = new JsonArray();
        for (MartingaleResult.Cell c : grid.cells()) {
            JsonObject o = new JsonObject();
            o.addProperty("n", c.n());
            o.addProperty("m", c.m());
            o.addProperty("theta", c.theta());
            cells.add(o);
        }
        g.add("cells", cells);
        g.addProperty("paths", grid.paths());
        g.addProperty("replicates", grid.replicates());
        root.add("grid", g);

        int binomial = MartingaleRules.chanceViolations(nullCounts.tests());
        int calibrated = MartingaleCalibration.quantile(nullCounts.martingale());
        int binomialT3 = MartingaleRules.chanceViolations(nullCounts.t3Tests());
        int calibratedT3 = MartingaleCalibration.quantile(nullCounts.t3());
        JsonObject nul = counts("Polya urn", nullCounts);
        nul.addProperty("binomial_allowed", binomial);
        nul.add("binomial_false_alarm", rate(nullCounts.martingale(), binomial));
        nul.addProperty("calibrated_allowed", calibrated);
        nul.add("calibrated_false_alarm", rate(nullCounts.martingale(), calibrated));
        nul.addProperty("t3_binomial_allowed", binomialT3);
        nul.add("t3_binomial_false_alarm", rate(nullCounts.t3(), binomialT3));
        nul.addProperty("t3_calibrated_allowed", calibratedT3);
        nul.add("t3_calibrated_false_alarm", rate(nullCounts.t3(), calibratedT3));
        root.add("null", nul);

        JsonArray pw = new JsonArray();
        power.forEach((stay, c) -> {
            JsonObject o = counts("switch chain", c);
            o.addProperty("stay", stay);
            o.add("power_calibrated", rate(c.martingale(), calibrated));
            o.add("power_binomial", rate(c.martingale(), binomial));
            pw.add(o);
        });
        root.add("power", pw);
        return root;
    }

    private static JsonObject counts(String sampler, MartingaleCalibration.Counts c) {
        JsonObject o = new JsonObject();
        o.addProperty("sampler", sampler);
        o.addProperty("first_seed", c.firstSeed());
        o.addProperty("seeds", c.seeds());
        o.addProperty("tests", c.tests());
        o.addProperty("t3_tests", c.t3Tests());
        o.add("histogram", ints(MartingaleCalibration.histogram(c.martingale())));
        o.add("t3_histogram", ints(MartingaleCalibration.histogram(c.t3())));
        o.add("counts", ints(c.martingale().stream().mapToInt(Integer::intValue).toArray()));
        o.add("t3_counts", ints(c.t3().stream().mapToInt(Integer::intValue).toArray()));
        return o;
    }

    /** The share of counts above {@code allowed}, with its Clopper-Pearson 95% interval. */
    private static JsonObject rate(List<Integer> counts, int allowed) {
        int hits = (int) counts.stream().filter(c -> c > allowed).count();
        int n = counts.size();
        // Clopper-Pearson from Beta quantiles (Commons Math's ClopperPearsonInterval fails at 0 or n successes)
        double lo = hits == 0 ? 0 : new BetaDistribution(null, hits, n - hits + 1).inverseCumulativeProbability(0.025);
        double hi = hits == n ? 1 : new BetaDistribution(null, hits + 1, n - hits).inverseCumulativeProbability(0.975);
        JsonObject o = new JsonObject();
        o.addProperty("rate", MartingaleCalibration.exceeding(counts, allowed));
        o.addProperty("seeds_above", hits);
        o.addProperty("lo", lo);
        o.addProperty("hi", hi);
        return o;
    }

    private static JsonArray ints(int[] values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }
}
