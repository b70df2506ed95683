package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import io.github.driftclaims.interp.AttentionPatterns;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.Heatmaps;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Epic(ClaimRecord.EPIC)
@Feature("Claim 5: attention patterns")
@ExtendWith(Models.class)
@DisplayName("Claim 5: every layer's attention pattern for every sequence, one heatmap grid per layer")
class AttentionPatternClaims {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("patterns are causal distributions over keys, shown per head with token labels")
    @Description("Notebook: \"We visualize attention patterns for both layers. Induction heads typically show a "
            + "distinctive pattern where they attend to positions that enable copying of the next token after a previous "
            + "occurrence of the same context token.\" Each heatmap is hook_pattern [head][query][key] with BOS included; "
            + "the sweep's top heads are outlined. On attn-only-2l every value must match the notebook's within 1e-4.")
    void patternsAreShown(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        Models.Loaded m = models.get(which);
        Set<Head> top = Set.copyOf(m.evidence().run().topK().heads());
        NotebookReference ref = which.isReal() ? NotebookReference.load() : null;
        double maxRefDiff = 0;
        for (AttentionPatterns p : m.evidence().run().patterns()) {
            for (int l = 0; l < p.pattern().length; l++) {
                int layer = l;
                Set<Integer> outlined = top.stream().filter(h -> h.layer() == layer).map(Head::head).collect(Collectors.toSet());
                Evidence.attachSvg(p.name() + " · layer " + l,
                        Heatmaps.layer(p.name() + " · layer " + l, p.tokens(), p.pattern()[l], outlined));
                for (float[][] head : p.pattern()[l]) {
                    for (int q = 0; q < head.length; q++) {
                        double sum = 0;
                        for (int k = 0; k < head[q].length; k++) {
                            sum += head[q][k];
                            if (k > q) {
                                assertThat(head[q][k]).as("no attention to the future").isZero();
                            }
                        }
                        assertThat(sum).as("row sums to 1").isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
                    }
                }
                if (ref != null) {
                    JsonArray heads = ref.section("attention_patterns").getAsJsonObject(p.name()).getAsJsonArray("layer" + l);
                    for (int h = 0; h < heads.size(); h++) {
                        JsonArray rows = heads.get(h).getAsJsonArray();
                        for (int q = 0; q < rows.size(); q++) {
                            JsonArray row = rows.get(q).getAsJsonArray();
                            for (int k = 0; k < row.size(); k++) {
                                maxRefDiff = Math.max(maxRefDiff, Math.abs(row.get(k).getAsDouble() - p.pattern()[l][h][q][k]));
                            }
                        }
                    }
                }
            }
        }
        if (ref != null) {
            ClaimRecord.number("max |pattern - notebook|", maxRefDiff);
            assertThat(maxRefDiff).isLessThanOrEqualTo(Thresholds.REFERENCE_TOLERANCE);
        }
        ClaimRecord.verdict(Verdict.REPRODUCED, Verdict.REPRODUCED, "patterns computed and rendered for every layer and sequence");
    }
}
