package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PatternInvariance;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.PatternRules;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Feature("Claim 9: z-ablation leaves attention patterns unchanged")
@ExtendWith(Models.class)
@DisplayName("Claim 9: zero-ablation at hook_z leaves attention patterns unchanged")
class PatternInvarianceClaims {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("ablating a drift head leaves the later layers' patterns unchanged (within 0.05 per attention weight)")
    @Description("Notebook: \"Optional: visualize attention again (attention *patterns* won't change under "
            + "z-ablation)\" and \"Note: z-ablation changes contributions, not the attention weights themselves.\" "
            + "Zeroing hook_z of head (l, h) cannot change a pattern of layers <= l (suite check 38); it can change the "
            + "layers after l, whose queries and keys read its output. Each of the sweep's top two is ablated on the "
            + "three prompts: a later-layer attention weight moving by 0.05 or more refutes the claim; both top-two heads "
            + "in the last layer: not applicable.")
    void zAblationLeavesLaterPatterns(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        Models.Loaded m = models.get(which);
        PatternInvariance inv = m.evidence().invariance();
        Csv csv = Csv.withHeader("ablated head", "largest later-layer pattern change");
        Map<Head, Double> sorted = new TreeMap<>(inv.laterChange());
        sorted.forEach(csv::row);
        Evidence.attachCsv("later-layer pattern change per ablated head", csv);
        assertThat(sorted).as("every head was ablated").hasSize(m.model().config().nLayers() * m.model().config().nHeads());
        int last = m.model().config().nLayers() - 1;
        sorted.forEach((h, change) -> {
            if (h.layer() == last) {
                assertThat(change).as("%s has no later layer", h).isZero();
            }
        });
        for (Head h : m.measurements().top2()) {
            ClaimRecord.number("largest later-layer change, " + h, inv.laterChange().get(h));
        }
        ClaimRecord.verdict(PatternRules.patternsUnchanged(m.measurements()), Expected.of(which, Claim.PATTERNS_UNCHANGED));
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("suite check 38: patterns at the ablated head's own and earlier layers are bit-identical")
    @Description("The precise half of the notebook's statement: zeroing hook_z of head (l, h) leaves every pattern of "
            + "layers <= l bit-identical, because those patterns are computed before the head's output exists. Every head "
            + "is ablated in turn on the three prompts. It holds for any correct hook implementation, so it is a check of "
            + "this suite, not evidence about the model (issue 27).")
    void zAblationLeavesEarlierPatterns(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        Models.Loaded m = models.get(which);
        PatternInvariance inv = m.evidence().invariance();
        assertThat(inv.violations()).as("own and earlier layers bit-identical for every head").isEmpty();
        ClaimRecord.verdict(PatternRules.patternsBitIdentical(m.measurements()), Expected.of(which, Claim.PATTERNS_BIT_IDENTICAL));
    }
}
