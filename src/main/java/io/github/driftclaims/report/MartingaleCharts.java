package io.github.driftclaims.report;

import java.util.List;

/**
 * The martingale check's plots as self-contained SVG: a statistic beside its reference interval for every
 * cell (the authors' figures draw the interval as a grey band behind the observed value), and T3 against n
 * on log-log axes beside the reference's, with the n^{-1/2} a Bayesian learner's follows.
 */
public final class MartingaleCharts {

    /** One cell's value of a statistic and its interval; {@code label} names the cell and the condition. */
    public record Row(String label, double value, double lo, double hi, String colour) {}

    /** One point of T3 against n. */
    public record Point(int n, double value, String colour, String label) {}

    public static final String BASELINE = EvidenceSweepChart.BASELINE;
    public static final String ABLATED = EvidenceSweepChart.ABLATED;
    public static final String REFERENCE = "#718096";
    private static final String OUTSIDE = "#c53030";

    private static final int MARGIN = 16;
    private static final int TITLE = 36;
    private static final int LABELS = 230;
    private static final int PLOT_W = 420;
    private static final int ROW_H = 22;

    private MartingaleCharts() {}

    /**
     * A statistic per row: the interval as a grey bar, the value as a dot (red, and ringed, when outside), a
     * dashed line at 0 when the axis spans it (T1 and T2,k are about 0 under the property).
     */
    public static String intervals(String title, List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Row r : rows) {
            min = Math.min(min, Math.min(r.value(), r.lo()));
            max = Math.max(max, Math.max(r.value(), r.hi()));
        }
        double pad = Math.max(1e-9, (max - min) * 0.08);
        final double lo = min - pad;
        final double span = (max + pad) - lo;
        int left = MARGIN + LABELS;
        int top = MARGIN + TITLE;
        int height = top + rows.size() * ROW_H + 40;
        int width = left + PLOT_W + MARGIN;
        java.util.function.DoubleUnaryOperator x = v -> left + (v - lo) / span * PLOT_W;
        StringBuilder svg = header(width, height, title);
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(PLOT_W)
           .append("\" height=\"").append(rows.size() * ROW_H).append("\" fill=\"none\" stroke=\"#a0aec0\"/>\n");
        if (lo < 0 && lo + span > 0) {
            String x0 = Svg.fixed(x.applyAsDouble(0), 1);
            svg.append("<line x1=\"").append(x0).append("\" x2=\"").append(x0).append("\" y1=\"").append(top)
               .append("\" y2=\"").append(top + rows.size() * ROW_H).append("\" stroke=\"#4a5568\" stroke-dasharray=\"4 3\"/>\n");
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double cy = top + i * ROW_H + ROW_H / 2.0;
            boolean inside = r.lo() <= r.value() && r.value() <= r.hi();
            svg.append("<text x=\"").append(left - 6).append("\" y=\"").append(Svg.fixed(cy + 4, 1))
               .append("\" text-anchor=\"end\" font-size=\"11\" ").append(Svg.FONT).append('>')
               .append(Svg.escape(r.label())).append("</text>\n");
            svg.append("<rect x=\"").append(Svg.fixed(x.applyAsDouble(r.lo()), 1)).append("\" y=\"")
               .append(Svg.fixed(cy - 5, 1)).append("\" width=\"")
               .append(Svg.fixed(Math.max(1, x.applyAsDouble(r.hi()) - x.applyAsDouble(r.lo())), 1))
               .append("\" height=\"10\" fill=\"#cbd5e0\"><title>95% interval [").append(Svg.short3(r.lo()))
               .append(", ").append(Svg.short3(r.hi())).append("]</title></rect>\n");
            svg.append("<circle cx=\"").append(Svg.fixed(x.applyAsDouble(r.value()), 1)).append("\" cy=\"")
               .append(Svg.fixed(cy, 1)).append("\" r=\"4\" fill=\"").append(inside ? r.colour() : OUTSIDE).append('"')
               .append(inside ? "" : " stroke=\"#000\" stroke-width=\"1.5\"").append("><title>")
               .append(Svg.escape(r.label())).append(": ").append(Svg.short3(r.value()))
               .append(inside ? " (inside)" : " (outside)").append("</title></circle>\n");
        }
        int axisY = top + rows.size() * ROW_H;
        for (int k = 0; k <= 4; k++) {
            double v = lo + span * k / 4;
            svg.append("<text x=\"").append(Svg.fixed(x.applyAsDouble(v), 1)).append("\" y=\"").append(axisY + 16)
               .append("\" text-anchor=\"middle\" font-size=\"10\" ").append(Svg.FONT).append('>')
               .append(Svg.short3(v)).append("</text>\n");
        }
        svg.append("<text x=\"").append(left).append("\" y=\"").append(axisY + 34).append("\" font-size=\"10\" ")
           .append(Svg.FONT).append(">grey: the Beta-Bernoulli reference's 95% interval; dot: the model (red: outside)</text>\n");
        return svg.append("</svg>\n").toString();
    }

    /**
     * T3 against n, both axes logarithmic: the model's points, the reference's median per n joined by a line,
     * and a dotted n^{-1/2} line through the reference's first point (a Bayesian learner's IQR shrinks so).
     *
     * @param reference the reference's median T3 per n, in the same colour
     */
    public static String t3AgainstN(String title, List<Point> points, List<Point> reference) {
        if (points.isEmpty() || reference.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        double minN = Double.POSITIVE_INFINITY;
        double maxN = 0;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = 0;
        for (List<Point> ps : List.of(points, reference)) {
            for (Point p : ps) {
                minN = Math.min(minN, p.n());
                maxN = Math.max(maxN, p.n());
                if (p.value() > 0) {
                    minY = Math.min(minY, p.value());
                    maxY = Math.max(maxY, p.value());
                }
            }
        }
        if (!(maxY > 0)) {
            minY = 0.01;
            maxY = 1;
        }
        final double lx0 = Math.log(minN / 1.5);
        final double lxSpan = Math.log(maxN * 1.5) - lx0;
        final double floorY = minY / 1.5;
        final double ly0 = Math.log(floorY);
        final double lySpan = Math.log(maxY * 1.5) - ly0;
        int left = MARGIN + 56;
        int top = MARGIN + TITLE;
        int plotH = 300;
        int width = left + PLOT_W + MARGIN + 150;
        int height = top + plotH + 50;
        java.util.function.DoubleUnaryOperator x = n -> left + (Math.log(n) - lx0) / lxSpan * PLOT_W;
        java.util.function.DoubleUnaryOperator y = v -> top + plotH - (Math.log(Math.max(v, floorY)) - ly0) / lySpan * plotH;
        StringBuilder svg = header(width, height, title);
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(PLOT_W)
           .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"#a0aec0\"/>\n");
        Point first = reference.stream().min(java.util.Comparator.comparingInt(Point::n)).orElseThrow();
        double n0 = minN / 1.5;
        double n1 = maxN * 1.5;
        svg.append("<line x1=\"").append(Svg.fixed(x.applyAsDouble(n0), 1)).append("\" y1=\"")
           .append(Svg.fixed(y.applyAsDouble(first.value() * Math.sqrt(first.n() / n0)), 1)).append("\" x2=\"")
           .append(Svg.fixed(x.applyAsDouble(n1), 1)).append("\" y2=\"")
           .append(Svg.fixed(y.applyAsDouble(first.value() * Math.sqrt(first.n() / n1)), 1))
           .append("\" stroke=\"").append(REFERENCE).append("\" stroke-dasharray=\"2 3\"><title>n^-1/2</title></line>\n");
        StringBuilder path = new StringBuilder();
        for (Point p : reference.stream().sorted(java.util.Comparator.comparingInt(Point::n)).toList()) {
            path.append(path.length() == 0 ? "M" : " L").append(Svg.fixed(x.applyAsDouble(p.n()), 1)).append(' ')
                .append(Svg.fixed(y.applyAsDouble(p.value()), 1));
        }
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(REFERENCE)
           .append("\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n");
        for (Point p : reference) {
            svg.append(dot(x.applyAsDouble(p.n()), y.applyAsDouble(p.value()), REFERENCE, p.label(), p.value()));
        }
        for (Point p : points) {
            svg.append(dot(x.applyAsDouble(p.n()), y.applyAsDouble(p.value()), p.colour(), p.label(), p.value()));
        }
        int axisY = top + plotH;
        points.stream().map(Point::n).distinct().sorted().forEach(n -> svg.append("<text x=\"")
                .append(Svg.fixed(x.applyAsDouble(n), 1)).append("\" y=\"").append(axisY + 16)
                .append("\" text-anchor=\"middle\" font-size=\"10\" ").append(Svg.FONT).append(">n=").append(n)
                .append("</text>\n"));
        for (double v : new double[] {minY, maxY}) {
            svg.append("<text x=\"").append(left - 6).append("\" y=\"").append(Svg.fixed(y.applyAsDouble(v) + 4, 1))
               .append("\" text-anchor=\"end\" font-size=\"10\" ").append(Svg.FONT).append('>').append(Svg.short3(v))
               .append("</text>\n");
        }
        String[][] legend = {{BASELINE, "model, as sampled"}, {ABLATED, "model, drift heads ablated"},
            {REFERENCE, "Beta-Bernoulli reference (median); dotted: n^-1/2"}};
        for (int i = 0; i < legend.length; i++) {
            int ly = top + 12 + 18 * i;
            svg.append("<circle cx=\"").append(left + PLOT_W + 14).append("\" cy=\"").append(ly).append("\" r=\"4\" fill=\"")
               .append(legend[i][0]).append("\"/><text x=\"").append(left + PLOT_W + 22).append("\" y=\"").append(ly + 4)
               .append("\" font-size=\"10\" ").append(Svg.FONT).append('>').append(Svg.escape(legend[i][1]))
               .append("</text>\n");
        }
        svg.append("<text x=\"").append(left).append("\" y=\"").append(axisY + 36).append("\" font-size=\"10\" ")
           .append(Svg.FONT).append(">T3 = IQR of the paths' MLEs over n/2 samples; both axes logarithmic</text>\n");
        return svg.append("</svg>\n").toString();
    }

    private static String dot(double cx, double cy, String colour, String label, double value) {
        return "<circle cx=\"" + Svg.fixed(cx, 1) + "\" cy=\"" + Svg.fixed(cy, 1) + "\" r=\"4\" fill=\"" + colour
                + "\" fill-opacity=\"0.8\"><title>" + Svg.escape(label) + ": " + Svg.short3(value) + "</title></circle>\n";
    }

    private static StringBuilder header(int width, int height, String title) {
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
           .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 16).append("\" font-size=\"14\" ")
           .append(Svg.FONT).append('>').append(Svg.escape(title)).append("</text>\n");
        return svg;
    }
}
