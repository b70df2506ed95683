package io.github.driftclaims.claims;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.HeadScores;
import io.github.driftclaims.interp.NotebookEvidence;
import io.github.driftclaims.report.BarCharts;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Epic(ClaimRecord.EPIC)
@Feature("Claim 10: the induction circuit")
@ExtendWith(Models.class)
@DisplayName("Claim 10: the heads that cause drift are the induction circuit")
class InductionCircuitClaims {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(ModelUnderTest.class)
    @DisplayName("the sweep's top two heads are a previous-token head in layer 0 and an induction head in layer 1")
    @Description("Notebook: \"Reproduce martingale drift ... in a minimal circuit where induction heads can exist\"; "
            + "\"Induction heads typically show a distinctive pattern where they attend to positions that enable copying "
            + "of the next token after a previous occurrence of the same context token\"; \"Choose induction-head "
            + "candidates\". Scores follow TransformerLens: on BOS + r + r (r random, 20 tokens, 32 sequences), induction "
            + "= mean attention on the offset 1-len(r) diagonal, previous-token = mean attention on the offset -1 "
            + "diagonal. The claim holds when the top two heads are the best layer-0 previous-token head and a layer-1 "
            + "induction head, each scoring at least 0.5.")
    void topHeadsAreTheInductionCircuit(@Param(name = "model") ModelUnderTest which, @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        ClaimRecord.on(which);
        NotebookEvidence e = models.get(which).evidence();
        HeadScores s = e.scores();
        Csv csv = Csv.withHeader("layer", "head", "induction_score", "previous_token_score");
        List<BarCharts.Bar> ind = new ArrayList<>();
        List<BarCharts.Bar> prev = new ArrayList<>();
        for (int l = 0; l < s.induction().length; l++) {
            for (int h = 0; h < s.induction()[l].length; h++) {
                csv.row(l, h, s.induction()[l][h], s.previousToken()[l][h]);
                ind.add(new BarCharts.Bar(new Head(l, h).toString(), s.induction()[l][h]));
                prev.add(new BarCharts.Bar(new Head(l, h).toString(), s.previousToken()[l][h]));
            }
        }
        Evidence.attachCsv("head scores", csv);
        Evidence.attachSvg("induction score per head", BarCharts.horizontal("induction score", ind));
        Evidence.attachSvg("previous-token score per head", BarCharts.horizontal("previous-token score", prev));
        int last = s.induction().length - 1;
        Head bestInd = s.bestInductionHead(last);
        Head bestPrev = s.bestPreviousTokenHead(0);
        Evidence.parameter("best induction head", bestInd.toString());
        ClaimRecord.number("its induction score", s.induction()[last][bestInd.head()]);
        Evidence.parameter("best previous-token head", bestPrev.toString());
        ClaimRecord.number("its previous-token score", s.previousToken()[0][bestPrev.head()]);
        Evidence.parameter("sweep's top two", e.run().topK().heads().toString());
        ClaimRecord.verdict(Verdicts.topHeadsAreInductionCircuit(e), Expected.topHeadsAreInductionCircuit(which),
                "top two " + e.run().topK().heads() + "; best induction head " + bestInd + " ("
                        + Verdicts.num(s.induction()[last][bestInd.head()]) + "), best previous-token head " + bestPrev + " ("
                        + Verdicts.num(s.previousToken()[0][bestPrev.head()]) + ")");
    }
}
