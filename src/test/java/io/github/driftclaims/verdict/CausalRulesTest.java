package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PathPatching.Input;
import io.github.driftclaims.verdict.PathMeasurements.Route;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Claims 36 and 37's rules on hand-made numbers, each line exactly on its threshold where double arithmetic allows
 * (0.5 - 0.3 == 0.2, 0.2 - 0.1 == 0.1, 0.2 / 0.4 == 0.5, 0.2 / 0.8 == 0.25) and just off it.
 */
@DisplayName("Claims 36 and 37: the key path carries the drift, the drift heads alone carry most of it")
class CausalRulesTest {

    static final Head L0H0 = new Head(0, 0);
    static final Head L0H1 = new Head(0, 1);
    static final Head L1H1 = new Head(1, 1);
    static final List<Head> DRIFT_HEADS = List.of(L1H1, L0H0);

    /** Paths into L1H1 from L0H0 and L0H1, shares given as q, k, v per sender; gap 1 (LD 1 vs 0). */
    static PathMeasurements paths(double gap, double... qkvPerSender) {
        List<Route> routes = new ArrayList<>();
        Head[] senders = {L0H0, L0H1};
        for (int s = 0; s < qkvPerSender.length / 3; s++) {
            for (int i = 0; i < 3; i++) {
                routes.add(new Route(senders[s], L1H1, Input.RECEIVER.get(i), qkvPerSender[3 * s + i]));
            }
        }
        return new PathMeasurements(gap, 0, DRIFT_HEADS, routes);
    }

    static Verdict keyPath(PathMeasurements p) {
        return CausalRules.keyPath(p).verdict();
    }

    @Test
    @DisplayName("claim 36: a key path on top with a key sum 0.2 ahead is reproduced; a smaller lead partly; none refuted")
    void keyPathLines() {
        assertThat(0.5 - 0.3).isEqualTo(Thresholds.KEY_LEAD);
        assertThat(keyPath(paths(1, 0.3, 0.5, 0.0))).isEqualTo(Verdict.REPRODUCED);           // lead exactly 0.2
        assertThat(keyPath(paths(1, 0.31, 0.5, 0.0))).isEqualTo(Verdict.PARTLY);              // lead 0.19
        assertThat(keyPath(paths(1, 0.0, 0.5, 0.3))).isEqualTo(Verdict.REPRODUCED);           // v is the rival
        assertThat(keyPath(paths(1, 0.0, 0.5, 0.31))).isEqualTo(Verdict.PARTLY);
        assertThat(keyPath(paths(1, 0.5, 0.5, 0.0))).as("equal sums: no lead").isEqualTo(Verdict.REFUTED);
        assertThat(keyPath(paths(1, 0.6, 0.5, 0.0))).as("q carries more").isEqualTo(Verdict.REFUTED);
        assertThat(keyPath(paths(1, 0.0, 0.1, 0.6))).as("v carries more").isEqualTo(Verdict.REFUTED);
        // Signed sums: a q path pushing away offsets nothing of k's, and makes q's sum negative.
        assertThat(keyPath(paths(1, -1.3, 1.2, 0.0))).as("the q path is larger in |share|: k not on top")
                .isEqualTo(Verdict.PARTLY);
        assertThat(keyPath(paths(1, -0.9, 1.2, 0.0))).as("k on top, q's sum negative").isEqualTo(Verdict.REPRODUCED);
        // The key path on top must carry the gap's direction, and beat every other path, not only the other inputs.
        assertThat(keyPath(paths(1, 0.0, -0.8, 0.0, 0.0, 0.9, 0.0))).as("summed k 0.1: leads, top key path 0.9")
                .isEqualTo(Verdict.PARTLY);
        assertThat(keyPath(paths(1, 0.0, 0.5, 0.0, 0.0, 0.0, -0.5))).as("a key path tied with a |v| path: not on top; "
                + "key sum 0.5 vs v -0.5").isEqualTo(Verdict.PARTLY);
        assertThat(keyPath(paths(1, 0.0, 0.5, 0.0, 0.0, 0.0, -0.49))).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("claim 36: not applicable under a material gap, without a drift head in layer 1, or without a material path")
    void keyPathNotApplicable() {
        assertThat(keyPath(paths(Thresholds.MATERIAL_LOGIT_GAP, 0.3, 0.5, 0.0))).isEqualTo(Verdict.REPRODUCED);
        assertThat(keyPath(paths(0.39, 0.3, 0.5, 0.0))).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(keyPath(paths(-0.4, 0.3, 0.5, 0.0))).as("either sign of gap").isEqualTo(Verdict.REPRODUCED);
        assertThat(keyPath(paths(1, 0.0, Thresholds.MATERIAL_PATH_SHARE, 0.0))).isEqualTo(Verdict.PARTLY);
        assertThat(keyPath(paths(1, 0.0, 0.0999, 0.0))).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(keyPath(paths(1, -0.1, 0.0, 0.0))).as("a material path away from the patterned run counts")
                .isEqualTo(Verdict.REFUTED);
        assertThat(keyPath(new PathMeasurements(1, 0, List.of(L0H0, L0H1), List.of())))
                .isEqualTo(Verdict.NOT_APPLICABLE);
        Finding f = CausalRules.keyPath(new PathMeasurements(1, 0, List.of(L0H0, L0H1), List.of()));
        assertThat(f.reason()).contains("no drift head [L0H0, L0H1] reads an earlier layer");
        assertThat(CausalRules.keyPath(paths(1, 0.0, 0.05, 0.0)).reason())
                .contains("largest path L0H0 -> L1H1 k +0.0500 of the gap").contains("under 0.1");
    }

    @Test
    @DisplayName("claim 36: the reason names the largest path and the sums; the margin is the nearest line")
    void keyPathReasonAndMargin() {
        Finding f = CausalRules.keyPath(paths(2, 0.1, 0.7, 0.05, 0.0, -0.05, 0.0));
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.claim().number()).isEqualTo(36);
        assertThat(f.reason()).isEqualTo("into the drift heads [L1H1] (gap 2.0000): largest path L0H0 -> L1H1 k +0.7000 "
                + "of the gap; summed q +0.1000, k +0.6500, v +0.0500: k leads by +0.5500 vs 0.2");
        // Lines: gap 2 vs 0.4, top 0.7 vs 0.1, key edge 0.6 vs 0, lead 0.55 vs 0.2: the lead is the nearest.
        assertThat(f.margin().number()).isEqualTo("key sum's lead");
        assertThat(f.margin().margin()).isCloseTo(0.35, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.margin().numerical()).isPositive().isLessThan(1e-4);
        assertThat(f.fragile()).isFalse();
    }

    static Verdict sufficient(double full, double floor, double alone) {
        return CausalRules.driftHeadsSufficient(new SufficiencyMeasurements(DRIFT_HEADS, full, floor, alone)).verdict();
    }

    @Test
    @DisplayName("claim 37: half the spread alone, a material drift above the floor, is reproduced; a quarter partly")
    void sufficiencyLines() {
        assertThat(0.2 / 0.4).isEqualTo(Thresholds.SUFFICIENT_SHARE);
        assertThat(0.2 / 0.8).isEqualTo(Thresholds.PARTLY_SUFFICIENT_SHARE);
        assertThat(0.2 - 0.1).isEqualTo(Thresholds.MATERIAL_DRIFT);
        assertThat(sufficient(0.4, 0.1, 0.2)).isEqualTo(Verdict.REPRODUCED);   // exactly on both lines
        assertThat(sufficient(0.4, 0.11, 0.2)).as("0.09 above the floor").isEqualTo(Verdict.REFUTED);
        assertThat(sufficient(0.41, 0.1, 0.2)).as("faithfulness 48.8%").isEqualTo(Verdict.PARTLY);
        assertThat(sufficient(0.8, 0.1, 0.2)).as("exactly a quarter").isEqualTo(Verdict.PARTLY);
        assertThat(sufficient(0.8, 0.11, 0.2)).isEqualTo(Verdict.REFUTED);
        assertThat(sufficient(0.81, 0.1, 0.2)).as("faithfulness 24.7%").isEqualTo(Verdict.REFUTED);
        assertThat(sufficient(0.5, 0.4, 0.7)).as("alone above the full spread, 0.3 above the floor").isEqualTo(
                Verdict.REPRODUCED);
        assertThat(sufficient(0.9, 0.6, 0.65)).as("72% alone, but most of it is the floor's").isEqualTo(Verdict.REFUTED);
        assertThat(sufficient(Thresholds.MATERIAL_DRIFT, 0.0, 0.1)).isEqualTo(Verdict.REPRODUCED);
        assertThat(sufficient(0.0999, 0.0, 0.0999)).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("claim 37: the reason gives the three spreads and both lines; the margin is the nearest line")
    void sufficiencyReasonAndMargin() {
        Finding f = CausalRules.driftHeadsSufficient(new SufficiencyMeasurements(DRIFT_HEADS, 0.8, 0.1, 0.5));
        assertThat(f.claim().number()).isEqualTo(37);
        assertThat(f.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(f.reason()).isEqualTo("spread over the 20 orderings 0.8000; drift heads [L1H1, L0H0] alone 0.5000, "
                + "every head ablated (floor) 0.1000: faithfulness 62.5% vs 50.0% (partly 25.0%), 0.4000 above the floor "
                + "vs 0.1");
        // Lines: full 0.8 vs 0.1, faithfulness 0.625 vs 0.5, above the floor 0.4 vs 0.1: faithfulness is the nearest.
        assertThat(f.margin().number()).isEqualTo("faithfulness");
        Finding na = CausalRules.driftHeadsSufficient(new SufficiencyMeasurements(DRIFT_HEADS, 0.05, 0.01, 0.02));
        assertThat(na.reason()).contains("not applicable");
        assertThat(na.margin().number()).isEqualTo("spread over the 20 orderings");
        assertThat(Rules.describe(Claim.KEY_PATH)).contains("0.2").contains("0.4").contains("0.1");
        assertThat(Rules.describe(Claim.DRIFT_HEADS_SUFFICIENT)).contains("50.0%").contains("25.0%").contains("0.1");
    }
}
