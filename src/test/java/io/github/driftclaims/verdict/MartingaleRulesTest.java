package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.martingale.Interval;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.martingale.Statistic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Claims 23 to 26 on hand-made statistics, each rule at its edges: 16 martingale statistics (T1, T2,2..T2,5 in
 * four cells of n = 10), of which Binomial(16, 0.05)'s 95% quantile allows 2 outside their intervals by chance,
 * and the authors' band of 0.1 / n = 0.01 beyond an interval.
 */
@DisplayName("The martingale rules (claims 23 to 26) on hand-made statistics")
class MartingaleRulesTest {

    static final Interval UNIT = new Interval(0, 1);
    static final List<Head> HEADS = List.of(new Head(1, 1), new Head(0, 0));

    /** Four cells of 4 martingale statistics and one T3 each; the first {@code outside} lie {@code by} above 1. */
    static List<MartingaleResult> results(int outside, double by, int t3Outside) {
        List<MartingaleResult> out = new ArrayList<>();
        int k = 0;
        int t3 = 0;
        for (int cell = 0; cell < 4; cell++) {
            List<Statistic> s = new ArrayList<>();
            for (String name : List.of("T1", "T2,2", "T2,3", "T2,4")) {
                s.add(new Statistic(name, k++ < outside ? 1 + by : 0.5, UNIT, 0.5));
            }
            s.add(new Statistic("T3", t3++ < t3Outside ? 1.5 : 0.5, UNIT, 0.5));
            out.add(new MartingaleResult(new MartingaleResult.Cell(10, 20 + cell, 0.5), 14, 100, 100, 100, 100, 100, 0.5,
                    0.5, s));
        }
        return out;
    }

    static Verdict kept(int outside, double by) {
        return MartingaleRules.martingaleKept(Claim.MARTINGALE, results(outside, by, 0), "as sampled").verdict();
    }

    @Test
    @DisplayName("chance allows 2 of 16, 0 of none")
    void chance() {
        assertThat(MartingaleRules.chanceViolations(16)).isEqualTo(2);
        assertThat(MartingaleRules.chanceViolations(0)).isZero();
    }

    @Test
    @DisplayName("claim 23: 2 outside is chance (reproduced); 3 within 0.1/n partly; 3 with one beyond refuted")
    void kept() {
        assertThat(kept(0, 0)).isEqualTo(Verdict.REPRODUCED);
        assertThat(kept(2, 0.5)).isEqualTo(Verdict.REPRODUCED);
        assertThat(kept(3, 0.0099)).as("just inside the band").isEqualTo(Verdict.PARTLY);
        assertThat(kept(3, 0.0101)).isEqualTo(Verdict.REFUTED);
        assertThat(MartingaleRules.martingaleKept(Claim.MARTINGALE, List.of(), "as sampled").determined()).isFalse();
    }

    @Test
    @DisplayName("claim 25 reads T3 alone: the martingale statistics do not count")
    void bayesianUncertainty() {
        assertThat(MartingaleRules.bayesianUncertainty(new MartingaleMeasurements(HEADS, results(16, 1, 0), results(0, 0, 0)))
                .verdict()).isEqualTo(Verdict.REPRODUCED);
        Finding four = MartingaleRules.bayesianUncertainty(new MartingaleMeasurements(HEADS, results(0, 0, 4),
                results(0, 0, 0)));
        // 4 T3 statistics, Binomial(4, 0.05) allows 1 by chance; all 4 lie 0.5 above their intervals.
        assertThat(four.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(four.reason()).contains("in 4 of 4 (chance allows 1: Binomial(4, 0.05) quantile")
                .contains("no calibration for this design");
    }

    @Nested
    @DisplayName("claim 26: restoring the property")
    class Restored {

        Verdict restored(int before, int after) {
            return MartingaleRules.martingaleRestored(new MartingaleMeasurements(HEADS, results(before, 0.5, 0),
                    results(after, 0.5, 0))).verdict();
        }

        @Test
        @DisplayName("violated beyond chance as sampled (3) and within chance once ablated (2): reproduced")
        void reproduced() {
            assertThat(restored(3, 2)).isEqualTo(Verdict.REPRODUCED);
            assertThat(restored(16, 0)).isEqualTo(Verdict.REPRODUCED);
        }

        @Test
        @DisplayName("fewer violations but still beyond chance: partly; as many or more: refuted")
        void partlyOrRefuted() {
            assertThat(restored(5, 4)).isEqualTo(Verdict.PARTLY);
            assertThat(restored(5, 5)).isEqualTo(Verdict.REFUTED);
            assertThat(restored(3, 7)).isEqualTo(Verdict.REFUTED);
        }

        @Test
        @DisplayName("the property holds as sampled (2 of 16 is chance): nothing to restore, not applicable")
        void notApplicable() {
            assertThat(restored(2, 10)).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(restored(0, 0)).isEqualTo(Verdict.NOT_APPLICABLE);
        }
    }

    /**
     * One run of {@link io.github.driftclaims.martingale.MartingaleGrid#VERIFY} (J = 200, K = 300): T1 and
     * T2,2..T2,lags per cell as {@code PathStatistics.lags} gives them, the first {@code outside} 0.5 above their
     * intervals; {@code paths} other than 200 makes it another grid.
     */
    static List<MartingaleResult> verifyRun(int outside, int paths) {
        List<MartingaleResult> out = new ArrayList<>();
        int k = 0;
        for (MartingaleResult.Cell cell : io.github.driftclaims.martingale.MartingaleGrid.VERIFY.cells()) {
            List<Statistic> s = new ArrayList<>();
            s.add(new Statistic("T1", k++ < outside ? 1.5 : 0.5, UNIT, 0.5));
            for (int lag = 2; lag <= io.github.driftclaims.martingale.PathStatistics.lags(cell.m()); lag++) {
                s.add(new Statistic("T2," + lag, k++ < outside ? 1.5 : 0.5, UNIT, 0.5));
            }
            s.add(new Statistic("T3", 0.5, UNIT, 0.5));
            out.add(new MartingaleResult(cell, 14, paths, 300, paths, paths, paths, 0.5, 0.5, s));
        }
        return out;
    }

    @Nested
    @DisplayName("on the calibrated verify grid: chance allows the simulated null's 95% quantile")
    class Calibrated {

        final int allowed = MartingaleThresholds.VERIFY.martingaleAllowed();

        @Test
        @DisplayName("claim 23: the calibrated count outside is reproduced, one more refuted, and the finding names the record")
        void kept() {
            assertThat(MartingaleMeasurements.tests(verifyRun(0, 200), true)).hasSize(16);
            Finding at = MartingaleRules.martingaleKept(Claim.MARTINGALE, verifyRun(allowed, 200), "as sampled");
            assertThat(at.verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(at.reason()).contains("(chance allows " + allowed + ": the 95% quantile of a simulated martingale "
                    + "null on this design, " + MartingaleThresholds.RECORD + ")");
            assertThat(MartingaleRules.martingaleKept(Claim.MARTINGALE, verifyRun(allowed + 1, 200), "as sampled").verdict())
                    .isEqualTo(Verdict.REFUTED);
        }

        @Test
        @DisplayName("another J is another grid: the binomial (2 of 16) is the fallback, and the finding says so")
        void fallback() {
            Finding f = MartingaleRules.martingaleKept(Claim.MARTINGALE, verifyRun(3, 199), "as sampled");
            assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(f.reason()).contains("chance allows 2: Binomial(16, 0.05) quantile, assuming independent "
                    + "statistics: no calibration for this design");
            assertThat(MartingaleThresholds.of(verifyRun(0, 200).subList(0, 3), true).basis())
                    .as("three of the four cells").contains("no calibration");
            List<MartingaleResult> otherK = verifyRun(0, 200).stream().map(r -> new MartingaleResult(r.cell(), r.seed(),
                    r.paths(), 299, r.kept(), r.keptT3(), r.referenceKept(), r.observedMean(), r.pathMean(), r.statistics())).toList();
            assertThat(MartingaleThresholds.of(otherK, true).basis()).as("K = 299").contains("no calibration");
        }

        @Test
        @DisplayName("claim 25: on the calibrated grid chance allows 0 of 4 T3 (the binomial allowed 1): one outside is refuted")
        void t3() {
            assertThat(MartingaleThresholds.VERIFY.t3Allowed()).isZero();
            List<MartingaleResult> oneT3 = new ArrayList<>(verifyRun(0, 200));
            MartingaleResult first = oneT3.get(0);
            List<Statistic> s = new ArrayList<>(first.statistics());
            s.set(s.size() - 1, new Statistic("T3", 1.5, UNIT, 0.5));
            oneT3.set(0, new MartingaleResult(first.cell(), 14, 200, 300, 200, 200, 200, 0.5, 0.5, s));
            Finding f = MartingaleRules.bayesianUncertainty(new MartingaleMeasurements(HEADS, oneT3, oneT3));
            assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
            assertThat(f.reason()).contains("in 1 of 4 (chance allows 0: the 95% quantile of a simulated");
            assertThat(MartingaleRules.bayesianUncertainty(new MartingaleMeasurements(HEADS, verifyRun(16, 200), verifyRun(0, 200)))
                    .verdict()).as("T1/T2,k do not count for claim 25").isEqualTo(Verdict.REPRODUCED);
        }

        @Test
        @DisplayName("claim 26 reads the same threshold: one over it as sampled and at it once ablated is reproduced")
        void restored() {
            assertThat(MartingaleRules.martingaleRestored(new MartingaleMeasurements(HEADS, verifyRun(allowed + 1, 200),
                    verifyRun(allowed, 200))).verdict()).isEqualTo(Verdict.REPRODUCED);
            assertThat(MartingaleRules.martingaleRestored(new MartingaleMeasurements(HEADS, verifyRun(allowed, 200),
                    verifyRun(16, 200))).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        }
    }

    /** One run of {@code design}: every cell at each of its seeds, every statistic inside. */
    static List<MartingaleResult> designRun(io.github.driftclaims.martingale.MartingaleGrid design) {
        List<MartingaleResult> out = new ArrayList<>();
        for (MartingaleResult.Cell cell : design.cells()) {
            for (long seed : design.seeds()) {
                List<Statistic> s = new ArrayList<>();
                s.add(new Statistic("T1", 0.5, UNIT, 0.5));
                s.add(new Statistic("T3", 0.5, UNIT, 0.5));
                out.add(new MartingaleResult(cell, seed, design.paths(), design.replicates(), design.paths(),
                        design.paths(), design.paths(), 0.5, 0.5, s));
            }
        }
        return out;
    }

    @Nested
    @DisplayName("with several observed sequences per cell")
    class SeveralSequences {

        final io.github.driftclaims.martingale.MartingaleGrid full = io.github.driftclaims.martingale.MartingaleGrid.TOY_FULL;
        final MartingaleThresholds.Calibration calibration = MartingaleThresholds.Calibration.of(full, 9, 4, "test");

        @Test
        @DisplayName("a calibration covers a run with every cell at its design's number of distinct seeds, and nothing else")
        void covers() {
            List<MartingaleResult> run = designRun(full);
            assertThat(full.sequences()).isEqualTo(10);
            assertThat(run).hasSize(18 * 10);
            assertThat(calibration.covers(run)).isTrue();
            assertThat(calibration.covers(run.subList(0, run.size() - 1))).as("one sequence short").isFalse();
            List<MartingaleResult> repeated = new ArrayList<>(run);
            MartingaleResult last = run.get(run.size() - 1);
            repeated.set(run.size() - 1, new MartingaleResult(last.cell(), last.seed() - 1, last.paths(),
                    last.replicates(), last.kept(), last.keptT3(), last.referenceKept(), 0.5, 0.5, last.statistics()));
            assertThat(calibration.covers(repeated)).as("a seed twice in one cell").isFalse();
            assertThat(calibration.covers(designRun(full.startingAt(500)))).as("other seeds, the same design").isTrue();
            assertThat(MartingaleThresholds.Calibration.of(io.github.driftclaims.martingale.MartingaleGrid.VERIFY, 3, 0,
                    "test").covers(designRun(full))).isFalse();
        }

        @Test
        @DisplayName("a run of the toy full design reads its own calibrated allowance, from the full record")
        void fullDesignIsCalibrated() {
            MartingaleThresholds.Allowance a = MartingaleThresholds.of(designRun(full), true);
            assertThat(a.allowed()).isEqualTo(MartingaleThresholds.FULL.martingaleAllowed());
            assertThat(a.basis()).contains(MartingaleThresholds.FULL_RECORD);
            assertThat(MartingaleThresholds.of(designRun(full), false).allowed())
                    .isEqualTo(MartingaleThresholds.FULL.t3Allowed());
            assertThat(MartingaleThresholds.of(designRun(new io.github.driftclaims.martingale.MartingaleGrid(full.cells(),
                    full.paths(), full.replicates(), 14, 9)), true).basis()).as("9 sequences").contains("no calibration");
        }

        @Test
        @DisplayName("every statistic of every sequence counts once, and the finding names the sequence of each one outside")
        void pooled() {
            List<MartingaleResult> run = designRun(full);
            assertThat(MartingaleMeasurements.tests(run, true)).hasSize(180);
            assertThat(MartingaleMeasurements.tests(run, false)).hasSize(180);
            MartingaleResult r = run.get(3);
            run.set(3, new MartingaleResult(r.cell(), r.seed(), r.paths(), r.replicates(), r.kept(), r.keptT3(),
                    r.referenceKept(), 0.5, 0.5, List.of(new Statistic("T1", 1.5, UNIT, 0.5),
                            new Statistic("T3", 0.5, UNIT, 0.5))));
            Finding f = MartingaleRules.martingaleKept(Claim.MARTINGALE, run, "as sampled");
            assertThat(f.reason()).contains("in 1 of 180").contains("T1 at " + r.cell() + ", seed " + r.seed() + ":");
        }
    }
}
