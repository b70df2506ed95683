package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.Readout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The ideal observer's table in reports/verdicts.md")
class IdealTableTest {

    static Readout row(String name, double pX) {
        return new Readout(name, "X Y", 1, 1, 0.5, 0.5, 0, 0, 0, Double.NaN, Double.NaN, pX, 1 - pX);
    }

    static final DriftResult BASE = DriftResult.of(List.of(row("patterned", 0.98), row("clumped", 0.53)));

    @Test
    @DisplayName("each ordering shows model / ideal / Beta(1,1), then drift, ideal drift and the signed excess")
    void withIdeal() {
        IdealDrift ideal = new IdealDrift(Map.of("patterned", 0.99, "clumped", 0.5), 0.49);
        String md = new IdealTable(List.of(new IdealTable.Row("toy", BASE, ideal))).markdown();
        assertThat(md).startsWith("| model | patterned: model / ideal / Beta(1,1) | clumped: model / ideal / Beta(1,1) "
                + "| drift | ideal drift | excess drift |\n|---|---|---|---|---|---|\n");
        assertThat(md).contains("| toy | 0.9800 / 0.9900 / 0.5000 | 0.5300 / 0.5000 / 0.5000 | 0.4500 | 0.4900 | -0.0400 |");
    }

    @Test
    @DisplayName("a model without a recorded mixture says so instead of an ideal")
    void withoutIdeal() {
        String md = new IdealTable(List.of(new IdealTable.Row("real", BASE, null))).markdown();
        assertThat(md).contains("| real | 0.9800 / n/a / 0.5000 | 0.5300 / n/a / 0.5000 | 0.4500 | n/a (no training "
                + "mixture recorded) | n/a |");
    }
}
