package io.github.driftclaims.report;

import java.util.List;
import java.util.Objects;

/**
 * The later cells' evidence-sweep plot as self-contained SVG, as the notebook draws it: P(X | {X,Y})
 * against n_X, one line per series (two-generator Bayes, frequentist, model baseline, model ablated),
 * the model series with ±1 std bars. The y axis is fixed at [0, 1] so charts of different models compare.
 */
public final class EvidenceSweepChart {

    /** One line; {@code std} null for the predictors (they have no spread). */
    public record Series(String name, String colour, List<Double> values, List<Double> std) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
            std = std == null ? null : List.copyOf(std);
            if (std != null && std.size() != values.size()) {
                throw new IllegalArgumentException(name + ": " + values.size() + " values, " + std.size() + " stds");
            }
        }
    }

    public static final String BAYES = "#2f855a";
    public static final String FREQUENTIST = "#718096";
    public static final String BASELINE = "#c05621";
    public static final String ABLATED = "#2b6cb0";

    private static final int MARGIN = 16;
    private static final int TITLE_BLOCK = 36;
    private static final int AXIS = 48;
    private static final int PLOT_W = 480;
    private static final int PLOT_H = 300;
    private static final int LEGEND_W = 170;

    private EvidenceSweepChart() {}

    /** @param counts the x values (n_X), one per value of every series */
    public static String svg(String title, List<Integer> counts, List<Series> series) {
        if (counts.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        for (Series s : series) {
            if (s.values().size() != counts.size()) {
                throw new IllegalArgumentException(s.name() + ": " + s.values().size() + " values for " + counts.size()
                        + " counts");
            }
        }
        int left = MARGIN + AXIS;
        int top = MARGIN + TITLE_BLOCK;
        int width = left + PLOT_W + MARGIN + LEGEND_W;
        int height = top + PLOT_H + AXIS + MARGIN;
        int minX = counts.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int maxX = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        double spanX = Math.max(1, maxX - minX);

        StringBuilder svg = new StringBuilder(8192);
        Svg.open(svg, width, height, title);
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 16)
           .append("\" font-size=\"16\" font-weight=\"bold\">").append(Svg.escape(title)).append("</text>\n");
        // Axes, grid at every 0.25 and at every count.
        for (int i = 0; i <= 4; i++) {
            double v = i / 4.0;
            int y = y(v, top);
            svg.append("<line x1=\"").append(left).append("\" y1=\"").append(y).append("\" x2=\"").append(left + PLOT_W)
               .append("\" y2=\"").append(y).append("\" stroke=\"#e2e8f0\"/>\n");
            svg.append("<text x=\"").append(left - 6).append("\" y=\"").append(y).append("\" font-size=\"11\" "
                    + "text-anchor=\"end\" dominant-baseline=\"middle\">").append(Svg.fixed(v, 2)).append("</text>\n");
        }
        for (int c : counts) {
            int x = x(c, minX, spanX, left);
            svg.append("<text x=\"").append(x).append("\" y=\"").append(top + PLOT_H + 16)
               .append("\" font-size=\"11\" text-anchor=\"middle\">").append(c).append("</text>\n");
        }
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(PLOT_W)
           .append("\" height=\"").append(PLOT_H).append("\" fill=\"none\" stroke=\"#333333\"/>\n");
        svg.append("<text x=\"").append(left + PLOT_W / 2).append("\" y=\"").append(top + PLOT_H + 36)
           .append("\" font-size=\"12\" text-anchor=\"middle\">n_X (of ").append(maxX).append(" draws)</text>\n");
        svg.append("<text x=\"").append(MARGIN + 10).append("\" y=\"").append(top + PLOT_H / 2).append("\" font-size=\"12\" "
                + "text-anchor=\"middle\" transform=\"rotate(-90 ").append(MARGIN + 10).append(' ').append(top + PLOT_H / 2)
           .append(")\">P(X | {X,Y})</text>\n");

        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            StringBuilder points = new StringBuilder();
            svg.append("<g>\n<title>").append(Svg.escape(ser.name())).append("</title>\n");
            for (int i = 0; i < counts.size(); i++) {
                double v = ser.values().get(i);
                if (!Double.isFinite(v)) {
                    continue; // a broken number draws no point; the CSV beside the chart shows it
                }
                int x = x(counts.get(i), minX, spanX, left);
                int y = y(v, top);
                points.append(x).append(',').append(y).append(' ');
                if (ser.std() != null && Double.isFinite(ser.std().get(i))) {
                    double sd = ser.std().get(i);
                    int y0 = y(v - sd, top);
                    int y1 = y(v + sd, top);
                    svg.append("<line x1=\"").append(x).append("\" y1=\"").append(y0).append("\" x2=\"").append(x)
                       .append("\" y2=\"").append(y1).append("\" stroke=\"").append(ser.colour()).append("\"/>\n");
                    for (int yy : new int[] {y0, y1}) {
                        svg.append("<line x1=\"").append(x - 4).append("\" y1=\"").append(yy).append("\" x2=\"").append(x + 4)
                           .append("\" y2=\"").append(yy).append("\" stroke=\"").append(ser.colour()).append("\"/>\n");
                    }
                }
                svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\" fill=\"")
                   .append(ser.colour()).append("\"><title>").append(Svg.escape(ser.name())).append(" n_X=")
                   .append(counts.get(i)).append(": ").append(Svg.short3(v))
                   .append(ser.std() == null ? "" : " ± " + Svg.short3(ser.std().get(i))).append("</title></circle>\n");
            }
            svg.append("<polyline points=\"").append(points.toString().trim()).append("\" fill=\"none\" stroke=\"")
               .append(ser.colour()).append("\" stroke-width=\"1.5\"")
               .append(ser.std() == null ? " stroke-dasharray=\"5 3\"" : "").append("/>\n</g>\n");
            int ly = top + 10 + s * 20;
            int lx = left + PLOT_W + MARGIN;
            svg.append("<line x1=\"").append(lx).append("\" y1=\"").append(ly).append("\" x2=\"").append(lx + 24)
               .append("\" y2=\"").append(ly).append("\" stroke=\"").append(ser.colour()).append("\" stroke-width=\"2\"")
               .append(ser.std() == null ? " stroke-dasharray=\"5 3\"" : "").append("/>\n");
            svg.append("<text x=\"").append(lx + 30).append("\" y=\"").append(ly).append("\" font-size=\"12\" "
                    + "dominant-baseline=\"middle\">").append(Svg.escape(ser.name())).append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static int x(int count, int minX, double spanX, int left) {
        return left + (int) Math.round((count - minX) / spanX * PLOT_W);
    }

    /** P in [0, 1] upwards; values outside are clamped to the frame (a std bar may reach past 0 or 1). */
    private static int y(double p, int top) {
        double c = Math.max(0, Math.min(1, p));
        return top + (int) Math.round((1 - c) * PLOT_H);
    }
}
