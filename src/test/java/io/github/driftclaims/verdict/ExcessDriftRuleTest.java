package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Claim 27's rule on hand-made numbers: model drift against the ideal observer's. */
@DisplayName("Claim 27: excess drift over the ideal observer")
class ExcessDriftRuleTest {

    static Finding rule(double drift, Double ideal) {
        return Rules.excessDrift(new IdealMeasurements(drift, ideal));
    }

    @Test
    @DisplayName("a model that drifts 0.45 where its data warrant 0.49 does not drift more than warranted: refuted")
    void drivenByItsData() {
        Finding f = rule(0.45, 0.49);
        assertThat(f.claim()).isEqualTo(Claim.EXCESS_DRIFT);
        assertThat(f.claim().number()).isEqualTo(27);
        assertThat(f.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(f.reason()).isEqualTo("excess drift -0.0400 = model drift 0.4500 - ideal drift 0.4900 vs material 0.1");
    }

    @Test
    @DisplayName("a model that drifts 0.40 where its data warrant 0.007 drifts more than warranted: reproduced")
    void beyondItsData() {
        assertThat(rule(0.40, 0.007).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("excess exactly on the material line (0.33 - 0.23 == 0.1) is reproduced; just under it, refuted")
    void onTheLine() {
        assertThat(0.33 - 0.23).isEqualTo(Thresholds.MATERIAL_DRIFT);
        assertThat(rule(0.33, 0.23).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(rule(Math.nextDown(0.33), 0.23).verdict()).isEqualTo(Verdict.REFUTED);
    }

    @Test
    @DisplayName("the line is claim 4's material drift: the model's drift measured from the ideal instead of from 0")
    void sameLineAsClaim4() {
        // An exchangeable ideal (drift 0) makes claim 27 claim 4: the same verdict on each side of the line.
        for (double d : new double[] {0.0, 0.05, Thresholds.MATERIAL_DRIFT, 0.3}) {
            assertThat(rule(d, 0.0).verdict()).as("drift %s", d).isEqualTo(
                    d >= Thresholds.MATERIAL_DRIFT ? Verdict.REPRODUCED : Verdict.REFUTED);
        }
    }

    @Test
    @DisplayName("without a recorded mixture, or with an ideal undefined on the prompts, it is not determined and says why")
    void undetermined() {
        Finding none = rule(0.38, null);
        assertThat(none.determined()).isFalse();
        assertThat(none.verdictText()).isEqualTo("not determined");
        assertThat(none.reason()).contains("no training mixture recorded").contains("0.3800");
        Finding nan = rule(0.38, Double.NaN);
        assertThat(nan.determined()).isFalse();
        assertThat(nan.reason()).contains("undefined on the notebook's prompts");
        assertThat(Rules.describe(Claim.EXCESS_DRIFT)).contains("0.1").contains("ideal observer");
    }

    @Test
    @DisplayName("its measurements are the model's baseline drift and the ideal's drift on the same rows, or none")
    void measurements() {
        List<Readout> rows = List.of(
                Readout.ofPair(Stimulus.NOTEBOOK.get(0), 2f, 0f),
                Readout.ofPair(Stimulus.NOTEBOOK.get(1), 0f, 0f),
                Readout.ofPair(Stimulus.NOTEBOOK.get(2), 0f, 0f));
        DriftResult model = DriftResult.of(rows);
        IdealDrift ideal = new IdealDrift(Map.of("patterned", 0.9, "clumped", 0.5, "mixed", 0.5), 0.4);
        IdealMeasurements m = IdealMeasurements.of(model, ideal);
        assertThat(m.drift()).isEqualTo(model.drift());
        assertThat(m.idealDrift()).isEqualTo(0.4);
        assertThat(m.excess()).isEqualTo(model.drift() - 0.4);
        assertThat(IdealMeasurements.of(model, null).excess()).isNull();
    }
}
