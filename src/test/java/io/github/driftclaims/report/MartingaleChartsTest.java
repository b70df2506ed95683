package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.report.MartingaleCharts.Point;
import io.github.driftclaims.report.MartingaleCharts.Row;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The martingale plots put every mark where its number says, checked from the SVG's own coordinates. */
@DisplayName("The martingale charts")
class MartingaleChartsTest {

    static double d(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    @Test
    @DisplayName("draw each interval as a bar and each value as a dot on one linear axis, red and ringed when outside")
    void intervals() throws Exception {
        List<Row> rows = List.of(new Row("n=16, m=8 <as sampled>", 0.1, -0.2, 0.3, MartingaleCharts.BASELINE),
                new Row("n=16, m=8, ablated", 0.5, -0.1, 0.2, MartingaleCharts.ABLATED));
        String svg = MartingaleCharts.intervals("T1 & its interval", rows);
        Evidence.attachSvg("martingale intervals (unit test)", svg);
        Document doc = Xml.parse(svg);
        assertThat(Xml.texts(doc, "text")).contains("T1 & its interval", "n=16, m=8 <as sampled>", "n=16, m=8, ablated");

        List<Element> rects = Xml.elements(doc, "rect"); // background, frame, then one bar per row
        List<Element> dots = Xml.elements(doc, "circle");
        assertThat(rects).hasSize(4);
        assertThat(dots).hasSize(2);
        // row 1's bar spans -0.2..0.3: the scale it implies must place row 2's bar and both dots
        double x0 = d(rects.get(2), "x");
        double perUnit = d(rects.get(2), "width") / 0.5;
        java.util.function.DoubleUnaryOperator x = v -> x0 + (v + 0.2) * perUnit;
        assertThat(d(rects.get(3), "x")).isCloseTo(x.applyAsDouble(-0.1), within(0.15));
        assertThat(d(rects.get(3), "width")).isCloseTo(0.3 * perUnit, within(0.15));
        assertThat(d(dots.get(0), "cx")).isCloseTo(x.applyAsDouble(0.1), within(0.15));
        assertThat(d(dots.get(1), "cx")).isCloseTo(x.applyAsDouble(0.5), within(0.15));
        assertThat(d(dots.get(1), "cy") - d(dots.get(0), "cy")).isEqualTo(22);
        // inside: the row's colour, no ring; outside: red, ringed
        assertThat(dots.get(0).getAttribute("fill")).isEqualTo(MartingaleCharts.BASELINE);
        assertThat(dots.get(0).hasAttribute("stroke")).isFalse();
        assertThat(dots.get(0).getTextContent()).endsWith("(inside)");
        assertThat(dots.get(1).getAttribute("fill")).isEqualTo("#c53030");
        assertThat(dots.get(1).getAttribute("stroke")).isEqualTo("#000");
        assertThat(dots.get(1).getTextContent()).endsWith("(outside)");
        // the dashed zero line sits at 0
        Element zero = Xml.elements(doc, "line").get(0);
        assertThat(d(zero, "x1")).isCloseTo(x.applyAsDouble(0), within(0.15));
        // the axis spans the smallest to the largest number plus 8% of that range either side, across the frame
        Element frame = rects.get(1);
        double padFraction = 0.08 / 1.16;
        assertThat(x.applyAsDouble(-0.2) - d(frame, "x")).isCloseTo(padFraction * d(frame, "width"), within(0.3));
        assertThat(d(frame, "x") + d(frame, "width") - x.applyAsDouble(0.5)).isCloseTo(padFraction * d(frame, "width"),
                within(0.3));
        // one 22-pixel row per statistic inside the frame, each bar 10 high around its dot
        assertThat(d(frame, "height")).isEqualTo(44);
        assertThat(d(dots.get(0), "cy")).isEqualTo(d(frame, "y") + 11);
        assertThat(d(rects.get(2), "y")).isEqualTo(d(dots.get(0), "cy") - 5);
        assertThat(d(rects.get(2), "height")).isEqualTo(10);
    }

    @Test
    @DisplayName("draw no zero line when every number is on one side of 0, and refuse to plot nothing")
    void noZeroLine() throws Exception {
        Document doc = Xml.parse(MartingaleCharts.intervals("T3", List.of(new Row("a", 0.2, 0.1, 0.3, "#000"))));
        assertThat(Xml.elements(doc, "line")).isEmpty();
        assertThatThrownBy(() -> MartingaleCharts.intervals("T3", List.of())).hasMessage("nothing to plot");
        assertThatThrownBy(() -> MartingaleCharts.t3AgainstN("T3", List.of(), List.of(new Point(10, 0.1, "#000", "r"))))
                .hasMessage("nothing to plot");
    }

    @Test
    @DisplayName("plot T3 against n on log-log axes: a reference that shrinks like n^-1/2 lies on the dotted n^-1/2 line")
    void t3AgainstN() throws Exception {
        List<Point> reference = List.of(new Point(40, 0.1, MartingaleCharts.REFERENCE, "reference n=40"),
                new Point(10, 0.2, MartingaleCharts.REFERENCE, "reference n=10"));
        List<Point> model = List.of(new Point(10, 0.05, MartingaleCharts.BASELINE, "model n=10"),
                new Point(20, 0.05, MartingaleCharts.BASELINE, "model n=20"));
        String svg = MartingaleCharts.t3AgainstN("T3 against n", model, reference);
        Evidence.attachSvg("martingale T3 against n (unit test)", svg);
        Document doc = Xml.parse(svg);
        List<Element> dots = Xml.elements(doc, "circle").subList(0, 4); // reference first, then the model; then the legend
        double xr40 = d(dots.get(0), "cx");
        double xr10 = d(dots.get(1), "cx");
        double xm10 = d(dots.get(2), "cx");
        double xm20 = d(dots.get(3), "cx");
        assertThat(xm10).isEqualTo(xr10);
        // log axis: 20 is halfway between 10 and 40
        assertThat(xm20 - xm10).isCloseTo((xr40 - xr10) / 2, within(0.15));
        // log axis in y: equal values at equal heights; 0.1 vs 0.2 one log-step apart
        assertThat(d(dots.get(2), "cy")).isEqualTo(d(dots.get(3), "cy"));
        double perLog = (d(dots.get(0), "cy") - d(dots.get(1), "cy")) / Math.log(2); // 0.2 -> 0.1 goes down the page
        assertThat(d(dots.get(2), "cy") - d(dots.get(0), "cy")).isCloseTo(perLog * Math.log(2), within(0.3));
        // the axes span n / 1.5 .. n x 1.5 and T3 / 1.5 .. T3 x 1.5 of the extremes, across the frame
        Element frame = Xml.elements(doc, "rect").get(1);
        double w = d(frame, "width");
        double h = d(frame, "height");
        assertThat(xr10 - d(frame, "x")).isCloseTo(Math.log(1.5) / Math.log(4 * 2.25) * w, within(0.3));
        assertThat(d(frame, "x") + w - xr40).isCloseTo(Math.log(1.5) / Math.log(4 * 2.25) * w, within(0.3));
        double logSpanY = Math.log(0.2 * 1.5) - Math.log(0.05 / 1.5);
        assertThat(d(frame, "y") + h - d(dots.get(2), "cy")).isCloseTo(Math.log(1.5) / logSpanY * h, within(0.3));
        assertThat(d(dots.get(1), "cy") - d(frame, "y")).isCloseTo(Math.log(1.5) / logSpanY * h, within(0.3));
        // both reference points lie on the dotted n^-1/2 line
        Element line = Xml.elements(doc, "line").get(0);
        double x1 = d(line, "x1");
        double y1 = d(line, "y1");
        double slope = (d(line, "y2") - y1) / (d(line, "x2") - x1);
        for (Element r : dots.subList(0, 2)) {
            assertThat(d(r, "cy")).isCloseTo(y1 + slope * (d(r, "cx") - x1), within(0.3));
        }
        // the dashed reference path visits the reference points in order of n
        String path = Xml.elements(doc, "path").get(0).getAttribute("d");
        assertThat(path).isEqualTo("M" + Svg.fixed(xr10, 1) + " " + Svg.fixed(d(dots.get(1), "cy"), 1) + " L"
                + Svg.fixed(xr40, 1) + " " + Svg.fixed(d(dots.get(0), "cy"), 1));
        assertThat(Xml.texts(doc, "text")).contains("n=10", "n=20").doesNotContain("n=40");
    }

    @Test
    @DisplayName("count a value on either end of its interval as inside, and draw the zero line only when 0 is inside the axis")
    void edges() throws Exception {
        Document doc = Xml.parse(MartingaleCharts.intervals("T2,2", List.of(new Row("at lo", -0.1, -0.1, 0.2, "#111"),
                new Row("at hi", 0.2, -0.1, 0.2, "#222"))));
        assertThat(Xml.elements(doc, "circle")).extracting(e -> e.getAttribute("fill")).containsExactly("#111", "#222");
        assertThat(Xml.elements(doc, "line")).hasSize(1);
    }

    @Test
    @DisplayName("draw a T3 of 0 at the bottom of the axis without letting it set the axis")
    void zeroT3() throws Exception {
        List<Point> reference = List.of(new Point(10, 0.2, MartingaleCharts.REFERENCE, "r"));
        Document with = Xml.parse(MartingaleCharts.t3AgainstN("T3", List.of(new Point(10, 0.1, "#111", "a"),
                new Point(20, 0, "#222", "zero")), reference));
        Document without = Xml.parse(MartingaleCharts.t3AgainstN("T3", List.of(new Point(10, 0.1, "#111", "a"),
                new Point(20, 0.1, "#222", "b")), reference));
        List<Element> a = Xml.elements(with, "circle");
        List<Element> b = Xml.elements(without, "circle");
        assertThat(d(a.get(1), "cy")).isEqualTo(d(b.get(1), "cy")); // the 0.1 point: same axis either way
        Element frame = Xml.elements(with, "rect").get(1);
        assertThat(d(a.get(2), "cy")).isEqualTo(d(frame, "y") + d(frame, "height")); // the 0 at the bottom
    }
}
