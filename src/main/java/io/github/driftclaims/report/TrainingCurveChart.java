package io.github.driftclaims.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model's curves through training as self-contained SVG, Olsson et al.'s phase-change picture: drift, ideal drift,
 * excess drift and the best induction and previous-token scores against the training step. The step axis is
 * logarithmic: plan 2's logs are 25 steps apart up to step 500 and 100 after, and the induction head forms between
 * steps 200 and 400, which a linear axis to step 2000 would squeeze into a fifth of the width. The y axis runs from 1
 * down to 0, or lower where an excess drift is negative, in steps of 0.25, so that charts of different models compare.
 */
public final class TrainingCurveChart {

    /**
     * One curve; a NaN value is a step the log has no number for (no point, the line breaks there).
     *
     * @param dashed drawn dashed (a derived or secondary curve)
     */
    public record Series(String name, String colour, boolean dashed, List<Double> values) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }

        boolean empty() {
            return values.stream().noneMatch(Double::isFinite);
        }
    }

    /** A vertical line at a step, labelled (the steps claim 30's rule compares). */
    public record Marker(int step, String label, String colour) {}

    public static final String DRIFT = EvidenceSweepChart.BASELINE;
    public static final String IDEAL = EvidenceSweepChart.BAYES;
    public static final String EXCESS = "#9b2c2c";
    public static final String INDUCTION = EvidenceSweepChart.ABLATED;
    public static final String PREV_TOKEN = EvidenceSweepChart.FREQUENTIST;

    private static final int MARGIN = 16;
    private static final int TITLE_BLOCK = 36;
    private static final int AXIS = 48;
    private static final int PLOT_W = 520;
    private static final int PLOT_H = 300;
    private static final int LEGEND_W = 300;
    private static final int NOTE_LINE = 15;

    private TrainingCurveChart() {}

    /**
     * @param steps the logged steps, increasing, one per value of every series
     * @param notes lines under the chart (where a curve's numbers come from, what the log lacks)
     */
    public static String svg(String title, List<Integer> steps, List<Series> series, List<Marker> markers,
            List<String> notes) {
        if (steps.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) <= 0 || i > 0 && steps.get(i) <= steps.get(i - 1)) {
                throw new IllegalArgumentException("steps must be positive and increasing: " + steps);
            }
        }
        for (Series s : series) {
            if (s.values().size() != steps.size()) {
                throw new IllegalArgumentException(s.name() + ": " + s.values().size() + " values for " + steps.size()
                        + " steps");
            }
        }
        double low = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    low = Math.min(low, Math.floor(v * 4) / 4);
                }
            }
        }
        // A little room either side of the first and last step, on the log scale.
        double lx0 = Math.log(steps.get(0) / 1.15);
        double lxSpan = Math.log(steps.get(steps.size() - 1) * 1.15) - lx0;
        int left = MARGIN + AXIS;
        int top = MARGIN + TITLE_BLOCK;
        int width = left + PLOT_W + MARGIN + LEGEND_W;
        int height = top + PLOT_H + AXIS + MARGIN + NOTE_LINE * notes.size();
        Scale sc = new Scale(left, top, lx0, lxSpan, low);

        StringBuilder svg = new StringBuilder(16384);
        Svg.open(svg, width, height, title);
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 16)
           .append("\" font-size=\"16\" font-weight=\"bold\">").append(Svg.escape(title)).append("</text>\n");
        for (double v = low; v <= 1 + 1e-9; v += 0.25) {
            int y = sc.y(v);
            svg.append("<line x1=\"").append(left).append("\" y1=\"").append(y).append("\" x2=\"").append(left + PLOT_W)
               .append("\" y2=\"").append(y).append("\" stroke=\"").append(v == 0 ? "#a0aec0" : "#e2e8f0")
               .append("\"/>\n");
            svg.append("<text x=\"").append(left - 6).append("\" y=\"").append(y).append("\" font-size=\"11\" "
                    + "text-anchor=\"end\" dominant-baseline=\"middle\">").append(Svg.fixed(v, 2)).append("</text>\n");
        }
        for (int t : ticks(steps.get(0), steps.get(steps.size() - 1))) {
            int x = sc.x(t);
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(top).append("\" x2=\"").append(x)
               .append("\" y2=\"").append(top + PLOT_H).append("\" stroke=\"#e2e8f0\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"").append(top + PLOT_H + 16)
               .append("\" font-size=\"11\" text-anchor=\"middle\">").append(t).append("</text>\n");
        }
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(PLOT_W)
           .append("\" height=\"").append(PLOT_H).append("\" fill=\"none\" stroke=\"#333333\"/>\n");
        svg.append("<text x=\"").append(left + PLOT_W / 2).append("\" y=\"").append(top + PLOT_H + 36)
           .append("\" font-size=\"12\" text-anchor=\"middle\">training step (logarithmic)</text>\n");
        int legendRow = 0;
        for (Marker m : markers) {
            int x = sc.x(m.step());
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(top).append("\" x2=\"").append(x)
               .append("\" y2=\"").append(top + PLOT_H).append("\" stroke=\"").append(m.colour())
               .append("\" stroke-dasharray=\"2 3\"><title>").append(Svg.escape(m.label())).append("</title></line>\n");
        }
        for (Series s : series) {
            svg.append("<g>\n<title>").append(Svg.escape(s.name())).append("</title>\n");
            List<String> runs = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                double v = s.values().get(i);
                if (!Double.isFinite(v)) {
                    if (run.length() > 0) {
                        runs.add(run.toString().trim());
                        run.setLength(0);
                    }
                    continue; // not logged at this step: no point, and the line breaks
                }
                int x = sc.x(steps.get(i));
                int y = sc.y(v);
                run.append(x).append(',').append(y).append(' ');
                svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"2\" fill=\"")
                   .append(s.colour()).append("\"><title>").append(Svg.escape(s.name())).append(" at step ")
                   .append(steps.get(i)).append(": ").append(Svg.short3(v)).append("</title></circle>\n");
            }
            if (run.length() > 0) {
                runs.add(run.toString().trim());
            }
            for (String r : runs) {
                svg.append("<polyline points=\"").append(r).append("\" fill=\"none\" stroke=\"").append(s.colour())
                   .append("\" stroke-width=\"1.5\"").append(s.dashed() ? " stroke-dasharray=\"5 3\"" : "")
                   .append("/>\n");
            }
            svg.append("</g>\n");
            legendRow = legend(svg, legendRow, left, top, s.colour(), s.dashed(), false,
                    s.name() + (s.empty() ? " (not logged)" : ""));
        }
        for (Marker m : markers) {
            legendRow = legend(svg, legendRow, left, top, m.colour(), true, true, m.label());
        }
        for (int i = 0; i < notes.size(); i++) {
            svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(top + PLOT_H + AXIS + 8 + NOTE_LINE * i)
               .append("\" font-size=\"11\">").append(Svg.escape(notes.get(i))).append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static int legend(StringBuilder svg, int row, int left, int top, String colour, boolean dashed,
            boolean marker, String text) {
        int ly = top + 10 + row * 20;
        int lx = left + PLOT_W + MARGIN;
        svg.append("<line x1=\"").append(lx).append("\" y1=\"").append(ly).append("\" x2=\"").append(lx + 24)
           .append("\" y2=\"").append(ly).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
           .append(dashed ? marker ? " stroke-dasharray=\"2 3\"" : " stroke-dasharray=\"5 3\"" : "").append("/>\n");
        svg.append("<text x=\"").append(lx + 30).append("\" y=\"").append(ly).append("\" font-size=\"12\" "
                + "dominant-baseline=\"middle\">").append(Svg.escape(text)).append("</text>\n");
        return row + 1;
    }

    /** Steps 1, 2.5, 5 x 10^k between the first and last logged step, and both ends. */
    static List<Integer> ticks(int first, int last) {
        List<Integer> out = new ArrayList<>();
        out.add(first);
        for (int p = 1; p <= last; p *= 10) {
            for (int m : new int[] {10, 25, 50}) {
                int t = p * m / 10;
                // Skip a tick that would crowd an end's label (closer than a fifth of a decade).
                if (t > first * 1.25 && t < last / 1.25) {
                    out.add(t);
                }
            }
        }
        out.add(last);
        return out.stream().distinct().sorted().toList();
    }

    private record Scale(int left, int top, double lx0, double lxSpan, double low) {
        int x(int step) {
            return left + (int) Math.round((Math.log(step) - lx0) / lxSpan * PLOT_W);
        }

        int y(double v) {
            double c = Math.max(low, Math.min(1, v));
            return top + (int) Math.round((1 - c) / (1 - low) * PLOT_H);
        }
    }
}
