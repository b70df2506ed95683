package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.OrderingsDrift;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.OrderingsMeasurements;
import io.github.driftclaims.verdict.Rules;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Feature("Claim 28: ablating the drift heads collapses drift over all 20 3X/3Y orderings")
@ExtendWith(Models.class)
@DisplayName("Claim 28: ablating the drift heads collapses the drift over every ordering of 3X/3Y")
class OrderingsClaims {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("zeroing the sweep's top two removes at least 80% of the spread of P(X|{X,Y}) over the 20 orderings")
    @Description("The notebook measures drift on three orderings of three X and three Y. There are 20; the claim is "
            + "that the heads whose ablation collapses the drift on the three collapse it on all of them: the spread "
            + "(max - min of P(X|{X,Y})) over the 20 falls by at least 80% (partly 50%) when the zero-ablation sweep's "
            + "top two are zeroed at hook_z. The attachment lists every ordering's P(X|{X,Y}) and logit_X - logit_Y "
            + "before and after.")
    void collapsesOverEveryOrdering(@Param(name = "model") ModelUnderTest which,
            @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        OrderingsDrift d = measure(models.get(which));
        assertThat(d.baseline().rows()).extracting(Readout::name)
                .as("every ordering of 3X/3Y, once each").hasSize(20).doesNotHaveDuplicates()
                .containsAll(Stimulus.NOTEBOOK.stream().map(s -> s.symbols().stream().reduce("", String::concat)).toList());
        assertThat(d.ablated().rows()).extracting(Readout::name)
                .containsExactlyElementsOf(d.baseline().rows().stream().map(Readout::name).toList());
        Evidence.attachCsv("P(X|{X,Y}) and logit diff per ordering, before and after ablating " + d.heads(), table(d));
        ClaimRecord.number("spread over 20 orderings", d.baseline().drift());
        ClaimRecord.number("spread, drift heads ablated", d.ablated().drift());
        ClaimRecord.verdict(Rules.orderingsCollapse(OrderingsMeasurements.of(d)),
                Expected.of(which, Claim.ORDERINGS_COLLAPSE));
    }

    /** Claim 28's finding on a model, for the verdict matrix: the same rule on the same numbers as the test. */
    static Finding finding(Models.Session models, ModelUnderTest which) {
        return Rules.orderingsCollapse(OrderingsMeasurements.of(measure(models.get(which))));
    }

    /** Measured once with the model's other evidence, in the batch the margins' triples read too. */
    private static OrderingsDrift measure(Models.Loaded m) {
        return m.evidence().orderings();
    }

    static Csv table(OrderingsDrift d) {
        Csv csv = Csv.withHeader("ordering", "p_X_norm", "logit_diff", "p_X_norm_ablated", "logit_diff_ablated");
        for (int i = 0; i < d.baseline().rows().size(); i++) {
            Readout b = d.baseline().rows().get(i);
            Readout a = d.ablated().rows().get(i);
            csv.row(b.name(), b.pXNorm(), b.logitDiff(), a.pXNorm(), a.logitDiff());
        }
        return csv;
    }
}
