package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.report.TrainingCurveChart.Marker;
import io.github.driftclaims.report.TrainingCurveChart.Series;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

@DisplayName("The training-curve chart: curves against a logarithmic step axis")
class TrainingCurveChartTest {

    static final List<Integer> STEPS = List.of(25, 50, 100, 250, 500, 1000, 2000);

    @Test
    @DisplayName("each logged curve is a line of points, an unlogged one only a legend entry saying so, a gap breaks the line")
    void curves() throws Exception {
        double nan = Double.NaN;
        String svg = TrainingCurveChart.svg("m: curves", STEPS, List.of(
                new Series("drift", TrainingCurveChart.DRIFT, false, List.of(0.1, 0.2, 0.3, 0.5, 0.5, 0.45, 0.45)),
                new Series("excess drift", TrainingCurveChart.EXCESS, false, List.of(0.1, 0.2, nan, -0.3, 0.0, 0.0, 0.0)),
                new Series("best induction score, X/Y", TrainingCurveChart.INDUCTION, true,
                        List.of(nan, nan, nan, nan, nan, nan, nan))),
                List.of(new Marker(250, "induction at half its final: step 250", TrainingCurveChart.INDUCTION)),
                List.of("a note"));
        Evidence.attachSvg("training curves (test)", svg);
        Document doc = Xml.parse(svg);
        List<Element> lines = Xml.elements(doc, "polyline");
        assertThat(lines).as("drift in one run, excess in two (broken at the missing step), nothing for X/Y").hasSize(3);
        assertThat(lines.get(0).getAttribute("points").split(" ")).hasSize(7);
        assertThat(lines.get(1).getAttribute("points").split(" ")).hasSize(2);
        assertThat(lines.get(2).getAttribute("points").split(" ")).hasSize(4);
        assertThat(Xml.texts(doc, "text")).contains("best induction score, X/Y (not logged)", "a note", "-0.50",
                "1.00", "25", "2000", "training step (logarithmic)", "induction at half its final: step 250");
        // Log scale: equal ratios of steps are equal distances (25 -> 250 as 200 -> 2000, within rounding).
        String[] drift = lines.get(0).getAttribute("points").split(" ");
        int x25 = Integer.parseInt(drift[0].split(",")[0]);
        int x250 = Integer.parseInt(drift[3].split(",")[0]);
        int x2000 = Integer.parseInt(drift[6].split(",")[0]);
        int x1000 = Integer.parseInt(drift[5].split(",")[0]);
        int x100 = Integer.parseInt(drift[2].split(",")[0]);
        assertThat(Math.abs((x250 - x25) - (x1000 - x100))).isLessThanOrEqualTo(1);
        assertThat(x2000).isGreaterThan(x1000);
    }

    @Test
    @DisplayName("ticks fall at 1, 2.5 and 5 times a power of ten between the first and last step")
    void ticks() {
        assertThat(TrainingCurveChart.ticks(25, 2000)).containsExactly(25, 50, 100, 250, 500, 1000, 2000);
        assertThat(TrainingCurveChart.ticks(250, 2000)).containsExactly(250, 500, 1000, 2000);
        assertThat(TrainingCurveChart.ticks(1000, 2000)).containsExactly(1000, 2000);
    }

    @Test
    @DisplayName("steps that do not increase, or a curve of another length, are refused")
    void refuses() {
        Series s = new Series("a", "#000000", false, List.of(0.1, 0.2));
        assertThatThrownBy(() -> TrainingCurveChart.svg("x", List.of(50, 25), List.of(s), List.of(), List.of()))
                .hasMessageContaining("increasing");
        assertThatThrownBy(() -> TrainingCurveChart.svg("x", STEPS, List.of(s), List.of(), List.of()))
                .hasMessageContaining("2 values for 7 steps");
    }
}
