package io.github.driftclaims.verdict;

import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.martingale.MartingaleResult;
import java.util.List;

/**
 * How many statistics outside their intervals chance allows in claims 23 to 26 (issue 27). On a grid that has a
 * calibration, the 95% quantile of the count under a simulated martingale null (a Polya urn run through the same
 * pipeline over many seeds: {@code martingale.MartingaleCalibration}); elsewhere the older Binomial(N, 0.05)
 * quantile ({@link MartingaleRules#chanceViolations(int)}), which assumes independent statistics at exact coverage and says
 * so in the finding.
 */
public final class MartingaleThresholds {

    /** The records the calibrated numbers come from, written by {@code cli.CalibrateMartingale}. */
    public static final String RECORD = "fixtures/martingale-calibration.json";
    public static final String FULL_RECORD = "fixtures/martingale-calibration-full.json";

    /**
     * A grid's calibrated thresholds.
     *
     * @param sequences observed sequences per cell
     * @param martingaleAllowed T1/T2,k outside their intervals that chance allows over the whole design (every cell,
     *     every sequence)
     * @param t3Allowed T3s outside that chance allows
     */
    public record Calibration(List<MartingaleResult.Cell> cells, int paths, int replicates, int sequences,
            int martingaleAllowed, int t3Allowed, String record) {

        public Calibration {
            cells = List.copyOf(cells);
        }

        /** This design's calibration, with its thresholds. */
        static Calibration of(MartingaleGrid design, int martingaleAllowed, int t3Allowed, String record) {
            return new Calibration(design.cells(), design.paths(), design.replicates(), design.sequences(),
                    martingaleAllowed, t3Allowed, record);
        }

        /**
         * The results are one run of this design: the same cells (in any order), each at {@code sequences} distinct
         * seeds, with its J and K.
         */
        boolean covers(List<MartingaleResult> results) {
            if (results.size() != cells.size() * sequences
                    || !results.stream().allMatch(r -> r.paths() == paths && r.replicates() == replicates)) {
                return false;
            }
            for (MartingaleResult.Cell c : cells) {
                if (results.stream().filter(r -> r.cell().equals(c)).map(MartingaleResult::seed).distinct().count()
                        != sequences) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@link MartingaleGrid#VERIFY}'s (one sequence per cell), from {@link #RECORD} (2026-12-06, re-run with both sides
     * outlier-filtered; null: Polya urn, seeds 1000-1199; a test checks that this constant and the record agree): 3 of
     * 16 T1/T2,k (the binomial's 2 is exceeded in 24 of 200 null runs, 12%; 3 in 7, 3.5%) and 0 of 4 T3 (9 of 200,
     * 4.5%). The same thresholds as the one-sided pipeline's.
     */
    public static final Calibration VERIFY = Calibration.of(MartingaleGrid.VERIFY, 3, 0, RECORD);

    /**
     * {@link MartingaleGrid#TOY_FULL}'s (-Pmartingale on the toy models: 18 cells, 10 sequences each, 660 T1/T2,k and
     * 180 T3 per run), from {@link #FULL_RECORD} (2026-12-06; null: Polya urn, 200 sequences from seed 1000, the run's
     * distribution their 10-fold convolution; a test checks that this constant and the record agree): 54 of 660
     * T1/T2,k (false-alarm rate 4.8%, bootstrap 1.4-11.4%; the binomial's 42 has 33%) and 3 of 180 T3 (2.7%). attn-only-2l's
     * full grid (n 20/50/100) has no calibration and keeps the binomial.
     */
    public static final Calibration FULL = Calibration.of(MartingaleGrid.TOY_FULL, 54, 3, FULL_RECORD);

    static final List<Calibration> CALIBRATED = List.of(VERIFY, FULL);

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
                        "the 95% quantile of a simulated martingale null on this design, " + c.record());
            }
        }
        int tests = MartingaleMeasurements.tests(results, martingale).size();
        return new Allowance(MartingaleRules.chanceViolations(tests), "Binomial(" + tests
                + ", 0.05) quantile, assuming independent statistics: no calibration for this design");
    }
}
