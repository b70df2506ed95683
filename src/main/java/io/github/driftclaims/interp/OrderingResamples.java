package io.github.driftclaims.interp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sampling spreads of the verdicts' deciding numbers over other prompt sets with the same counts (QUALITY.md, "Margins
 * and fragile verdicts"): every number here is the population standard deviation of a deciding number recomputed on
 * each resampled set, so a verdict's margin can be read against it.
 */
public final class OrderingResamples {

    /** Claims 12 and 13's bootstrap: replicates and seed, fixed with the method. */
    public static final int BOOTSTRAP = 200;
    public static final long BOOTSTRAP_SEED = 27;

    private OrderingResamples() {}

    /**
     * Claims 4, 6, 7, 8 over the C(20,3) = 1140 triples of the 20 orderings of 3X/3Y (the notebook's three are one):
     * the spread of each deciding number.
     *
     * @param drift baseline drift (max - min over the triple)
     * @param topHeadShare share of it removed by the top head
     * @param top2Share share removed by the top two
     * @param top3Share share removed by the top three
     * @param top2Drift drift with the top two ablated
     * @param top2Mae MAE to Beta(1,1) with the top two ablated
     * @param top2MaeFall share of the MAE to Beta(1,1) that the top-two ablation removes (claim 8's direction)
     */
    public record Triples(double drift, double topHeadShare, double top2Share, double top3Share, double top2Drift,
            double top2Mae, double top2MaeFall) {

        /**
         * @param base, top1, top2, top3 the 20 orderings read at baseline and with the sweep's top one, two and three
         *     heads zero-ablated, rows in the same order
         */
        public static Triples of(DriftResult base, DriftResult top1, DriftResult top2, DriftResult top3) {
            int n = base.rows().size();
            List<double[]> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    for (int k = j + 1; k < n; k++) {
                        int[] t = {i, j, k};
                        double d = OrderingResamples.drift(base, t);
                        values.add(new double[] {d, share(d, OrderingResamples.drift(top1, t)), share(d, OrderingResamples.drift(top2, t)),
                                share(d, OrderingResamples.drift(top3, t)), OrderingResamples.drift(top2, t), mae(top2, t),
                                share(mae(base, t), mae(top2, t))});
                    }
                }
            }
            double[] s = new double[7];
            for (int c = 0; c < s.length; c++) {
                int col = c;
                s[c] = std(values.stream().mapToDouble(v -> v[col]).toArray());
            }
            return new Triples(s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
        }
    }

    /**
     * Claims 12 and 13's bootstrap over the evidence sweep's orderings: within each count its orderings resampled with
     * replacement, {@link #BOOTSTRAP} times from {@link #BOOTSTRAP_SEED}.
     *
     * @param maeDrop spread of claim 12's drop, 1 - MAE ablated / MAE baseline
     * @param factor per count (in the sweep's order), spread of claim 13's factor baseline std / ablated std over the
     *     replicates that have one (ablated std above 0); NaN where fewer than two do
     */
    public record Bootstrap(double maeDrop, List<Double> factor) {

        public Bootstrap {
            factor = List.copyOf(factor);
        }

        public static Bootstrap of(LaterCells.EvidenceSweep sweep) {
            SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
            List<LaterCells.Count> counts = sweep.counts();
            double[] drops = new double[BOOTSTRAP];
            double[][] factors = new double[counts.size()][BOOTSTRAP];
            for (int r = 0; r < BOOTSTRAP; r++) {
                double b = 0;
                double a = 0;
                for (int c = 0; c < counts.size(); c++) {
                    LaterCells.Count count = counts.get(c);
                    int size = count.baseline().size();
                    List<Double> rb = new ArrayList<>();
                    List<Double> ra = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        int pick = rng.nextInt(size); // the same ordering in both settings: a paired resample
                        rb.add(count.baseline().get(pick));
                        ra.add(count.ablated().get(pick));
                    }
                    b += Math.abs(LaterCells.mean(rb) - count.bayes());
                    a += Math.abs(LaterCells.mean(ra) - count.bayes());
                    double sa = LaterCells.sampleStd(ra);
                    factors[c][r] = sa == 0 ? Double.NaN : LaterCells.sampleStd(rb) / sa;
                }
                drops[r] = b == 0 ? 0 : (b - a) / b;
            }
            List<Double> f = new ArrayList<>();
            for (int c = 0; c < counts.size(); c++) {
                // A replicate whose ablated std is 0 has no factor; with fewer than two factors there is no spread.
                double[] finite = java.util.Arrays.stream(factors[c]).filter(Double::isFinite).toArray();
                f.add(finite.length < 2 ? Double.NaN : std(finite));
            }
            return new Bootstrap(std(drops), f);
        }
    }

    /**
     * Claim 14's jackknife over the 5 orderings of X X X X Y: the share of the 4X/1Y drift removed, recomputed with each
     * ordering left out; the jackknife standard error sqrt((n - 1) / n sum (s_i - s_mean)^2).
     */
    public static double jackknifeShare(DriftResult base, DriftResult ablated) {
        int n = base.rows().size();
        double[] s = new double[n];
        for (int out = 0; out < n; out++) {
            int[] keep = new int[n - 1];
            for (int i = 0, k = 0; i < n; i++) {
                if (i != out) {
                    keep[k++] = i;
                }
            }
            s[out] = share(drift(base, keep), drift(ablated, keep));
        }
        return Math.sqrt(n - 1) * std(s);
    }

    static double drift(DriftResult r, int[] rows) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i : rows) {
            max = Math.max(max, r.rows().get(i).pXNorm());
            min = Math.min(min, r.rows().get(i).pXNorm());
        }
        return max - min;
    }

    static double mae(DriftResult r, int[] rows) {
        double sum = 0;
        for (int i : rows) {
            sum += Math.abs(r.rows().get(i).pXNorm() - r.rows().get(i).bayesPX());
        }
        return sum / rows.length;
    }

    static double share(double before, double after) {
        return before == 0 ? 0 : (before - after) / before;
    }

    /** Population std; 0 for fewer than two values. */
    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = java.util.Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / v.length);
    }
}
