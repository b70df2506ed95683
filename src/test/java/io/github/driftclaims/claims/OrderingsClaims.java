package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.OrderingsDrift;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.Heatmaps;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.OrderingsMeasurements;
import io.github.driftclaims.verdict.Rules;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.ArrayList;
import java.util.List;
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
            + "before and after; beside it, the same spreads over every ordering of the later cells' counts (4X/1Y; "
            + "with -Porderings also n_X = 1..9 of 10), which no rule reads.")
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
        otherCounts(models.get(which), d.heads());
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

    /** {@code -Dorderings.counts}: "4x1y" (verify's) or "later" (-Porderings: every count the later cells use). */
    static final String COUNTS = "orderings.counts";

    /** The counts measured: every one with -Porderings; verify's budget allows 4X/1Y's 5 orderings (0.2 s a model). */
    static List<OrderingsDrift.Count> counts() {
        String v = System.getProperty(COUNTS, "4x1y").strip();
        return switch (v) {
            case "later" -> OrderingsDrift.LATER_COUNTS;
            case "4x1y", "" -> OrderingsDrift.LATER_COUNTS.subList(0, 1);
            default -> throw new IllegalArgumentException("-D" + COUNTS + " must be 4x1y or later, not "
                    + io.github.driftclaims.Excerpt.of(v));
        };
    }

    /**
     * The later cells' counts (4X/1Y; with -Porderings also n_X = 1..9 of 10), every ordering of each, before and
     * after zeroing the drift heads: a measurement beside the claim (no rule reads it), attached as a table and a chart.
     */
    static void otherCounts(Models.Loaded m, List<Head> heads) {
        Csv csv = Csv.withHeader("count", "orderings", "spread", "spread_ablated", "share_removed");
        List<String> rows = new ArrayList<>();
        List<float[]> grid = new ArrayList<>();
        for (OrderingsDrift.Count c : counts()) {
            OrderingsDrift o = OrderingsDrift.measure(m.model(), heads, c);
            assertThat(o.baseline().rows()).as("every ordering of %s", c).extracting(Readout::name)
                    .doesNotHaveDuplicates().allMatch(n -> n.chars().filter(ch -> ch == 'X').count() == c.nX());
            double before = o.baseline().drift();
            double after = o.ablated().drift();
            csv.row(c, o.baseline().rows().size(), before, after, before == 0 ? "" : (before - after) / before);
            rows.add(c + " (" + o.baseline().rows().size() + ")");
            grid.add(new float[] {(float) before, (float) after});
        }
        Evidence.attachCsv("spread over every ordering of the later cells' counts, before and after ablating " + heads,
                csv);
        Evidence.attachSvg("spread over every ordering, per count", Heatmaps.grid("spread (max - min of P(X|{X,Y})) "
                + "over every ordering of the count", "rows: count (orderings) · columns: as the model is, drift heads "
                + heads + " zeroed", rows, List.of("model", "ablated"), grid.toArray(float[][]::new)));
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
