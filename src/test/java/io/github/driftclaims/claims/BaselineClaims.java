package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Baselines;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Epic(ClaimRecord.CHECKS)
@Feature("Claim 3: order-invariant baselines")
@DisplayName("Claim 3: the frequentist and Beta-Bernoulli baselines are identical across orderings")
class BaselineClaims {

    @ParameterizedTest(name = "Beta({0}, {1}) prior")
    @CsvSource({"1, 1", "0.5, 0.5", "2, 2", "1, 3", "5, 1"})
    @DisplayName("give the same prediction for all 20 orderings of XXXYYY")
    @Description("Notebook: \"Order-invariant baselines: Frequentist and Bayesian (Beta-Bernoulli)\" ... \"These "
            + "should be identical across sequences (same counts).\" p_hat = n_X/n and (alpha + n_X)/(alpha + beta + n) "
            + "depend on counts only, so every ordering of three X and three Y gets the same value.")
    void baselinesIgnoreOrder(double alpha, double beta) {
        Csv csv = Csv.withHeader("sequence", "freq_p_X", "bayes_p_X");
        double expectedBayes = (alpha + 3) / (alpha + beta + 6);
        for (Stimulus s : Stimulus.allOrderingsOf3X3Y()) {
            double f = Baselines.frequentist(s.nX(), s.nY());
            double b = Baselines.bayes(s.nX(), s.nY(), alpha, beta);
            csv.row(s.spaced(), f, b);
            assertThat(f).isEqualTo(0.5);
            assertThat(b).isEqualTo(expectedBayes);
        }
        Evidence.parameter("bayes_p_X", expectedBayes);
        Evidence.attachCsv("baselines over 20 orderings", csv);
        assertThat(Baselines.bayes(3, 3)).as("the notebook's Beta(1,1)").isEqualTo(0.5);
    }
}
