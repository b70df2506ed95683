package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.martingale.Statistic;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers claims 23 to 26 read: the martingale check on one model over a grid of (n, m, theta) cells, as
 * sampled and with the drift heads zero-ablated at hook_z at every step.
 *
 * @param heads the heads ablated (the sweep's top two)
 * @param baseline one result per cell and observed sequence
 * @param ablated one result per cell and observed sequence, in the same order
 */
public record MartingaleMeasurements(List<Head> heads, List<MartingaleResult> baseline, List<MartingaleResult> ablated) {

    public MartingaleMeasurements {
        heads = List.copyOf(heads);
        baseline = List.copyOf(baseline);
        ablated = List.copyOf(ablated);
    }

    public static MartingaleMeasurements of(io.github.driftclaims.martingale.MartingaleExperiment e) {
        return new MartingaleMeasurements(e.heads(), e.baseline(), e.ablated());
    }

    /** A statistic of a cell at one observed sequence (its seed), for a rule's tally. */
    public record Test(MartingaleResult.Cell cell, long seed, Statistic statistic) {

        /** Outside by more than {@link Thresholds#EXTRA_TOLERANCE} / n: beyond the authors' acceptable band. */
        public boolean beyondTolerance() {
            return statistic.interval().excess(statistic.value()) > Thresholds.EXTRA_TOLERANCE / cell.n();
        }

        @Override
        public String toString() {
            return statistic.name() + " at " + cell + ", seed " + seed + ": " + Rules.num(statistic.value()) + " vs ["
                    + Rules.num(statistic.interval().lo()) + ", " + Rules.num(statistic.interval().hi()) + "]";
        }
    }

    /** Every T1 and T2,k (martingale = true) or every T3 (false) of these results: every cell, every sequence. */
    public static List<Test> tests(List<MartingaleResult> results, boolean martingale) {
        List<Test> out = new ArrayList<>();
        for (MartingaleResult r : results) {
            for (Statistic s : r.statistics()) {
                if (s.martingale() == martingale) {
                    out.add(new Test(r.cell(), r.seed(), s));
                }
            }
        }
        return out;
    }
}
