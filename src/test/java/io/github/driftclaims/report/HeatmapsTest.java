package io.github.driftclaims.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeatmapsTest {

    private static final List<String> TOKENS = List.of("<BOS>", "Sequence", ":", " X", " Y", " X", " Y");

    /** Causal pattern where each position looks at the token after the previous occurrence of itself. */
    private static float[][][] inductionLike(int heads, int t) {
        float[][][] p = new float[heads][t][t];
        for (int h = 0; h < heads; h++) {
            for (int q = 0; q < t; q++) {
                int target = q >= 4 ? q - 1 : 0;
                for (int k = 0; k <= q; k++) {
                    p[h][q][k] = k == target ? 0.8f : 0.2f / q;
                }
                if (q == 0) {
                    p[h][0][0] = 1f;
                }
            }
        }
        return p;
    }

    @Test
    void rendersWellFormedSvgWithOneCellPerQueryKeyPairAndHoverValues() throws Exception {
        String svg = Heatmaps.layer("patterned · layer 1", TOKENS, inductionLike(8, TOKENS.size()), Set.of(6));
        Evidence.attachSvg("patterned · layer 1", svg);

        Document doc = Xml.parse(svg);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<Element> cells = Xml.elements(doc, "rect").stream()
                .filter(r -> r.getElementsByTagNameNS("*", "title").getLength() == 1).toList();
        assertThat(cells).hasSize(8 * 7 * 7);
        assertThat(Xml.texts(doc, "title")).contains("q5 X → k4 Y: 0.8000");
        assertThat(Xml.texts(doc, "text")).contains("patterned · layer 1 · head 0", "patterned · layer 1 · head 6");
    }

    @Test
    void outlinesHighlightedHeadsOnly() throws Exception {
        Document doc = Xml.parse(Heatmaps.layer("L1", TOKENS, inductionLike(4, TOKENS.size()), Set.of(2)));
        long outlines = Xml.elements(doc, "rect").stream().filter(r -> "3".equals(r.getAttribute("stroke-width"))).count();
        assertThat(outlines).isEqualTo(1);
    }

    @Test
    void escapesTokensAndTitlesAndShowsStrippedLabels() throws Exception {
        List<String> tokens = List.of("<BOS>", "a&b", "\"q'", " X", " ", "\u0001");
        String svg = Heatmaps.layer("<script>alert(1)</script> & co", tokens, inductionLike(1, tokens.size()));

        assertThat(svg).doesNotContain("<script>").doesNotContain("<BOS>");
        Document doc = Xml.parse(svg);
        List<String> texts = Xml.texts(doc, "text");
        assertThat(texts).contains("<script>alert(1)</script> & co");
        // A label's text content is its tooltip (raw token) followed by the shown label.
        assertThat(texts).anyMatch(s -> s.endsWith("<BOS>")).anyMatch(s -> s.endsWith("a&b"))
                .anyMatch(s -> s.endsWith("\"q'")).anyMatch(s -> s.equals("3: \" X\"X"));
    }

    @Test
    void labelsStripSpacesMakeWhitespaceVisibleAndTruncate() {
        assertThat(Heatmaps.label(" X")).isEqualTo("X");
        assertThat(Heatmaps.label("<BOS>")).isEqualTo("<BOS>");
        assertThat(Heatmaps.label(" ")).isEqualTo("␣");
        assertThat(Heatmaps.label("\n")).isEqualTo("⏎");
        assertThat(Heatmaps.label("abcdefghijklmnop")).isEqualTo("abcdefghijk…");
    }

    @Test
    void coloursRunFromWhiteToDarkBlueAndClamp() {
        assertThat(Heatmaps.colour(0f)).isEqualTo("#ffffff");
        assertThat(Heatmaps.colour(1f)).isEqualTo("#08306b");
        assertThat(Heatmaps.colour(2f)).isEqualTo("#08306b");
        assertThat(Heatmaps.colour(-1f)).isEqualTo("#ffffff");
        assertThat(Heatmaps.colour(Float.NaN)).isEqualTo("#cccccc");
    }

    @Test
    void rejectsShapesThatDoNotMatchTheTokensAndUnknownHeads() {
        float[][][] pattern = inductionLike(2, TOKENS.size());
        assertThatThrownBy(() -> Heatmaps.layer("t", TOKENS.subList(0, 3), pattern))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 tokens");
        assertThatThrownBy(() -> Heatmaps.layer("t", TOKENS, pattern, Set.of(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highlighted head 2");
    }

    @Test
    @DisplayName("a rectangular grid has one cell per row and column, clamps the colour and keeps the exact value")
    void grid() throws Exception {
        String svg = Heatmaps.grid("gap <moved>", "rows: head · columns: direction", List.of("L0H0", "L1H1"),
                List.of("denoising", "noising"), new float[][] {{0.5f, -0.25f}, {1.5f, Float.NaN}});
        Document doc = Xml.parse(svg);
        List<Element> cells = Xml.elements(doc, "rect").stream()
                .filter(r -> r.getElementsByTagNameNS("*", "title").getLength() == 1).toList();
        assertThat(cells).hasSize(4);
        assertThat(Xml.texts(doc, "title")).contains("L0H0 · noising: -0.2500", "L1H1 · denoising: 1.5000",
                "L1H1 · noising: NaN", "gap <moved>");
        assertThat(cells.get(1).getAttribute("fill")).isEqualTo(Heatmaps.colour(0f));
        assertThat(cells.get(2).getAttribute("fill")).isEqualTo(Heatmaps.colour(1f));
        assertThatThrownBy(() -> Heatmaps.grid("t", "a", List.of("r"), List.of("c"),
                new float[][] {{1f, 2f}})).isInstanceOf(IllegalArgumentException.class);
    }
}
