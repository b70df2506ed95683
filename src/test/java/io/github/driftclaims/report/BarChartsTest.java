package io.github.driftclaims.report;

import io.github.driftclaims.report.BarCharts.Bar;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarChartsTest {

    @Test
    void drawsBarsInGivenOrderWithValueLabelsAroundAZeroLine() throws Exception {
        List<Bar> bars = List.of(new Bar("L1H6", 0.412), new Bar("L1H7", -0.05), new Bar("L0H1", 0.0031));
        String svg = BarCharts.horizontal("drift reduction by head", bars);
        Evidence.attachSvg("drift reduction by head", svg);

        Document doc = Xml.parse(svg);
        List<String> texts = Xml.texts(doc, "text");
        assertThat(texts).containsSubsequence("L1H6", "L1H7", "L0H1");
        assertThat(texts).contains("0.412", "-0.05", "0.0031");

        Element zero = Xml.elements(doc, "line").get(0);
        double zeroX = Double.parseDouble(zero.getAttribute("x1"));
        List<Element> rects = Xml.elements(doc, "rect").subList(1, 4); // first rect is the background
        // The negative bar ends at the zero line; positive bars start there.
        Element negative = rects.get(1);
        assertThat(Double.parseDouble(negative.getAttribute("x")) + Double.parseDouble(negative.getAttribute("width")))
                .isEqualTo(zeroX);
        assertThat(Double.parseDouble(rects.get(0).getAttribute("x"))).isEqualTo(zeroX);
        assertThat(negative.getAttribute("fill")).isNotEqualTo(rects.get(0).getAttribute("fill"));
    }

    @Test
    void escapesLabelsAndSurvivesNonFiniteValues() throws Exception {
        String svg = BarCharts.horizontal("a < b", List.of(new Bar("<L1H6> & \"x\"", Double.NaN), new Bar("ok", 0)));
        List<String> texts = Xml.texts(Xml.parse(svg), "text");
        assertThat(texts).contains("a < b", "<L1H6> & \"x\"", "NaN");
    }
}
