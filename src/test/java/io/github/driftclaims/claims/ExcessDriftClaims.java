package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.train.TrainConfig;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.IdealMeasurements;
import io.github.driftclaims.verdict.Rules;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Feature("Claim 27: the model drifts more than its training data warrant")
@ExtendWith(Models.class)
@DisplayName("Claim 27: the model drifts more than its training data warrant (excess drift over the ideal observer)")
class ExcessDriftClaims {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("model drift minus the drift of the ideal observer of its recorded training mixture is material (>= 0.10)")
    @Description("The notebook reads drift as a circuit departing from the exchangeable counter. A toy model's data may "
            + "themselves make drift the right answer: the ideal observer (the exact Bayes-optimal predictor of the "
            + "mixture the model's training.json records) drifts too. The claim is that the model drifts materially "
            + "more than that ideal, over the notebook's three orderings; excess of 0.10 or more counts as material "
            + "(claim 4's line). A model without a recorded mixture has no ideal: not determined.")
    void excessDrift(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        Models.Loaded m = models.get(which);
        DriftResult base = m.evidence().run().baseline();
        IdealDrift ideal = ideal(m, base);
        assertThat(ideal == null).as("only the model this project did not train lacks a training mixture")
                .isEqualTo(which.isReal());
        Csv csv = Csv.withHeader("name", "seq", "p_X_norm", "ideal_p_X");
        for (Readout r : base.rows()) {
            ClaimRecord.number("P(X|{X,Y}) " + r.name(), r.pXNorm());
            if (ideal != null) {
                ClaimRecord.number("ideal P(X|{X,Y}) " + r.name(), ideal.pX(r.name()));
                assertThat(ideal.pX(r.name())).as("ideal on " + r.name()).isBetween(0.0, 1.0);
            }
            csv.row(r.name(), r.seq(), r.pXNorm(), ideal == null ? "n/a" : ideal.pX(r.name()));
        }
        Evidence.attachCsv("model and ideal observer", csv);
        ClaimRecord.number("drift", base.drift());
        if (ideal != null) {
            ClaimRecord.number("ideal drift", ideal.drift());
            ClaimRecord.number("excess drift", ideal.excess(base));
        }
        ClaimRecord.verdict(Rules.excessDrift(IdealMeasurements.of(base, ideal)), Expected.of(which, Claim.EXCESS_DRIFT));
    }

    /** Claim 27's finding on a model, for the verdict matrix: the same rule on the same numbers as the test. */
    static Finding finding(Models.Session models, ModelUnderTest which) {
        Models.Loaded m = models.get(which);
        DriftResult base = m.evidence().run().baseline();
        return Rules.excessDrift(IdealMeasurements.of(base, ideal(m, base)));
    }

    private static IdealDrift ideal(Models.Loaded m, DriftResult base) {
        return TrainConfig.recordedFor(m.model().files()).map(c -> new IdealObserver(c.mixture()).over(base))
                .orElse(null);
    }

    /** The ideal observer on the model's baseline orderings; null without a recorded training mixture. */
    static IdealDrift ideal(Models.Loaded m) {
        return ideal(m, m.evidence().run().baseline());
    }
}
