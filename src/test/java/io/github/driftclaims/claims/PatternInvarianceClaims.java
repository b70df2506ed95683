package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PatternInvariance;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Rules;
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
    @DisplayName("patterns at the ablated head's own and earlier layers are bit-identical; later layers can change")
    @Description("Notebook: \"Optional: visualize attention again (attention *patterns* won't change under "
            + "z-ablation)\" and \"Note: z-ablation changes contributions, not the attention weights themselves.\" "
            + "The precise statement: zeroing hook_z of head (l, h) leaves every pattern of layers <= l bit-identical, "
            + "because those patterns are computed before the head's output exists. It does not hold for layers after l: "
            + "the head's output no longer reaches their queries and keys. Every head is ablated in turn on the three "
            + "prompts. Own or earlier layers changed: refuted; a top-two head changes a later layer: partly; else "
            + "reproduced. The expected verdict comes from what the model's top two are, stated in Expected.")
    void zAblationLeavesEarlierPatterns(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        Models.Loaded m = models.get(which);
        PatternInvariance inv = m.evidence().invariance();
        Csv csv = Csv.withHeader("ablated head", "largest later-layer pattern change");
        Map<Head, Double> sorted = new TreeMap<>(inv.laterChange());
        sorted.forEach(csv::row);
        Evidence.attachCsv("later-layer pattern change per ablated head", csv);
        assertThat(inv.violations()).as("own and earlier layers bit-identical for every head").isEmpty();
        assertThat(inv.earlierLayersIdentical()).isTrue();
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
        ClaimRecord.verdict(Rules.patternsUnchanged(m.measurements()), Expected.of(which, Claim.PATTERNS_UNCHANGED));
    }
}
