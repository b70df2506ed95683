package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.driftclaims.interp.Baselines;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.train.TrainConfig;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.IdealBaselines;
import io.github.driftclaims.verdict.IdealRules;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claims 31 to 35: claims 8, 12, 13, 14 and 16 with the ideal observer of the model's training mixture as the baseline
 * ({@link IdealRules}, pre-registered). Each case attaches the prompts the claim reads with P(X | {X,Y}) of the model,
 * the model with its drift heads ablated, the ideal observer and the Beta(1,1) counter side by side.
 */
@Feature("Claims 31-35: the baseline claims against the ideal observer")
@ExtendWith(Models.class)
@DisplayName("Claims 31-35: claims 8, 12, 13, 14 and 16 with the ideal observer of the training mixture as the baseline")
class IdealBaselineClaims {

    static final List<Claim> CLAIMS = List.of(Claim.TOWARD_IDEAL, Claim.CLOSER_TO_IDEAL,
            Claim.EXCESS_SENSITIVITY_REMOVED, Claim.EXCESS_4X1Y_COLLAPSE, Claim.TRACKING_IDEAL);

    static Stream<Arguments> cases() {
        return Arrays.stream(ModelUnderTest.values()).flatMap(m -> CLAIMS.stream().map(c -> arguments(m, c)));
    }

    @ParameterizedTest(name = "claim {1} on {0}")
    @MethodSource("cases")
    @DisplayName("the rule stated before measuring decides the claim against the ideal observer")
    @Description("A toy model's training data may make order sensitivity the right answer: the ideal observer (the exact "
            + "Bayes-optimal predictor of the mixture its training.json records) then drifts too. These claims are the "
            + "notebook's baseline claims with that ideal in place of the counter (claim 8) or two-generator Bayes (12, "
            + "16), order sensitivity measured on P(X) minus the ideal's (13, 14). A model without a recorded mixture has "
            + "no ideal: not applicable. The attachment lists each prompt's P(X) for the model, the ablated model, the "
            + "ideal and Beta(1,1).")
    void againstTheIdeal(@Param(name = "model") ModelUnderTest which, @Param(name = "claim") Claim claim,
            @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        IdealBaselines b = measurements(models, which);
        assertThat(b.hasIdeal()).as("only the model this project did not train lacks a training mixture")
                .isNotEqualTo(which.isReal());
        if (b.hasIdeal()) {
            Evidence.attachCsv("model, ablated, ideal observer and Beta(1,1)", table(models.get(which).evidence(), b,
                    claim));
        }
        Finding f = IdealRules.all(b).stream().filter(x -> x.claim() == claim).findFirst().orElseThrow();
        ClaimRecord.verdict(f, Expected.of(which, claim));
    }

    /**
     * The ideal beside one model's measurements, computed once per run in the shared store (pure arithmetic, but the
     * matrix and five tests read it). The real model has no recorded mixture: not loaded for this.
     */
    static IdealBaselines measurements(Models.Session models, ModelUnderTest which) {
        if (which.isReal()) {
            return IdealBaselines.none();
        }
        return models.store().getOrComputeIfAbsent(List.of(IdealBaselines.class, which), k -> {
            Models.Loaded m = models.get(which);
            IdealObserver ideal = TrainConfig.recordedFor(m.model().files()).map(c -> new IdealObserver(c.mixture()))
                    .orElse(null);
            return IdealBaselines.of(m.evidence(), ideal);
        }, IdealBaselines.class);
    }

    /** Claims 31 to 35 on a model, for the verdict matrix: the same rules on the same numbers as the tests. */
    static List<Finding> findings(Models.Session models, ModelUnderTest which) {
        return IdealRules.all(measurements(models, which));
    }

    /** The prompts the claim reads, one row each: P(X | {X,Y}) of the model, ablated, ideal, Beta(1,1). */
    static Csv table(CircuitEvidence e, IdealBaselines b, Claim claim) {
        Csv csv = Csv.withHeader("prompt", "model", "ablated", "ideal", "beta_1_1");
        LaterCells l = e.later(PromptStyle.SEQUENCE);
        List<String> names = new ArrayList<>();
        List<Double> counter = new ArrayList<>();
        IdealBaselines.Readings r;
        switch (claim) {
            case TOWARD_IDEAL -> {
                r = b.notebook();
                rows(e.run().baseline().rows(), names, counter);
            }
            case EXCESS_4X1Y_COLLAPSE -> {
                r = b.fourXOneY();
                rows(l.drift4x1Baseline().rows(), names, counter);
            }
            case TRACKING_IDEAL -> {
                r = b.tracking();
                l.tracking().steps().forEach(s -> {
                    names.add("stream " + s.stream() + " t=" + s.t());
                    counter.add(Baselines.bayes(s.nX(), s.t() - s.nX()));
                });
            }
            default -> {
                List<Double> m = new ArrayList<>();
                List<Double> a = new ArrayList<>();
                List<Double> i = new ArrayList<>();
                List<List<Stimulus>> orderings = LaterCells.sweepOrderings();
                for (int k = 0; k < b.sweep().size(); k++) {
                    IdealBaselines.Count c = b.sweep().get(k);
                    m.addAll(c.readings().model());
                    a.addAll(c.readings().ablated());
                    i.addAll(c.readings().ideal());
                    for (Stimulus s : orderings.get(k)) {
                        names.add(s.spaced());
                        counter.add(Baselines.bayes(c.nX(), c.n() - c.nX()));
                    }
                }
                r = new IdealBaselines.Readings(m, a, i);
            }
        }
        for (int k = 0; k < names.size(); k++) {
            csv.row(names.get(k), r.model().get(k), r.ablated().get(k), r.ideal().get(k), counter.get(k));
        }
        return csv;
    }

    private static void rows(List<Readout> rows, List<String> names, List<Double> counter) {
        for (Readout x : rows) {
            names.add(x.seq());
            counter.add(x.bayesPX());
        }
    }
}
