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
 * thresholds. Each rate with its exact (Clopper-Pearson) 95% interval over the runs of the design.
 */
public final class MartingaleCalibrationJson {

    /** The verify design's record ({@link MartingaleGrid#VERIFY}) and the toy models' full design's. */
    public static final String PATH = "fixtures/martingale-calibration.json";
    public static final String FULL_PATH = "fixtures/martingale-calibration-full.json";

    private MartingaleCalibrationJson() {}

    /** @param power the switch-chain runs by stay probability */
    public static JsonObject of(MartingaleGrid grid, MartingaleCalibration.Counts nullCounts,
            Map<Double, MartingaleCalibration.Counts> power, String command) {
        JsonObject root = new JsonObject();
        root.addProperty("command", command);
        root.addProperty("method", "Each run of the design runs MartingaleCheck.run on every cell at each of its "
                + "sequences' seeds (MartingaleGrid.run, as the claims do at seeds 14 onwards; run r uses seeds first + r "
                + "* sequences onwards) and counts the T1/T2,k (and apart the T3) outside their 95% intervals, pooled over "
                + "cells and sequences; every path set (the sampler's and each reference set) passes the same outlier "
                + "filter. Null: "
                + "the Polya urn (Beta(1,1)-Bernoulli predictive continuing z_1:n, exchangeable). Calibrated threshold: "
                + "the smallest c with at least " + MartingaleCalibration.LEVEL + " of the null counts at most c. Power: "
                + "share of switch-chain runs (each path continues its own permutation of z_1:n, repeating the last "
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
        g.addProperty("sequences", grid.sequences());
        root.add("grid", g);

        if (grid.sequences() > 1) {
            return several(root, grid.sequences(), nullCounts, power);
        }
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

    /** Bootstrap resamples behind a convolved rate's interval, and their fixed seed. */
    static final int BOOTSTRAP = 1000;
    static final int BOOTSTRAP_SEED = 20261206;

    /**
     * A design with several sequences per cell: the counts are per sequence; the design's threshold, false-alarm rates
     * and power come from {@link MartingaleCalibration#threshold} (the convolution of the sequences, or whole runs
     * where there are 200), and the whole runs the sequences make up are listed beside them as a check.
     */
    private static JsonObject several(JsonObject root, int sequences, MartingaleCalibration.Counts nullCounts,
            Map<Double, MartingaleCalibration.Counts> power) {
        MartingaleCalibration.Threshold th = MartingaleCalibration.threshold(nullCounts.martingale(), sequences);
        MartingaleCalibration.Threshold th3 = MartingaleCalibration.threshold(nullCounts.t3(), sequences);
        int binomial = MartingaleRules.chanceViolations(nullCounts.tests() * sequences);
        int binomialT3 = MartingaleRules.chanceViolations(nullCounts.t3Tests() * sequences);
        JsonObject nul = counts("Polya urn", nullCounts);
        nul.addProperty("counts_are", "per observed sequence (one seed, every cell); a run of the design sums "
                + sequences + " of them");
        nul.addProperty("design_tests", nullCounts.tests() * sequences);
        nul.addProperty("design_t3_tests", nullCounts.t3Tests() * sequences);
        nul.addProperty("calibrated_from", th.fromWholeRuns() ? "whole runs" : "convolution of " + nullCounts.runs()
                + " sequences (a run's count is the sum of " + sequences + " independent sequences' counts)");
        nul.add("convolved", doubles(MartingaleCalibration.convolved(nullCounts.martingale(), sequences)));
        nul.add("t3_convolved", doubles(MartingaleCalibration.convolved(nullCounts.t3(), sequences)));
        nul.addProperty("binomial_allowed", binomial);
        nul.add("binomial_false_alarm", designRate(nullCounts.martingale(), sequences, binomial, th.fromWholeRuns()));
        nul.addProperty("calibrated_allowed", th.allowed());
        nul.add("calibrated_false_alarm", designRate(nullCounts.martingale(), sequences, th.allowed(),
                th.fromWholeRuns()));
        nul.addProperty("t3_binomial_allowed", binomialT3);
        nul.add("t3_binomial_false_alarm", designRate(nullCounts.t3(), sequences, binomialT3, th3.fromWholeRuns()));
        nul.addProperty("t3_calibrated_allowed", th3.allowed());
        nul.add("t3_calibrated_false_alarm", designRate(nullCounts.t3(), sequences, th3.allowed(),
                th3.fromWholeRuns()));
        MartingaleCalibration.Counts runs = nullCounts.grouped(sequences);
        JsonObject whole = counts("Polya urn", runs);
        whole.add("calibrated_false_alarm", rate(runs.martingale(), th.allowed()));
        whole.add("t3_calibrated_false_alarm", rate(runs.t3(), th3.allowed()));
        nul.add("whole_runs", whole);
        root.add("null", nul);

        JsonArray pw = new JsonArray();
        power.forEach((stay, c) -> {
            JsonObject o = counts("switch chain", c);
            o.addProperty("stay", stay);
            o.add("power_calibrated", designRate(c.martingale(), sequences, th.allowed(), false));
            o.add("power_binomial", designRate(c.martingale(), sequences, binomial, false));
            MartingaleCalibration.Counts r = c.grouped(sequences);
            JsonObject w = counts("switch chain", r);
            w.add("power_calibrated", rate(r.martingale(), th.allowed()));
            o.add("whole_runs", w);
            pw.add(o);
        });
        root.add("power", pw);
        return root;
    }

    /**
     * The share of a design's runs above {@code allowed}: over whole runs with its Clopper-Pearson interval, or under
     * the convolution of the per-sequence counts with a percentile interval over {@link #BOOTSTRAP} resamples of the
     * sequences.
     */
    private static JsonObject designRate(List<Integer> perSequence, int sequences, int allowed, boolean wholeRuns) {
        if (wholeRuns) {
            return rate(new MartingaleCalibration.Counts(0, 1, perSequence, perSequence, 0, 0).grouped(sequences)
                    .martingale(), allowed);
        }
        double[] boot = new double[BOOTSTRAP];
        org.apache.commons.math3.random.RandomGenerator rng =
                new org.apache.commons.math3.random.Well19937c(BOOTSTRAP_SEED);
        for (int b = 0; b < BOOTSTRAP; b++) {
            List<Integer> resample = new java.util.ArrayList<>(perSequence.size());
            for (int i = 0; i < perSequence.size(); i++) {
                resample.add(perSequence.get(rng.nextInt(perSequence.size())));
            }
            boot[b] = MartingaleCalibration.exceeding(MartingaleCalibration.convolved(resample, sequences), allowed);
        }
        org.apache.commons.math3.stat.descriptive.rank.Percentile p = new org.apache.commons.math3.stat.descriptive
                .rank.Percentile().withEstimationType(org.apache.commons.math3.stat.descriptive.rank.Percentile
                .EstimationType.R_7);
        JsonObject o = new JsonObject();
        o.addProperty("rate", MartingaleCalibration.exceeding(MartingaleCalibration.convolved(perSequence, sequences),
                allowed));
        o.addProperty("from", "convolution");
        o.addProperty("lo", p.evaluate(boot, 2.5));
        o.addProperty("hi", p.evaluate(boot, 97.5));
        return o;
    }

    private static JsonArray doubles(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static JsonObject counts(String sampler, MartingaleCalibration.Counts c) {
        JsonObject o = new JsonObject();
        o.addProperty("sampler", sampler);
        o.addProperty("first_seed", c.firstSeed());
        o.addProperty("sequences", c.sequences());
        o.addProperty("runs", c.runs());
        o.addProperty("tests", c.tests());
        o.addProperty("t3_tests", c.t3Tests());
        o.add("histogram", ints(MartingaleCalibration.histogram(c.martingale())));
        o.add("t3_histogram", ints(MartingaleCalibration.histogram(c.t3())));
        o.add("counts", ints(c.martingale().stream().mapToInt(Integer::intValue).toArray()));
        o.add("t3_counts", ints(c.t3().stream().mapToInt(Integer::intValue).toArray()));
        return o;
    }

    /** The share of counts above {@code allowed}, with its Clopper-Pearson 95% interval over the runs. */
    private static JsonObject rate(List<Integer> counts, int allowed) {
        int hits = (int) counts.stream().filter(c -> c > allowed).count();
        int n = counts.size();
        // Clopper-Pearson from Beta quantiles (Commons Math's ClopperPearsonInterval fails at 0 or n successes)
        double lo = hits == 0 ? 0 : new BetaDistribution(null, hits, n - hits + 1).inverseCumulativeProbability(0.025);
        double hi = hits == n ? 1 : new BetaDistribution(null, hits + 1, n - hits).inverseCumulativeProbability(0.975);
        JsonObject o = new JsonObject();
        o.addProperty("rate", MartingaleCalibration.exceeding(counts, allowed));
        o.addProperty("runs_above", hits);
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
