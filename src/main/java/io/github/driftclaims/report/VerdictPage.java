package io.github.driftclaims.report;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code reports/index.html}, the page a reader lands on: the claim x model verdict matrix coloured by verdict, each
 * cell linking to the claim's test in the single-file Allure report, and the charts. One self-contained file (inline
 * CSS and SVG, no scripts), so it opens from {@code file://}.
 *
 * <p>Run by {@code ./mvnw verify} after the Allure report is generated (pom.xml, profile allure), because the links
 * need the uids Allure assigns then: {@code VerdictPage [data.json [allure/index.html [index.html]]]}.
 */
public final class VerdictPage {

    public static final Path ALLURE = Path.of("reports", "allure", "index.html");
    public static final Path OUT = Path.of("reports", "index.html");
    /** What a cell without a test result says. */
    public static final String NO_TEST = "no test result";

    private VerdictPage() {}

    public static void main(String[] args) {
        Path data = args.length > 0 ? Path.of(args[0]) : VerdictPageData.DEFAULT;
        Path allure = args.length > 1 ? Path.of(args[1]) : ALLURE;
        Path out = args.length > 2 ? Path.of(args[2]) : OUT;
        try {
            System.out.println(write(data, allure, out));
        } catch (IOException | RuntimeException e) {
            System.err.println("error: verdict page " + out + " not written: " + e);
            System.exit(1);
        }
    }

    /** Writes the page, or removes a previous one when this build wrote no data; returns what it did, in words. */
    static String write(Path data, Path allure, Path out) throws IOException {
        if (!Files.isRegularFile(data)) {
            // A page from an earlier build would link into this build's Allure report by stale uids.
            Files.deleteIfExists(out);
            return "verdict page: not written: no " + data + " (the verdict matrix test did not run in this build)";
        }
        VerdictPageData d = VerdictPageData.read(data);
        AllureSingleFile report = Files.isRegularFile(allure) ? AllureSingleFile.read(allure) : null;
        Path base = out.toAbsolutePath().getParent();
        String href = base.relativize(allure.toAbsolutePath()).toString().replace('\\', '/');
        String html = html(d, report, href);
        TextFiles.writeAtomically(out, html);
        long links = html.split("class=\"verdict test-link\"", -1).length - 1;
        return "verdict page: " + out + " (" + links + " cells linked to " + allure + ")";
    }

    /**
     * The page.
     *
     * @param report null when there is no Allure report (every cell then says so)
     * @param allureHref the report's address relative to the page
     */
    public static String html(VerdictPageData d, AllureSingleFile report, String allureHref) {
        StringBuilder b = new StringBuilder();
        b.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Verdicts: the toy-induction notebook's claims, model by model</title>
                <link rel="icon" href="data:,">
                <style>
                """).append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>Which of the notebook's claims hold, on which model</h1>\n<p>Each claim is decided by a "
                + "rule (<code>verdict/Rules.java</code>) from the numbers measured on the model. A cell shows the "
                + "verdict and the number it rests on; <em>why</em> opens the full reason and the rule; the verdict "
                + "links to the claim's test in the <a href=\"").append(VerdictMatrix.html(allureHref))
                .append("\">Allure report</a>.</p>\n");
        Map<String, List<VerdictPageData.Chart>> sections = new LinkedHashMap<>();
        d.charts().forEach(c -> sections.computeIfAbsent(c.section(), s -> new ArrayList<>()).add(c));
        b.append(legend()).append("<nav><p>");
        for (int i = 0; i < d.tables().size(); i++) {
            b.append("<a href=\"#table-").append(i + 1).append("\">").append(VerdictMatrix.html(d.tables().get(i).title()))
                    .append("</a> · ");
        }
        int n = 0;
        for (String section : sections.keySet()) {
            b.append("<a href=\"#charts-").append(++n).append("\">").append(VerdictMatrix.html(section.replaceAll(":.*", "")))
                    .append("</a>").append(n < sections.size() ? " · " : "");
        }
        b.append("</p></nav>\n</header>\n<main>\n");
        int t1 = 0;
        for (VerdictPageData.Table t : d.tables()) {
            b.append("<section class=\"table\" id=\"table-").append(++t1).append("\">\n<h2>")
                    .append(VerdictMatrix.html(t.title())).append("</h2>\n");
            if (!t.note().isEmpty()) {
                b.append("<p>").append(VerdictMatrix.html(t.note())).append("</p>\n");
            }
            b.append(summary(t.matrix()));
            b.append("<div class=\"scroll\">").append(t.matrix().htmlTable((column, claim) ->
                    link(t, column, claim, report, allureHref))).append("</div>\n</section>\n");
        }
        int c1 = 0;
        for (Map.Entry<String, List<VerdictPageData.Chart>> e : sections.entrySet()) {
            String section = e.getKey();
            List<VerdictPageData.Chart> charts = e.getValue();
            b.append("<section class=\"charts\" id=\"charts-").append(++c1).append("\">\n<h2>")
                    .append(VerdictMatrix.html(section)).append("</h2>\n<div class=\"grid\">\n");
            for (VerdictPageData.Chart c : charts) {
                b.append("<figure class=\"chart\">").append(inline(c.svg())).append("<figcaption>")
                        .append(VerdictMatrix.html(c.title())).append("</figcaption></figure>\n");
            }
            b.append("</div>\n</section>\n");
        }
        b.append("</main>\n<footer><p>Written by <code>./mvnw verify</code>; the numbers as text: "
                + "<a href=\"verdicts.md\">verdicts.md</a>; every test: <a href=\"").append(VerdictMatrix.html(allureHref))
                .append("\">Allure report</a>.</p></footer>\n</body>\n</html>\n");
        return b.toString();
    }

    static VerdictMatrix.Link link(VerdictPageData.Table t, VerdictMatrix.Column column, Claim claim,
                                   AllureSingleFile report, String allureHref) {
        VerdictPageData.TestKey key = t.tests().get(t.matrix().columns().indexOf(column));
        if (key == null) {
            return VerdictMatrix.Link.none("this column sums up several models; their tests are in the report");
        }
        if (report == null) {
            return VerdictMatrix.Link.none("no Allure report was generated");
        }
        AllureSingleFile.Match m = report.find(claim.number(), key);
        if (m.result() == null) {
            return VerdictMatrix.Link.none(m.why());
        }
        return new VerdictMatrix.Link(allureHref + AllureSingleFile.route(m.result().uid()), m.result().name(),
                m.result().failed(), null);
    }

    /** An SVG as an element of the page: without the XML declaration a standalone file may start with. */
    static String inline(String svg) {
        String s = svg.strip();
        return s.startsWith("<?xml") ? s.substring(s.indexOf("?>") + 2).strip() : s;
    }

    private static String legend() {
        StringBuilder b = new StringBuilder("<p class=\"legend\">");
        for (Verdict v : Verdict.values()) {
            b.append("<span class=\"").append(VerdictMatrix.verdictClass(v)).append("\">").append(v).append("</span> ");
        }
        for (String[] v : new String[][] {{VerdictMatrix.UNDETERMINED, "not determined"}, {"v-none", "— not covered"}}) {
            b.append("<span class=\"").append(v[0]).append("\">").append(v[1]).append("</span> ");
        }
        b.append("<span><sup class=\"").append(VerdictMatrix.PINNED_CLASS).append("\">").append(Pin.HTML_MARK)
                .append("</sup> pinned finding: the expected verdict was recorded from the measurement it checks (hover "
                        + "the mark for the commit); unmarked cells are held to a hypothesis stated beforehand</span> ");
        return b.append("</p>\n").toString();
    }

    /** "reproduced 40 · partly 12 · ..." over the table's single-model cells. */
    private static String summary(VerdictMatrix m) {
        Map<String, Integer> counts = new TreeMap<>();
        for (VerdictMatrix.Column c : m.columns()) {
            for (List<Finding> fs : c.findings().values()) {
                fs.forEach(f -> counts.merge(f.verdictText(), 1, Integer::sum));
            }
        }
        StringBuilder b = new StringBuilder("<p class=\"summary\">");
        List<String> all = new java.util.ArrayList<>(java.util.Arrays.stream(Verdict.values()).map(Verdict::toString)
                .toList());
        all.add("not determined");
        for (String v : all) {
            b.append(v).append(' ').append(counts.getOrDefault(v, 0)).append(v.equals("not determined") ? "" : " · ");
        }
        return b.append(" (findings over ").append(m.columns().size()).append(" columns)</p>\n").toString();
    }

    private static final String CSS = """
            body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; margin: 1.5em; color: #1a202c; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
            .legend span, .summary { padding: 0.1em 0.5em; }
            .legend span { border-radius: 3px; }
            .scroll { overflow-x: auto; }
            table.matrix { border-collapse: collapse; font-size: 0.85em; }
            table.matrix th, table.matrix td { border: 1px solid #cbd5e0; padding: 0.3em 0.45em; vertical-align: top; }
            table.matrix thead th { background: #edf2f7; position: sticky; top: 0; }
            table.matrix tbody th { text-align: left; font-weight: normal; max-width: 26em; }
            td.cell { min-width: 9em; max-width: 16em; }
            .verdict { font-weight: bold; }
            a.verdict { color: inherit; }
            .num { font-size: 0.85em; color: #2d3748; }
            .failed { color: #fff; background: #c53030; border-radius: 3px; padding: 0 0.3em; font-size: 0.8em; }
            details { font-size: 0.8em; } summary { cursor: pointer; color: #4a5568; }
            .v-reproduced { background: #9ae6b4; } .v-partly { background: #faf089; }
            .v-refuted { background: #feb2b2; } .v-undetermined { background: #e2e8f0; }
            .v-not-applicable { background: #bee3f8; }
            .v-none { background: #fff; color: #a0aec0; text-align: center; } .v-mixed { background: #fff; }
            sup.pinned { font-weight: bold; color: #742a2a; cursor: help; }
            td.fragile { background-image: repeating-linear-gradient(45deg, transparent 0 6px, rgba(0,0,0,0.13) 6px 8px); }
            .dist { display: flex; height: 0.6em; margin-top: 0.2em; border: 1px solid #cbd5e0; }
            .grid { display: flex; flex-wrap: wrap; gap: 1em; }
            figure.chart { margin: 0; border: 1px solid #e2e8f0; padding: 0.5em; max-width: 100%; overflow-x: auto; }
            figcaption { font-size: 0.85em; color: #4a5568; }
            """;
}
