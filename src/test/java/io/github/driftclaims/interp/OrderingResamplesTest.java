package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sampling spreads behind the verdicts' margins, on hand-made readouts. */
@DisplayName("The sampling spreads of the deciding numbers over resampled prompt sets")
class OrderingResamplesTest {

    /** Readouts with these P(X | {X,Y}) and a Bayes prediction of 0.5. */
    static DriftResult pX(double... p) {
        List<Readout> rows = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            rows.add(new Readout("o" + i, "X Y", 1, 1, 0.5, 0.5, 0, 0, 0, p[i], 1 - p[i], p[i], 1 - p[i]));
        }
        return DriftResult.of(rows);
    }

    @Test
    @DisplayName("over the four triples of four orderings, the drift's spread is the population std of the triples' drifts")
    void triples() {
        // triples {0,1,2} {0,1,3} {0,2,3} {1,2,3} of 0.1 0.2 0.4 0.5: drifts 0.3, 0.4, 0.4, 0.3
        DriftResult base = pX(0.1, 0.2, 0.4, 0.5);
        DriftResult flat = pX(0.3, 0.3, 0.3, 0.3);
        OrderingResamples.Triples t = OrderingResamples.Triples.of(base, flat, base, flat);
        assertThat(t.drift()).isCloseTo(0.05, within(1e-12));
        assertThat(t.topHeadShare()).as("flat ablated: every triple's share is 1").isCloseTo(0, within(1e-12));
        assertThat(t.top2Share()).as("unchanged: every share is 0").isCloseTo(0, within(1e-12));
        assertThat(t.top2Drift()).isCloseTo(0.05, within(1e-12));
        // MAEs to 0.5 per triple: (0.4+0.3+0.1)/3, (0.4+0.3+0)/3, (0.4+0.1+0)/3, (0.3+0.1+0)/3
        double[] mae = {0.8 / 3, 0.7 / 3, 0.5 / 3, 0.4 / 3};
        double m = (mae[0] + mae[1] + mae[2] + mae[3]) / 4;
        double ss = 0;
        for (double x : mae) {
            ss += (x - m) * (x - m);
        }
        assertThat(t.top2Mae()).isCloseTo(Math.sqrt(ss / 4), within(1e-12));
    }

    @Test
    @DisplayName("the jackknife's standard error of a share: 0 when every leave-one-out share is the same")
    void jackknife() {
        assertThat(OrderingResamples.jackknifeShare(pX(0.1, 0.5, 0.3), pX(0.2, 0.4, 0.3))).isCloseTo(0, within(1e-12));
        // leave out each of 0.1 0.5 0.3 (ablated 0.3 0.3 0.2): drifts 0.2/0.1, 0.2/0.1, 0.4/0.0 -> shares 0.5, 0.5, 1
        double se = OrderingResamples.jackknifeShare(pX(0.1, 0.5, 0.3), pX(0.3, 0.3, 0.2));
        double mean = 2.0 / 3;
        double pop = Math.sqrt((2 * Math.pow(0.5 - mean, 2) + Math.pow(1 - mean, 2)) / 3);
        assertThat(se).isCloseTo(Math.sqrt(2) * pop, within(1e-12));
    }

    @Test
    @DisplayName("the bootstrap is seeded, and a sweep whose orderings agree has no spread")
    void bootstrap() {
        LaterCells.Count same = new LaterCells.Count(3, 10, 0.4, 0.3, Collections.nCopies(10, 0.6),
                Collections.nCopies(10, 0.45));
        LaterCells.Count varied = new LaterCells.Count(5, 10, 0.5, 0.5, List.of(0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6,
                0.5, 0.5), List.of(0.4, 0.6, 0.45, 0.55, 0.5, 0.5, 0.48, 0.52, 0.5, 0.5));
        OrderingResamples.Bootstrap flat = OrderingResamples.Bootstrap.of(LaterCells.EvidenceSweep.of(List.of(same)));
        assertThat(flat.maeDrop()).isZero();
        assertThat(flat.factor().get(0)).as("ablated std 0 in every replicate: no factor").isNaN();
        OrderingResamples.Bootstrap b = OrderingResamples.Bootstrap.of(LaterCells.EvidenceSweep.of(List.of(same, varied)));
        assertThat(b.factor().get(1)).isPositive();
        assertThat(b.maeDrop()).isPositive();
        assertThat(OrderingResamples.Bootstrap.of(LaterCells.EvidenceSweep.of(List.of(same, varied)))).isEqualTo(b);
    }
}
