package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The verdict matrix the README and reports/verdicts.md show, from findings written by hand. */
@DisplayName("The verdict matrix")
class VerdictMatrixTest {

    static Finding f(Claim c, Verdict v, String reason) {
        return new Finding(c, v, reason);
    }

    // Built per test, not in static fields: mutation testing cannot see code that only a class initialiser runs.
    final VerdictMatrix.Column SINGLE = VerdictMatrix.Column.of("toy | seed 0", List.of(
            f(Claim.DRIFT, Verdict.REPRODUCED, "drift 0.31 >= 0.05"),
            f(Claim.ATTENTION_CIRCUIT, Verdict.PARTLY, "prev-token 0.61 < 0.7 & \"stripe\" <2>")));

    final VerdictMatrix.Column ENSEMBLE = VerdictMatrix.Column.ensemble("ensemble", List.of(
            List.of(f(Claim.DRIFT, Verdict.REFUTED, "a"), f(Claim.TOP_TWO_COLLAPSE, Verdict.PARTLY, "x")),
            List.of(f(Claim.DRIFT, Verdict.REPRODUCED, "b"), f(Claim.TOP_TWO_COLLAPSE, Verdict.PARTLY, "y")),
            List.of(f(Claim.DRIFT, Verdict.REPRODUCED, "c"), Finding.undetermined(Claim.TOP_TWO_COLLAPSE, "no sweep"))));

    @Test
    @DisplayName("a single model's cell is its verdict, bold when reproduced; a claim it does not cover is a dash")
    void singleCells() {
        assertThat(SINGLE.cell(Claim.DRIFT)).isEqualTo("**reproduced**");
        assertThat(SINGLE.cell(Claim.ATTENTION_CIRCUIT)).isEqualTo("partly");
        assertThat(SINGLE.cell(Claim.TOP_TWO_COLLAPSE)).isEqualTo("—");
    }

    @Test
    @DisplayName("an ensemble's cell counts its members' verdicts in verdict order, not-determined last")
    void ensembleCells() {
        assertThat(ENSEMBLE.cell(Claim.DRIFT)).isEqualTo("reproduced 2/3 · refuted 1/3");
        assertThat(ENSEMBLE.cell(Claim.TOP_TWO_COLLAPSE)).isEqualTo("partly 2/3 · not determined 1/3");
    }

    @Test
    @DisplayName("the Markdown lists the claims some column covers, in claim order, with each single model's reasons and the rules")
    void markdown() {
        String md = new VerdictMatrix(List.of(SINGLE, ENSEMBLE)).markdown();
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("| claim | toy \\| seed 0 | ensemble |");
        assertThat(lines.get(1)).isEqualTo("|---|---|---|");
        assertThat(lines.get(2)).isEqualTo("| " + Claim.DRIFT.label().replace("|", "\\|") + " | **reproduced** | reproduced 2/3 · refuted 1/3 |");
        assertThat(lines.get(3)).startsWith("| " + Claim.ATTENTION_CIRCUIT.label().replace("|", "\\|") + " | partly | — |");
        assertThat(lines.get(4)).startsWith("| " + Claim.TOP_TWO_COLLAPSE.label().replace("|", "\\|") + " | — | partly 2/3");
        assertThat(lines.get(5)).isEmpty();
        assertThat(md).contains("- toy | seed 0:\n  - 4 reproduced: drift 0.31 >= 0.05\n  - 5 partly: prev-token")
                .doesNotContain("- ensemble:")
                .contains("The rules (`verdict/Rules.java`")
                .contains("- 7: " + Rules.describe(Claim.TOP_TWO_COLLAPSE));
        assertThat(new VerdictMatrix(List.of(SINGLE, ENSEMBLE)).markdown(false)).doesNotContain("The rules")
                .contains("The numbers each verdict rests on");
    }

    @Test
    @DisplayName("the HTML escapes names and reasons, drops the Markdown bold and titles each single cell with its reason")
    void html() {
        String html = new VerdictMatrix(List.of(SINGLE, ENSEMBLE)).html();
        assertThat(html).startsWith("<html><body><table").endsWith("</table>\n</body></html>\n")
                .contains("<th scope=\"col\">toy | seed 0</th><th scope=\"col\">ensemble</th>")
                .contains("<td class=\"cell v-reproduced\" title=\"drift 0.31 &gt;= 0.05\"><span class=\"verdict\">"
                        + "reproduced</span>")
                .contains("<td class=\"cell v-mixed\" title=\"reproduced 2/3 · refuted 1/3\">")
                .contains("title=\"prev-token 0.61 &lt; 0.7 &amp; &quot;stripe&quot; &lt;2&gt;\"><span class=\"verdict\">"
                        + "partly</span>")
                .contains("<p class=\"rule\">Rule: " + VerdictMatrix.html(Rules.describe(Claim.DRIFT)))
                .doesNotContain("**").doesNotContain("<a ").doesNotContain("no test result");
        assertThat(html.split("<tr", -1)).hasSize(1 + 1 + 3); // before the first, the header, three claims
    }

    @Test
    @DisplayName("a cell's short form drops a number-free label, stops at the first semicolon and is cut at a space")
    void shortReason() {
        assertThat(VerdictMatrix.shortReason("drift 0.4543 vs material 0.1")).isEqualTo("drift 0.4543 vs material 0.1");
        assertThat(VerdictMatrix.shortReason("evidence sweep (sequence prompt): MAE 0.09 -> 0.11"))
                .isEqualTo("MAE 0.09 -> 0.11");
        assertThat(VerdictMatrix.shortReason("after ablating [L1H1, L0H0]: drift 0.07")).isEqualTo(
                "after ablating [L1H1, L0H0]: drift 0.07");
        assertThat(VerdictMatrix.shortReason("own layers identical; later layers changed")).isEqualTo("own layers identical");
        String cut = VerdictMatrix.shortReason("word ".repeat(40));
        assertThat(cut).endsWith("…").hasSizeLessThanOrEqualTo(VerdictMatrix.SHORT + 1);
    }

    /** A partly verdict 0.0005 from its line with 0.01 of sampling spread: fragile; and a clear one beside it. */
    VerdictMatrix fragileMatrix() {
        return new VerdictMatrix(List.of(VerdictMatrix.Column.of("m", List.of(
                new Finding(Claim.DRIFT, Verdict.REPRODUCED, "drift 0.4", new io.github.driftclaims.verdict.Margin(
                        "drift", 0.4, 0.1, 2e-5, null)),
                new Finding(Claim.TOWARD_COUNTING, Verdict.PARTLY, "drift 0.0505", new io.github.driftclaims.verdict.Margin(
                        "ablated drift", 0.0505, 0.05, 2e-5, 0.01))))));
    }

    @Test
    @DisplayName("the README's table says each verdict in a short word, a fragile one marked, and its key names them all")
    void briefReadmeTable() {
        String t = fragileMatrix().readmeTable();
        assertThat(t).contains("| 4 " + Claim.DRIFT.title() + " | **yes** |")
                .contains("| 8 " + Claim.TOWARD_COUNTING.title() + " | part" + VerdictMatrix.FRAGILE_BRIEF + " |")
                .doesNotContain("reproduced").doesNotContain("(fragile)");
        for (Verdict v : Verdict.values()) {
            assertThat(VerdictMatrix.BRIEF_KEY).contains(VerdictMatrix.brief(v.toString()) + ": " + v);
        }
        assertThat(VerdictMatrix.BRIEF_KEY).contains("n/d: not determined");
    }

    @Test
    @DisplayName("a fragile verdict is labelled in the generated table and its line, never in the README's table")
    void fragileMarkdown() {
        VerdictMatrix m = fragileMatrix();
        String md = m.markdown();
        assertThat(md).contains(" | partly (fragile) |").contains(" | **reproduced** |")
                .doesNotContain("reproduced** (fragile)")
                .contains("  - 8 partly: drift 0.0505; ablated drift 0.05050 vs 0.05000: margin +0.0005000 (numerical "
                        + "2.0e-05, sampling 0.01000) FRAGILE\n")
                .contains("  - 4 reproduced: drift 0.4; drift 0.4000 vs 0.1000: margin +0.3000 (numerical 2.0e-05, "
                        + "sampling n/a)\n");
        assertThat(m.verdictTable()).contains(" | partly |").doesNotContain("fragile");
    }

    @Test
    @DisplayName("a fragile cell is hatched on the page and its margin is in the details; the page data keep it")
    void fragileHtml() throws Exception {
        VerdictMatrix m = fragileMatrix();
        String html = m.htmlTable(null);
        assertThat(html).contains("<td class=\"cell v-partly fragile\"").contains("<td class=\"cell v-reproduced\"")
                .contains("<p class=\"margin\">ablated drift 0.05050 vs 0.05000: margin +0.0005000");
        VerdictPageData back = VerdictPageData.fromJson(new VerdictPageData(List.of(new VerdictPageData.Table("t", "",
                m, java.util.Arrays.asList((VerdictPageData.TestKey) null))), List.of()).toJson());
        assertThat(back.tables().get(0).matrix().htmlTable(null)).isEqualTo(html);
    }

    /** SINGLE with claim 5 pinned by a commit and claim 4 a hypothesis. */
    VerdictMatrix.Column pinned() {
        return SINGLE.expecting(java.util.Set.of(Claim.DRIFT), java.util.Map.of(Claim.ATTENTION_CIRCUIT,
                new Pin("abc1234", "2026-12-02")));
    }

    @Test
    @DisplayName("a pinned finding's cell carries the mark, its reason the commit, and the table a legend line")
    void pinnedMarkdown() {
        VerdictMatrix m = new VerdictMatrix(List.of(pinned(), ENSEMBLE));
        String md = m.markdown();
        assertThat(md).contains(" | partly" + Pin.MARK + " | — |").contains(" | **reproduced** | reproduced 2/3")
                .contains("\n" + Pin.LEGEND + "\n")
                .contains("  - 5 partly" + Pin.MARK + ": prev-token 0.61 < 0.7 & \"stripe\" <2> [expected: pinned finding, "
                        + "pinned by abc1234 (2026-12-02)]\n")
                .contains("  - 4 reproduced: drift 0.31 >= 0.05\n");
        assertThat(m.readmeTable()).contains(" | part" + Pin.MARK + " |");
        assertThat(new VerdictMatrix(List.of(SINGLE)).markdown()).doesNotContain(Pin.LEGEND).doesNotContain(Pin.MARK);
        assertThat(pinned().restrict(c -> c != Claim.ATTENTION_CIRCUIT).pins()).isEmpty();
    }

    @Test
    @DisplayName("the counts say per column how many cells are hypotheses, pinned findings, or held to none")
    void expectationCounts() {
        String counts = new VerdictMatrix(List.of(pinned(), ENSEMBLE)).expectationCounts();
        assertThat(counts.lines().toList()).containsExactly("| column | hypotheses | pinned findings | held to none |",
                "|---|---|---|---|", "| toy \\| seed 0 | 1 | 1 | 0 |", "| ensemble | 0 | 0 | 2 |", "| all | 1 | 1 | 2 |");
        assertThat(new VerdictMatrix(List.of(SINGLE)).expectationCounts()).isEmpty();
    }

    @Test
    @DisplayName("on the page a pinned cell shows a dagger whose tooltip names the commit; the page data keep the kinds")
    void pinnedHtml() {
        VerdictMatrix m = new VerdictMatrix(List.of(pinned()));
        String html = m.htmlTable(null);
        assertThat(html).contains("<td class=\"cell v-partly pinned\"")
                .contains("<sup class=\"pinned\" title=\"pinned finding: the expected verdict was recorded from the "
                        + "measurement it checks, so a pass means nothing moved; pinned by abc1234 (2026-12-02)\">"
                        + Pin.HTML_MARK + "</sup>")
                .contains("Expected verdict: a hypothesis stated beforehand")
                .contains("Expected verdict: a pinned finding, pinned by abc1234 (2026-12-02)");
        VerdictPageData back = VerdictPageData.fromJson(new VerdictPageData(List.of(new VerdictPageData.Table("t", "",
                m, java.util.Arrays.asList((VerdictPageData.TestKey) null))), List.of()).toJson());
        assertThat(back.tables().get(0).matrix().htmlTable(null)).isEqualTo(html);
        assertThat(back.tables().get(0).matrix().columns().get(0)).isEqualTo(pinned());
    }
}
