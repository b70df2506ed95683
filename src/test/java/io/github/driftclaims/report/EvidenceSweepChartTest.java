package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.report.EvidenceSweepChart.Series;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class EvidenceSweepChartTest {

    static final List<Integer> COUNTS = List.of(0, 1, 2);

    @Test
    void drawsEachSeriesAsALineWithStdBarsOnlyForTheModelSeries() throws Exception {
        String svg = EvidenceSweepChart.svg("sweep", COUNTS, List.of(
                new Series("Bayes", EvidenceSweepChart.BAYES, List.of(0.5, 0.6, 0.7), null),
                new Series("baseline", EvidenceSweepChart.BASELINE, List.of(0.25, 0.5, 0.75), List.of(0.0, 0.25, 0.125))));
        Evidence.attachSvg("evidence sweep (test)", svg);
        Document doc = Xml.parse(svg);
        List<Element> lines = Xml.elements(doc, "polyline");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getAttribute("stroke-dasharray")).as("predictors dashed").isNotEmpty();
        assertThat(lines.get(1).getAttribute("stroke-dasharray")).isEmpty();
        // y = top + (1 - p) * 300 with top = 52: p = 0.5 at 202, the std bar of 0.25 from 127 to 277.
        String[] baseline = lines.get(1).getAttribute("points").split(" ");
        assertThat(baseline).containsExactly("64,277", "304,202", "544,127");
        long bars = Xml.elements(doc, "line").stream().filter(l -> l.getAttribute("stroke").equals(EvidenceSweepChart.BASELINE)
                && l.getAttribute("x1").equals("304") && l.getAttribute("x2").equals("304")).count();
        assertThat(bars).as("the vertical std bar at n_X = 1").isEqualTo(1);
        assertThat(Xml.texts(doc, "text")).contains("Bayes", "baseline", "0.50", "1.00", "n_X (of 2 draws)");
    }

    @Test
    void rejectsMismatchedSeries() {
        assertThatThrownBy(() -> EvidenceSweepChart.svg("x", COUNTS, List.of(new Series("a", "#000000", List.of(0.1), null))))
                .hasMessageContaining("1 values for 3 counts");
        assertThatThrownBy(() -> new Series("a", "#000000", List.of(0.1, 0.2), List.of(0.1)))
                .hasMessageContaining("2 values, 1 stds");
    }
}
