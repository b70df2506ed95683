package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.verdict.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reports/index.html from hand-written verdicts and a hand-made single-file Allure report. */
@DisplayName("The verdict page")
class VerdictPageTest {

    static final String NASTY = "drift 0.31 <b>not bold</b> & \"quoted\" vs 0.1";

    final VerdictMatrix.Column toy = VerdictMatrix.Column.of("toy", List.of(
            new Finding(Claim.DRIFT, Verdict.REPRODUCED, NASTY),
            new Finding(Claim.ATTENTION_CIRCUIT, Verdict.PARTLY, "stripe 0.4 vs 0.5"),
            new Finding(Claim.CLOSER_TO_BAYES, Verdict.REFUTED, "evidence sweep (sequence prompt): MAE 0.09 -> 0.11")));
    final VerdictMatrix.Column recorded = VerdictMatrix.Column.of("recorded", List.of(
            new Finding(Claim.DRIFT, Verdict.REFUTED, "drift 0.01 vs 0.1"),
            Finding.undetermined(Claim.ATTENTION_CIRCUIT, "needs the weights")));

    /** A single-file report holding test cases as Allure 2.34 writes them: base64 JSON in d('...','...') calls. */
    static String report(String... testCases) {
        StringBuilder b = new StringBuilder("<html><body><script defer>Promise.allSettled([\n");
        for (String tc : testCases) {
            String uid = tc.replaceAll("(?s).*\"uid\":\"([^\"]+)\".*", "$1");
            b.append("d('data/test-cases/").append(uid).append(".json','")
                    .append(Base64.getEncoder().encodeToString(tc.getBytes(StandardCharsets.UTF_8))).append("'),\n");
        }
        b.append("d('data/attachments/x.txt','aGk='),\n]).then(function(){});</script></body></html>");
        return b.toString();
    }

    static String testCase(String uid, String name, String status, int claim, String story, String... params) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            p.append(i == 0 ? "" : ",").append("{\"name\":\"").append(params[i]).append("\",\"value\":\"")
                    .append(params[i + 1]).append("\"}");
        }
        return "{\"uid\":\"" + uid + "\",\"name\":\"" + name + "\",\"fullName\":\"x." + name + "\",\"status\":\"" + status
                + "\",\"labels\":[{\"name\":\"epic\",\"value\":\"Claims\"},{\"name\":\"claim\",\"value\":\"" + claim
                + "\"},{\"name\":\"story\",\"value\":\"" + story + "\"}],\"parameters\":[" + p + "]}";
    }

    AllureSingleFile allure() {
        return AllureSingleFile.parse(report(
                testCase("aaa111", "drift on toy", "passed", 4, "toy"),
                testCase("bbb222", "attention on toy", "failed", 5, "toy"),
                // claim 12 on toy under two prompts: the key's style decides
                testCase("ccc333", "claim 12 on toy, toy prompt", "passed", 12, "toy", "style", "TOY", "ablation", "zero"),
                testCase("ddd444", "claim 12 on toy, sequence prompt", "passed", 12, "toy", "style", "SEQUENCE",
                        "ablation", "zero"),
                testCase("eee555", "claim 4 on another model", "passed", 4, "other")));
    }

    VerdictPageData data() {
        Map<String, String> seq = Map.of("style", "SEQUENCE", "ablation", "zero");
        return new VerdictPageData(List.of(new VerdictPageData.Table("Claim x model", "a <note>",
                new VerdictMatrix(List.of(toy, recorded)), List.of(new VerdictPageData.TestKey("toy", seq),
                new VerdictPageData.TestKey("recorded", Map.of("style", "TOY"))))),
                List.of(new VerdictPageData.Chart("Drift", "toy: drift", "<?xml version=\"1.0\"?>\n<svg xmlns="
                        + "\"http://www.w3.org/2000/svg\"><rect width=\"3\" height=\"4\"/></svg>")));
    }

    static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    static String cell(String html, int claim, int column) {
        Matcher row = Pattern.compile("<tr data-claim=\"" + claim + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(row.find()).as("row of claim %d", claim).isTrue();
        String[] cells = row.group(1).split("<td ", -1);
        return cells[column + 1];
    }

    @Test
    @DisplayName("every claim x column cell is there, coloured by its verdict, with the short number and the rule")
    void everyCellColouredByVerdict() {
        String html = VerdictPage.html(data(), allure(), "allure/index.html");
        assertThat(count(html, "<td class=\"cell ")).isEqualTo(3 * 2);
        assertThat(count(html, "<tr data-claim=")).isEqualTo(3);
        assertThat(cell(html, 4, 0)).startsWith("class=\"cell v-reproduced\"");
        assertThat(cell(html, 4, 1)).startsWith("class=\"cell v-refuted\"");
        assertThat(cell(html, 5, 0)).startsWith("class=\"cell v-partly\"");
        assertThat(cell(html, 5, 1)).startsWith("class=\"cell v-undetermined\"").contains("not determined");
        assertThat(cell(html, 12, 1)).startsWith("class=\"cell v-none\"").contains("—");
        assertThat(cell(html, 12, 0)).contains("<div class=\"num\">MAE 0.09 -&gt; 0.11</div>")
                .contains("Rule: " + VerdictMatrix.html(Rules.describe(Claim.CLOSER_TO_BAYES)));
        assertThat(html).contains("<th scope=\"col\">toy</th><th scope=\"col\">recorded</th>")
                .contains(".v-reproduced {").contains(".v-refuted {");
    }

    @Test
    @DisplayName("a reason with <, >, & and \" is escaped in the cell, its title and its details")
    void escapesReasons() {
        String html = VerdictPage.html(data(), allure(), "allure/index.html");
        String escaped = "drift 0.31 &lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot; vs 0.1";
        assertThat(cell(html, 4, 0)).contains("title=\"" + escaped + "\"").contains("<p class=\"reason\">" + escaped);
        assertThat(html).doesNotContain("<b>not bold</b>").doesNotContain("\"quoted\"").contains("a &lt;note&gt;");
    }

    @Test
    @DisplayName("each cell links to its claim's test by the uid Allure gave it; a cell without one says so")
    void linksByUid() {
        String html = VerdictPage.html(data(), allure(), "allure/index.html");
        assertThat(cell(html, 4, 0)).contains("href=\"allure/index.html#testresult/aaa111\"");
        // two claim-12 tests on toy: the column's prompt style picks the sequence one
        assertThat(cell(html, 12, 0)).contains("href=\"allure/index.html#testresult/ddd444\"")
                .doesNotContain("ccc333");
        assertThat(cell(html, 5, 0)).contains("#testresult/bbb222").contains("test failed");
        assertThat(cell(html, 4, 1)).doesNotContain("<a ").contains(VerdictPage.NO_TEST)
                .contains("the Allure report has no test of claim 4 on recorded");
        assertThat(count(html, "class=\"verdict test-link\"")).isEqualTo(3);
        String noReport = VerdictPage.html(data(), null, "allure/index.html");
        assertThat(count(noReport, "class=\"verdict test-link\"")).isZero();
        assertThat(count(noReport, VerdictPage.NO_TEST + ": no Allure report was generated")).isEqualTo(5);
    }

    @Test
    @DisplayName("the page is one file: inline CSS and SVG, no script, no external address but the data: icon")
    void selfContained() {
        String html = VerdictPage.html(data(), allure(), "allure/index.html");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
                .contains("<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\"><rect")
                .doesNotContain("<?xml").doesNotContain("<script").doesNotContain("src=")
                .doesNotContain("rel=\"stylesheet\"").doesNotContain("@import").doesNotContain("url(");
        assertThat(Pattern.compile("href=\"(?!allure/index.html|verdicts.md|data:|#)").matcher(html).find()).isFalse();
    }

    @Test
    @DisplayName("the data survives its JSON file, and the page is written from it; no data removes a stale page")
    void writesFromDataAndRemovesStalePage(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("target/verdict-page/data.json");
        data().write(data);
        VerdictPageData back = VerdictPageData.read(data);
        assertThat(back).isEqualTo(data());
        Path allure = dir.resolve("reports/allure/index.html");
        Files.createDirectories(allure.getParent());
        Files.writeString(allure, report(testCase("aaa111", "drift on toy", "passed", 4, "toy")));
        Path out = dir.resolve("reports/index.html");
        assertThat(VerdictPage.write(data, allure, out)).contains("1 cells linked");
        assertThat(Files.readString(out)).contains("href=\"allure/index.html#testresult/aaa111\"");
        Files.delete(data);
        assertThat(VerdictPage.write(data, allure, out)).contains("not written");
        assertThat(out).doesNotExist();
    }
}
