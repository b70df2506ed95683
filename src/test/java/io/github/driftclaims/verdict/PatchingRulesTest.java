package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Claims 28 and 29's rules on hand-made numbers. */
@DisplayName("Claims 28 and 29: drift over every ordering, and activation patching")
class PatchingRulesTest {

    static Verdict orderings(double spread, double ablated) {
        return Rules.orderingsCollapse(new OrderingsMeasurements(spread, ablated)).verdict();
    }

    static Verdict patching(double clean, double corrupt, double patched) {
        return Rules.patchingTransfers(new PatchingMeasurements(clean, corrupt, patched)).verdict();
    }

    @Test
    @DisplayName("claim 28: 80% of a material spread removed is a collapse, 50% partly, less or a wider spread refuted")
    void orderingsLines() {
        assertThat(orderings(1.0, 0.2)).isEqualTo(Verdict.REPRODUCED);
        assertThat(orderings(1.0, 0.21)).isEqualTo(Verdict.PARTLY);
        assertThat(orderings(0.9, 0.45)).isEqualTo(Verdict.PARTLY);
        assertThat(orderings(0.9, 0.46)).isEqualTo(Verdict.REFUTED);
        assertThat(orderings(0.5, 0.9)).isEqualTo(Verdict.REFUTED);
        assertThat(orderings(0.09, 0.0)).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(orderings(Thresholds.MATERIAL_DRIFT, 0.0)).isEqualTo(Verdict.REPRODUCED);
        Finding f = Rules.orderingsCollapse(new OrderingsMeasurements(0.9, 0.45));
        assertThat(f.claim().number()).isEqualTo(28);
        assertThat(f.reason()).isEqualTo("spread over the 20 orderings 0.9000 -> 0.4500, 50.0% removed vs 80.0% "
                + "(partly 50.0%)");
    }

    @Test
    @DisplayName("claim 29: the share of the logit-diff gap moved, either sign of gap; an immaterial gap is not applicable")
    void patchingLines() {
        assertThat(patching(1.0, 0.0, 0.8)).isEqualTo(Verdict.REPRODUCED);    // 0.8 of the gap
        assertThat(patching(2.0, -1.0, 1.3)).isEqualTo(Verdict.PARTLY);
        assertThat(patching(2.0, -1.0, 0.5)).isEqualTo(Verdict.PARTLY);       // exactly half
        assertThat(patching(2.0, -1.0, 0.4)).isEqualTo(Verdict.REFUTED);
        assertThat(patching(-1.0, 2.0, -0.5)).isEqualTo(Verdict.REPRODUCED);  // clean below corrupt
        assertThat(patching(-1.0, 2.0, 3.0)).isEqualTo(Verdict.REFUTED);      // moved away from the clean run
        assertThat(patching(0.3, 0.0, 0.3)).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(patching(0.4, 0.0, 0.4)).isEqualTo(Verdict.REPRODUCED);
        assertThat(Thresholds.MATERIAL_LOGIT_GAP).as("4 x the material drift: sigmoid's slope is at most 1/4")
                .isEqualTo(0.4);
        Finding f = Rules.patchingTransfers(new PatchingMeasurements(0.3, 0.0, 0.3));
        assertThat(f.claim().number()).isEqualTo(29);
        assertThat(f.reason()).contains("n/a (gap not material)").contains("0.3000 under 0.4");
        assertThat(Rules.describe(Claim.PATCHING_TRANSFERS)).contains("80.0%").contains("0.4");
        assertThat(Rules.describe(Claim.ORDERINGS_COLLAPSE)).contains("20 orderings").contains("80.0%");
    }
}
