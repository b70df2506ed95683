package io.github.driftclaims.report;

import io.github.driftclaims.interp.EdgeAblation.Edge;
import io.github.driftclaims.interp.Head;
import java.util.List;
import java.util.Set;

/**
 * A discovered circuit as a layered SVG drawing: the embeddings at the bottom, each layer's heads above, the logits on
 * top; a kept edge is a line from its sender to its receiver, coloured by the input it enters (q, k, v, or the logits);
 * the heads the caller marks (the drift heads) are outlined.
 */
public final class CircuitGraph {

    private static final int COLUMN = 64;
    private static final int ROW = 110;
    private static final int MARGIN = 40;
    private static final int TITLE_BLOCK = 40;
    private static final int LEGEND = 26;

    private CircuitGraph() {}

    /** Colour of an edge by the input it enters: q, k, v, direct. */
    static String colour(Edge e) {
        return switch (e.input()) {
            case Q -> "#2b6cb0";
            case K -> "#c05621";
            case V -> "#2f855a";
            case DIRECT -> "#6b46c1";
        };
    }

    public static String of(String title, int layers, int heads, List<Edge> kept, Set<Head> marked) {
        int width = Math.max(2 * MARGIN + heads * COLUMN, 420);
        int height = TITLE_BLOCK + (layers + 1) * ROW + 2 * MARGIN + LEGEND;
        StringBuilder svg = Svg.open(new StringBuilder(), width, height, title);
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"24\" font-size=\"14\">").append(Svg.escape(title))
                .append("</text>\n");
        for (Edge e : kept) {
            double[] from = e.sender() == null ? centre(width, layers, -1) : at(width, heads, layers, e.sender());
            double[] to = e.receiver() == null ? centre(width, layers, layers) : at(width, heads, layers, e.receiver());
            // Each input enters its receiver at its own offset, so q, k and v edges from one sender stay apart.
            double dx = e.receiver() == null ? 0 : switch (e.input()) {
                case Q -> -10;
                case K -> 0;
                default -> 10;
            };
            svg.append("<line x1=\"").append(Svg.fixed(from[0], 1)).append("\" y1=\"").append(Svg.fixed(from[1], 1))
                    .append("\" x2=\"").append(Svg.fixed(to[0] + dx, 1)).append("\" y2=\"")
                    .append(Svg.fixed(to[1] + 12, 1)).append("\" stroke=\"").append(colour(e))
                    .append("\" stroke-width=\"1.6\" opacity=\"0.8\"><title>").append(Svg.escape(e.label()))
                    .append("</title></line>\n");
        }
        node(svg, centre(width, layers, -1), "embed", false);
        node(svg, centre(width, layers, layers), "logits", false);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                Head head = new Head(l, h);
                node(svg, at(width, heads, layers, head), head.toString(), marked.contains(head));
            }
        }
        int y = height - MARGIN / 2;
        int x = MARGIN;
        for (String[] item : new String[][] {{"q", "#2b6cb0"}, {"k", "#c05621"}, {"v", "#2f855a"},
                {"to the logits", "#6b46c1"}, {"outlined: drift heads", "#000000"}}) {
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"4\" fill=\"")
                    .append(item[1]).append("\"/><text x=\"").append(x + 16).append("\" y=\"").append(y - 4)
                    .append("\" font-size=\"11\">").append(Svg.escape(item[0])).append("</text>\n");
            x += 20 + 7 * item[0].length();
        }
        return svg.append("</svg>\n").toString();
    }

    /** Row {@code level}: -1 the embeddings, 0.. the layers, {@code layers} the logits; from the bottom up. */
    private static double y(int layers, int level) {
        return TITLE_BLOCK + MARGIN + (layers - level) * ROW;
    }

    private static double[] centre(int width, int layers, int level) {
        return new double[] {width / 2.0, y(layers, level)};
    }

    private static double[] at(int width, int heads, int layers, Head h) {
        double left = (width - heads * COLUMN) / 2.0 + COLUMN / 2.0;
        return new double[] {left + h.head() * COLUMN, y(layers, h.layer())};
    }

    private static void node(StringBuilder svg, double[] p, String label, boolean marked) {
        svg.append("<rect x=\"").append(Svg.fixed(p[0] - 26, 1)).append("\" y=\"").append(Svg.fixed(p[1] - 12, 1))
                .append("\" width=\"52\" height=\"24\" rx=\"4\" fill=\"#edf2f7\" stroke=\"#000000\" stroke-width=\"")
                .append(marked ? "2.5" : "0.5").append("\"/><text x=\"").append(Svg.fixed(p[0], 1)).append("\" y=\"")
                .append(Svg.fixed(p[1] + 4, 1)).append("\" font-size=\"11\" text-anchor=\"middle\">")
                .append(Svg.escape(label)).append("</text>\n");
    }
}
