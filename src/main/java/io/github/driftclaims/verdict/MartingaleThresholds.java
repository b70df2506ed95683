package io.github.driftclaims.verdict;

import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.martingale.MartingaleResult;
import java.util.HashSet;
import java.util.List;

/**
 * How many statistics outside their intervals chance allows in claims 23 to 26 (issue 27). On a grid that has a
 * calibration, the 95% quantile of the count under a simulated martingale null (a Polya urn run through the same
 * pipeline over many seeds: {@code martingale.MartingaleCalibration}); elsewhere the older Binomial(N, 0.05)
 * quantile ({@link MartingaleRules#chanceViolations(int)}), which assumes independent statistics at exact coverage and says
 * so in the finding.
 */
public final class MartingaleThresholds {

    /** The record the calibrated numbers come from, written by {@code cli.CalibrateMartingale}. */
    public static final String RECORD = "fixtures/martingale-calibration.json";

    /**
     * A grid's calibrated thresholds.
     *
     * @param martingaleAllowed T1/T2,k outside their intervals that chance allows over the whole grid
     * @param t3Allowed T3s outside that chance allows
     */
    public record Calibration(List<MartingaleResult.Cell> cells, int paths, int replicates, int martingaleAllowed,
            int t3Allowed) {

        public Calibration {
            cells = List.copyOf(cells);
        }

        /** The results are one run of this grid: the same cells (in any order), J and K. */
        boolean covers(List<MartingaleResult> results) {
            List<MartingaleResult.Cell> got = results.stream().map(MartingaleResult::cell).toList();
            return got.size() == cells.size() && new HashSet<>(got).equals(new HashSet<>(cells))
                    && results.stream().allMatch(r -> r.paths() == paths && r.replicates() == replicates);
        }
    }

    /**
     * {@link MartingaleGrid#VERIFY}'s, from {@link #RECORD} (2026-12-06; null: Polya urn, seeds 1000-1199; a test
     * checks that this constant and the record agree): 3 of 16 T1/T2,k (the binomial's 2 is exceeded in 24 of 200
     * null runs, 12%; 3 in 9, 4.5%), and 0 of 4 T3 (T3 over-covers: 7 of 800 outside, so 0 is exceeded in 3.5%).
     */
    public static final Calibration VERIFY = new Calibration(MartingaleGrid.VERIFY.cells(), MartingaleGrid.PATHS,
            MartingaleGrid.REPLICATES, 3, 0);

    static final List<Calibration> CALIBRATED = List.of(VERIFY);

    private MartingaleThresholds() {}

    /** How many violations chance allows and on what that rests, for a finding's text. */
    public record Allowance(int allowed, String basis) {

        @Override
        public String toString() {
            return "chance allows " + allowed + ": " + basis;
        }
    }

    /** For the T1/T2,k ({@code martingale}) or T3 statistics of one run of a grid. */
    public static Allowance of(List<MartingaleResult> results, boolean martingale) {
        for (Calibration c : CALIBRATED) {
            if (c.covers(results)) {
                return new Allowance(martingale ? c.martingaleAllowed() : c.t3Allowed(),
                        "the 95% quantile of a simulated martingale null on this grid, " + RECORD);
            }
        }
        int tests = MartingaleMeasurements.tests(results, martingale).size();
        return new Allowance(MartingaleRules.chanceViolations(tests), "Binomial(" + tests
                + ", 0.05) quantile, assuming independent statistics: no calibration for this grid");
    }
}
