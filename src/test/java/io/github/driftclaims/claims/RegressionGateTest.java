package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.VerdictNumbers;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.ExpectedClaims;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Epic(ClaimRecord.CHECKS)
@Feature("Regression gate")
@ExtendWith(Models.class)
@DisplayName("Regression gate: every claim number matches fixtures/<model>/expected-claims.json")
class RegressionGateTest {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("no number moved beyond its two-sided tolerance")
    @Description("Each claim number (per-sequence P(X), drift, MAE, every sweep row, the top-two and top-three results, "
            + "drift over 20 orderings, every head score and attention stripe, each head's later-layer pattern change, "
            + "the composition check; each ablation kind's sweep, every pair's drift with the greedy and the best pair's, "
            + "the attribution spreads, the later cells by kind, the 20 orderings ablated, the drift heads' patch) is "
            + "compared with the committed record. A change fails the build with "
            + "the list of what moved. Regenerate deliberately with: ./mvnw -q compile exec:java -Dexec.args=\"expect "
            + "--model fixtures/<model>\" (for attn-only-2l: --model attn-only-2l), and say why in the commit message.")
    void numbersDidNotMove(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        Path file = which.fixtureDir().resolve("expected-claims.json");
        Models.Loaded m = models.get(which);
        // Only the model that is not shipped may lack a record (it is measured where its weights are);
        // a shipped model's missing record fails, with the command that writes it.
        String create = which.id + " has no regression record yet (" + file + "); create it with "
                + ExpectedClaims.regenerateCommand(ExpectedClaims.modelFor(file), file);
        if (which.isReal()) {
            Assumptions.assumeTrue(Files.isRegularFile(file), create);
        }
        assertThat(file).as(create).isRegularFile();
        ExpectedClaims expected = ExpectedClaims.read(file);
        // The circuit evidence's numbers and those the other verdicts rest on (pair drifts, ablation kinds, patching),
        // from the measurements the claim tests share in the session.
        Map<String, Double> measured = new java.util.LinkedHashMap<>(m.evidence().numbers());
        measured.putAll(VerdictNumbers.of(m.evidence(), AblationKindClaims.evidence(models, which),
                PatchingClaims.measure(models, which)));
        List<ExpectedClaims.Moved> moved = expected.compare(measured);
        Evidence.parameter("numbers compared", measured.size());
        Evidence.parameter("numbers moved", moved.size());
        String diff = moved.stream().map(Object::toString).collect(Collectors.joining("\n"));
        Evidence.attachCsv("moved", "key,expected,actual,tolerance\n" + moved.stream()
                .map(d -> d.key() + "," + d.expected() + "," + d.actual() + "," + d.tolerance())
                .collect(Collectors.joining("\n")));
        assertThat(moved).as("numbers that moved against %s:%n%s", file, diff).isEmpty();
    }
}
