package io.github.driftclaims.report;

import java.util.List;
import java.util.Objects;

/**
 * Horizontal bar charts as self-contained SVG, e.g. drift reduction per head ("L1H6" -> 0.41).
 *
 * <p>Bars keep the caller's order (the caller knows whether rank or head order tells the story). The
 * value axis always includes zero, drawn as a vertical line, so negative values extend to its left in a
 * different colour and a chart of small differences does not exaggerate them.
 */
public final class BarCharts {

    /** One bar. A non-finite value draws no bar, only its label ("NaN"), so a broken number stays visible. */
    public record Bar(String label, double value) {
        public Bar {
            Objects.requireNonNull(label, "label");
        }
    }

    private static final int MARGIN = 16;
    private static final int TITLE_BLOCK = 36;
    private static final int ROW = 22;
    private static final int BAR = 14;
    private static final int PLOT = 420;
    private static final int VALUE_ROOM = 56; // room for a value label beyond the longest bar, each side
    private static final String POSITIVE = "#2b6cb0";
    private static final String NEGATIVE = "#c05621";

    private BarCharts() {}

    public static String horizontal(String title, List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("no bars");
        }
        double min = 0;
        double max = 0;
        for (Bar bar : bars) {
            if (Double.isFinite(bar.value())) {
                min = Math.min(min, bar.value());
                max = Math.max(max, bar.value());
            }
        }
        if (min == max) { // all zero (or nothing finite): any non-empty domain will do
            max = 1;
        }
        double span = max - min;

        int longest = bars.stream().mapToInt(b -> b.label().codePointCount(0, b.label().length())).max().orElse(1);
        int labelSpace = 8 + (int) Math.ceil(Math.min(longest, 40) * 12 * 0.62);
        int plotLeft = MARGIN + labelSpace + VALUE_ROOM;
        int zeroX = plotLeft + (int) Math.round((0 - min) / span * PLOT);
        int top = MARGIN + TITLE_BLOCK;
        int width = plotLeft + PLOT + VALUE_ROOM + MARGIN;
        int height = top + bars.size() * ROW + MARGIN;

        StringBuilder svg = new StringBuilder(256 * bars.size() + 1024);
        Svg.open(svg, width, height, title);
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 16)
           .append("\" font-size=\"16\" font-weight=\"bold\">").append(Svg.escape(title)).append("</text>\n");

        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int rowTop = top + i * ROW;
            int mid = rowTop + ROW / 2;
            svg.append("<g>\n<title>").append(Svg.escape(bar.label())).append(": ")
               .append(Double.toString(bar.value())).append("</title>\n");
            svg.append("<text x=\"").append(MARGIN + labelSpace).append("\" y=\"").append(mid)
               .append("\" font-size=\"12\" text-anchor=\"end\" dominant-baseline=\"middle\">")
               .append(Svg.escape(bar.label())).append("</text>\n");
            String valueText = Svg.escape(Svg.short3(bar.value()));
            if (Double.isFinite(bar.value())) {
                int end = plotLeft + (int) Math.round((bar.value() - min) / span * PLOT);
                int x = Math.min(zeroX, end);
                int w = Math.abs(end - zeroX);
                boolean negative = bar.value() < 0;
                svg.append("<rect x=\"").append(x).append("\" y=\"").append(mid - BAR / 2).append("\" width=\"")
                   .append(w).append("\" height=\"").append(BAR).append("\" fill=\"")
                   .append(negative ? NEGATIVE : POSITIVE).append("\"/>\n");
                svg.append("<text x=\"").append(negative ? end - 4 : end + 4).append("\" y=\"").append(mid)
                   .append("\" font-size=\"11\" dominant-baseline=\"middle\" text-anchor=\"")
                   .append(negative ? "end" : "start").append("\">").append(valueText).append("</text>\n");
            } else {
                svg.append("<text x=\"").append(zeroX + 4).append("\" y=\"").append(mid)
                   .append("\" font-size=\"11\" dominant-baseline=\"middle\" fill=\"").append(NEGATIVE)
                   .append("\">").append(valueText).append("</text>\n");
            }
            svg.append("</g>\n");
        }
        svg.append("<line x1=\"").append(zeroX).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(zeroX)
           .append("\" y2=\"").append(top + bars.size() * ROW + 4).append("\" stroke=\"#333333\" stroke-width=\"1\"/>\n");
        svg.append("<text x=\"").append(zeroX).append("\" y=\"").append(top - 8)
           .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555555\">0</text>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }
}
