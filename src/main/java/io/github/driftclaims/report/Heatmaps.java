package io.github.driftclaims.report;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders attention patterns as self-contained SVG (no scripts, no external fonts or styles), so the
 * image can be attached to an Allure result or written next to a report and opened anywhere.
 *
 * <p>One call renders one layer: its heads side by side, {@value #DEFAULT_HEADS_PER_ROW} per row by
 * default. Each head is a T x T heatmap with query positions as rows and key positions as columns,
 * coloured from white (0) to dark blue (1). Hovering a cell shows its exact value through an SVG
 * {@code <title>}, which every browser shows as a tooltip without JavaScript.
 *
 * <p>Head indices are 0-based, like the notebook's "L1H6" names; the caller chooses the layer wording
 * through {@code title}, e.g. {@code "patterned · layer 1"} yields head titles such as
 * {@code "patterned · layer 1 · head 6"}.
 */
public final class Heatmaps {

    public static final int DEFAULT_HEADS_PER_ROW = 4;

    private static final int MAX_LABEL_CHARS = 12;
    private static final int MARGIN = 16;
    private static final int GAP = 28;
    private static final int TITLE_BLOCK = 64; // main title, axis hint and colour legend
    private static final int HEAD_TITLE = 20;
    private static final String HIGHLIGHT = "#d62728";

    private Heatmaps() {}

    public static String layer(String title, List<String> tokens, float[][][] pattern) {
        return layer(title, tokens, pattern, Set.of(), DEFAULT_HEADS_PER_ROW);
    }

    public static String layer(String title, List<String> tokens, float[][][] pattern, Set<Integer> highlightedHeads) {
        return layer(title, tokens, pattern, highlightedHeads, DEFAULT_HEADS_PER_ROW);
    }

    /**
     * @param title            prefix of every title, e.g. {@code "patterned · layer 1"}
     * @param tokens           the T tokens as the tokenizer produced them; shown via {@link #label}
     * @param pattern          {@code [head][query][key]}, each head T x T
     * @param highlightedHeads 0-based heads to outline, e.g. the induction heads a claim is about
     * @param headsPerRow      how many heads share a row of the grid
     */
    public static String layer(String title, List<String> tokens, float[][][] pattern,
                               Set<Integer> highlightedHeads, int headsPerRow) {
        return render(title, "rows: query position · columns: key position · hover a cell for its value", tokens,
                pattern, h -> title + " · head " + h, highlightedHeads, headsPerRow, "q", "k");
    }

    /**
     * One labelled square matrix with values in 0..1, in the same colours as the patterns, e.g. the drift left
     * after ablating each pair of heads (rows and columns both heads).
     *
     * @param axes what rows and columns are, shown under the title
     */
    public static String matrix(String title, String axes, List<String> labels, float[][] values) {
        return render(title, axes + " · hover a cell for its value", labels, new float[][][] {values}, h -> title,
                Set.of(), 1, "", "");
    }

    /**
     * One labelled rectangular grid with values in 0..1 (outside it clamped, the tooltip shows the exact value), in the
     * same colours: e.g. the share of a logit-difference gap each patch moves, rows the patched components and columns
     * the directions or positions.
     *
     * @param axes what rows and columns are, shown under the title
     * @param values {@code [row][column]}
     */
    public static String grid(String title, String axes, List<String> rows, List<String> columns, float[][] values) {
        if (rows.isEmpty() || columns.isEmpty() || values.length != rows.size()) {
            throw new IllegalArgumentException("a grid needs rows and columns and one row of values per row label");
        }
        for (float[] row : values) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + columns.size()
                        + " columns");
            }
        }
        int cell = 40;
        int font = 11;
        List<String> rowLabels = rows.stream().map(Heatmaps::label).toList();
        List<String> columnLabels = columns.stream().map(Heatmaps::label).toList();
        int labelSpace = 6 + (int) Math.ceil(rowLabels.stream().mapToInt(String::length).max().orElse(1) * font * 0.62);
        int top = MARGIN + TITLE_BLOCK + 18;
        int width = Math.max(MARGIN * 2 + labelSpace + columns.size() * cell, 420);
        int height = top + rows.size() * cell + MARGIN;
        StringBuilder svg = new StringBuilder(256 * rows.size() * columns.size() + 2048);
        Svg.open(svg, width, height, title);
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 14)
           .append("\" font-size=\"16\" font-weight=\"bold\">").append(Svg.escape(title)).append("</text>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 32)
           .append("\" font-size=\"11\" fill=\"#555555\">").append(Svg.escape(axes + " · hover a cell for its value"))
           .append("</text>\n");
        legend(svg, MARGIN, MARGIN + 40);
        int left = MARGIN + labelSpace;
        for (int c = 0; c < columns.size(); c++) {
            svg.append("<text x=\"").append(left + c * cell + cell / 2).append("\" y=\"").append(top - 4)
               .append("\" font-size=\"").append(font).append("\" text-anchor=\"middle\">")
               .append(Svg.escape(columnLabels.get(c))).append("</text>\n");
        }
        svg.append("<g shape-rendering=\"crispEdges\">\n");
        for (int r = 0; r < rows.size(); r++) {
            svg.append("<text x=\"").append(left - 4).append("\" y=\"").append(top + r * cell + cell / 2)
               .append("\" font-size=\"").append(font).append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
               .append(Svg.escape(rowLabels.get(r))).append("</text>\n");
            for (int c = 0; c < columns.size(); c++) {
                float v = values[r][c];
                svg.append("<rect x=\"").append(left + c * cell).append("\" y=\"").append(top + r * cell)
                   .append("\" width=\"").append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
                   .append(colour(v)).append("\"><title>").append(Svg.escape(rowLabels.get(r))).append(" · ")
                   .append(Svg.escape(columnLabels.get(c))).append(": ").append(Float.isNaN(v) ? "NaN" : Svg.fixed(v, 4))
                   .append("</title></rect>\n");
            }
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static String render(String title, String hint, List<String> tokens, float[][][] pattern,
                                 java.util.function.IntFunction<String> panelTitle, Set<Integer> highlightedHeads,
                                 int headsPerRow, String rowPrefix, String columnPrefix) {
        validate(tokens, pattern, highlightedHeads, headsPerRow);
        int t = tokens.size();
        int heads = pattern.length;

        // Cells shrink as sequences grow so a head stays around 360 px wide; labels follow the cells.
        int cell = Math.max(6, Math.min(28, 360 / t));
        int font = Math.max(6, Math.min(11, cell - 2));
        List<String> labels = tokens.stream().map(Heatmaps::label).toList();
        int longest = labels.stream().mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(1);
        int labelSpace = 6 + (int) Math.ceil(longest * font * 0.62);

        int matrix = t * cell;
        int panelW = labelSpace + matrix;
        int panelH = HEAD_TITLE + labelSpace + matrix;
        int cols = Math.min(headsPerRow, heads);
        int rows = (heads + cols - 1) / cols;
        int width = Math.max(2 * MARGIN + cols * panelW + (cols - 1) * GAP, 420);
        int height = MARGIN + TITLE_BLOCK + rows * panelH + (rows - 1) * GAP + MARGIN;

        StringBuilder svg = new StringBuilder(64 * heads * t * t + 4096);
        Svg.open(svg, width, height, title);
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 14)
           .append("\" font-size=\"16\" font-weight=\"bold\">").append(Svg.escape(title)).append("</text>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 32)
           .append("\" font-size=\"11\" fill=\"#555555\">").append(Svg.escape(hint)).append("</text>\n");
        legend(svg, MARGIN, MARGIN + 40);

        for (int h = 0; h < heads; h++) {
            int x0 = MARGIN + (h % cols) * (panelW + GAP);
            int y0 = MARGIN + TITLE_BLOCK + (h / cols) * (panelH + GAP);
            head(svg, panelTitle.apply(h), tokens, labels, pattern[h],
                 highlightedHeads.contains(h), x0, y0, cell, font, labelSpace, rowPrefix, columnPrefix);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void head(StringBuilder svg, String headTitle, List<String> tokens, List<String> labels,
                             float[][] weights, boolean highlighted, int x0, int y0, int cell, int font,
                             int labelSpace, String rowPrefix, String columnPrefix) {
        int t = tokens.size();
        int left = x0 + labelSpace;
        int top = y0 + HEAD_TITLE + labelSpace;
        svg.append("<g>\n<text x=\"").append(left).append("\" y=\"").append(y0 + 13)
           .append("\" font-size=\"13\"");
        if (highlighted) {
            svg.append(" font-weight=\"bold\" fill=\"").append(HIGHLIGHT).append('"');
        }
        svg.append('>').append(Svg.escape(headTitle)).append("</text>\n");

        for (int i = 0; i < t; i++) {
            int centre = i * cell + cell / 2;
            // Key labels run upwards above the columns; query labels end just left of the rows.
            int kx = left + centre;
            int ky = top - 4;
            svg.append("<text x=\"").append(kx).append("\" y=\"").append(ky).append("\" font-size=\"")
               .append(font).append("\" dominant-baseline=\"middle\" transform=\"rotate(-90 ").append(kx)
               .append(' ').append(ky).append(")\">");
            labelBody(svg, tokens.get(i), labels.get(i), i);
            svg.append("</text>\n");
            svg.append("<text x=\"").append(left - 4).append("\" y=\"").append(top + centre)
               .append("\" font-size=\"").append(font).append("\" text-anchor=\"end\" dominant-baseline=\"middle\">");
            labelBody(svg, tokens.get(i), labels.get(i), i);
            svg.append("</text>\n");
        }

        svg.append("<g shape-rendering=\"crispEdges\">\n");
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                float w = weights[q][k];
                svg.append("<rect x=\"").append(left + k * cell).append("\" y=\"").append(top + q * cell)
                   .append("\" width=\"").append(cell).append("\" height=\"").append(cell)
                   .append("\" fill=\"").append(colour(w)).append("\"><title>").append(rowPrefix)
                   .append(rowPrefix.isEmpty() ? "" : q + " ").append(Svg.escape(labels.get(q))).append(" → ").append(columnPrefix)
                   .append(columnPrefix.isEmpty() ? "" : k + " ")
                   .append(Svg.escape(labels.get(k))).append(": ")
                   .append(Float.isNaN(w) ? "NaN" : Svg.fixed(w, 4)).append("</title></rect>\n");
            }
        }
        svg.append("</g>\n");
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(t * cell)
           .append("\" height=\"").append(t * cell).append("\" fill=\"none\" stroke=\"")
           .append(highlighted ? HIGHLIGHT : "#999999").append("\" stroke-width=\"")
           .append(highlighted ? 3 : 1).append("\"/>\n</g>\n");
    }

    /** A label's text, with the raw token as tooltip: stripped spaces and truncation hide detail. */
    private static void labelBody(StringBuilder svg, String token, String label, int position) {
        svg.append("<title>").append(position).append(": ").append(Svg.escape(quoted(token))).append("</title>")
           .append(Svg.escape(label));
    }

    private static void legend(StringBuilder svg, int x, int y) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y + 10)
           .append("\" font-size=\"11\">0</text>\n");
        int steps = 10;
        for (int i = 0; i <= steps; i++) {
            svg.append("<rect x=\"").append(x + 10 + i * 14).append("\" y=\"").append(y).append("\" width=\"14\" ")
               .append("height=\"12\" fill=\"").append(colour((float) i / steps)).append("\"/>\n");
        }
        svg.append("<rect x=\"").append(x + 10).append("\" y=\"").append(y).append("\" width=\"")
           .append((steps + 1) * 14).append("\" height=\"12\" fill=\"none\" stroke=\"#999999\"/>\n");
        svg.append("<text x=\"").append(x + 14 + (steps + 1) * 14).append("\" y=\"").append(y + 10)
           .append("\" font-size=\"11\">1</text>\n");
    }

    /**
     * How a token is shown on an axis: surrounding whitespace removed ({@code " X"} shows as {@code X}),
     * a whitespace-only token made visible (␣, ⏎, ⇥), and long tokens cut to {@value #MAX_LABEL_CHARS}
     * characters. The raw token stays available as the label's tooltip.
     */
    public static String label(String token) {
        String stripped = token.strip();
        if (stripped.isEmpty()) {
            if (token.isEmpty()) {
                return "∅";
            }
            StringBuilder visible = new StringBuilder();
            token.codePoints().forEach(c -> visible.append(switch (c) {
                case ' ' -> "␣";
                case '\n' -> "⏎";
                case '\t' -> "⇥";
                default -> "·";
            }));
            stripped = visible.toString();
        }
        if (stripped.codePointCount(0, stripped.length()) > MAX_LABEL_CHARS) {
            int end = stripped.offsetByCodePoints(0, MAX_LABEL_CHARS - 1);
            stripped = stripped.substring(0, end) + "…";
        }
        return stripped;
    }

    /** White at 0 to dark blue (#08306b) at 1, linear in RGB; values outside 0..1 are clamped, NaN is grey. */
    public static String colour(float value) {
        if (Float.isNaN(value)) {
            return "#cccccc";
        }
        double v = Math.max(0, Math.min(1, value));
        return Svg.rgb(mix(255, 8, v), mix(255, 48, v), mix(255, 107, v));
    }

    private static int mix(int from, int to, double v) {
        return (int) Math.round(from + (to - from) * v);
    }

    private static String quoted(String token) {
        return "\"" + token.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    private static void validate(List<String> tokens, float[][][] pattern, Set<Integer> highlightedHeads,
                                 int headsPerRow) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens");
        }
        if (pattern.length == 0) {
            throw new IllegalArgumentException("no heads");
        }
        if (headsPerRow < 1) {
            throw new IllegalArgumentException("headsPerRow must be at least 1, got " + headsPerRow);
        }
        int t = tokens.size();
        for (int h = 0; h < pattern.length; h++) {
            if (pattern[h].length != t) {
                throw new IllegalArgumentException("head " + h + " has " + pattern[h].length
                        + " query rows for " + t + " tokens");
            }
            for (int q = 0; q < t; q++) {
                if (pattern[h][q].length != t) {
                    throw new IllegalArgumentException("head " + h + " query " + q + " has "
                            + pattern[h][q].length + " key columns for " + t + " tokens");
                }
            }
        }
        // A highlight that names no head is almost always a 1-based index; fail rather than outline nothing.
        for (int h : new TreeSet<>(highlightedHeads)) {
            if (h < 0 || h >= pattern.length) {
                throw new IllegalArgumentException("highlighted head " + h + " is not in 0.." + (pattern.length - 1));
            }
        }
    }
}
