package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.EdgeAblation.Edge;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PathPatching.Input;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@DisplayName("The circuit drawing")
class CircuitGraphTest {

    @Test
    @DisplayName("is well-formed SVG with one line per kept edge, coloured by its input, the marked heads outlined")
    void drawsEveryKeptEdge() throws Exception {
        List<Edge> kept = List.of(new Edge(new Head(0, 0), new Head(1, 1), Input.K), new Edge(null, new Head(1, 1),
                Input.Q), new Edge(new Head(1, 1), null, Input.DIRECT));
        String svg = CircuitGraph.of("a <circuit> & more", 2, 2, kept, Set.of(new Head(0, 0), new Head(1, 1)));
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList lines = d.getElementsByTagName("line");
        assertThat(lines.getLength()).isEqualTo(3);
        assertThat(lines.item(0).getAttributes().getNamedItem("stroke").getNodeValue()).isEqualTo("#c05621");
        assertThat(lines.item(0).getTextContent()).isEqualTo("L0H0 -> L1H1 k");
        assertThat(svg).contains("a &lt;circuit&gt; &amp; more");
        NodeList rects = d.getElementsByTagName("rect");
        int outlined = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            var w = rects.item(i).getAttributes().getNamedItem("stroke-width");
            outlined += w != null && w.getNodeValue().equals("2.5") ? 1 : 0;
        }
        assertThat(outlined).isEqualTo(2);
    }
}
