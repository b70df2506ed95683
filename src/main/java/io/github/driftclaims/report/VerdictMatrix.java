package io.github.driftclaims.report;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Claim x model: every verdict, the numbers it rests on and the rule, as the Markdown that
 * {@code ./mvnw verify} writes to {@code reports/verdicts.md} and the README shows.
 */
public record VerdictMatrix(List<Column> columns) {

    /**
     * One model (one finding per claim), or an ensemble (several findings per claim, shown as their
     * distribution).
     */
    public record Column(String model, Map<Claim, List<Finding>> findings) {

        public static Column of(String model, List<Finding> findings) {
            Map<Claim, List<Finding>> m = new EnumMap<>(Claim.class);
            findings.forEach(f -> m.put(f.claim(), List.of(f)));
            return new Column(model, m);
        }

        public static Column ensemble(String model, List<List<Finding>> members) {
            Map<Claim, List<Finding>> m = new EnumMap<>(Claim.class);
            for (List<Finding> member : members) {
                member.forEach(f -> m.computeIfAbsent(f.claim(), c -> new ArrayList<>()).add(f));
            }
            return new Column(model, m);
        }

        /** "reproduced", or for an ensemble "reproduced 6/8 · partly 2/8". */
        public String cell(Claim c) {
            List<Finding> fs = findings.getOrDefault(c, List.of());
            if (fs.isEmpty()) {
                return "—"; // this column's source does not cover the claim (e.g. a prompt style's later cells only)
            }
            if (fs.size() == 1) {
                Finding f = fs.get(0);
                return f.verdict() == Verdict.REPRODUCED ? "**" + f.verdictText() + "**" : f.verdictText();
            }
            Map<String, Integer> counts = new TreeMap<>();
            fs.forEach(f -> counts.merge(f.verdictText(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            for (Verdict v : Verdict.values()) {
                Integer n = counts.remove(v.toString());
                if (n != null) {
                    parts.add(v + " " + n + "/" + fs.size());
                }
            }
            counts.forEach((v, n) -> parts.add(v + " " + n + "/" + fs.size()));
            return String.join(" · ", parts);
        }
    }

    public String markdown() {
        return markdown(true);
    }

    /**
     * The claim x model table of verdicts alone, without the numbers they rest on: what the README shows. The
     * numbers move with the CPU's kernels (by about 1e-6 in P(X)); a verdict moves only when a number crosses its
     * line, so this table is the same on every machine where no verdict is fragile.
     */
    public String verdictTable() {
        StringBuilder b = new StringBuilder();
        b.append("| claim |");
        columns.forEach(c -> b.append(' ').append(escape(c.model())).append(" |"));
        b.append("\n|---|");
        columns.forEach(c -> b.append("---|"));
        b.append('\n');
        for (Claim claim : claims()) {
            b.append("| ").append(escape(claim.label())).append(" |");
            columns.forEach(c -> b.append(' ').append(c.cell(claim)).append(" |"));
            b.append('\n');
        }
        return b.toString();
    }

    /** @param rules false for a second table under the same rules (the rules are listed once, under the first) */
    public String markdown(boolean rules) {
        StringBuilder b = new StringBuilder(verdictTable());
        b.append("\nThe numbers each verdict rests on:\n");
        for (Column c : columns) {
            if (c.findings().values().stream().anyMatch(fs -> fs.size() != 1)) {
                continue;
            }
            b.append("\n- ").append(c.model()).append(":\n");
            c.findings().forEach((claim, fs) -> b.append("  - ").append(claim.number()).append(' ')
                    .append(fs.get(0).verdictText()).append(": ").append(fs.get(0).reason()).append('\n'));
        }
        if (!rules) {
            return b.toString();
        }
        b.append("\nThe rules (`verdict/Rules.java`, lines in `verdict/Thresholds.java`):\n\n");
        for (Claim claim : claims()) {
            b.append("- ").append(claim.number()).append(": ").append(Rules.describe(claim)).append('\n');
        }
        return b.toString();
    }

    /** The claims some column has a finding for, in claim order. */
    List<Claim> claims() {
        return java.util.Arrays.stream(Claim.values())
                .filter(c -> columns.stream().anyMatch(col -> col.findings().containsKey(c))).toList();
    }

    /** The same table as HTML, for the report's attachment. */
    public String html() {
        StringBuilder b = new StringBuilder("<html><body><table border=\"1\" cellpadding=\"4\"><tr><th>claim</th>");
        columns.forEach(c -> b.append("<th>").append(html(c.model())).append("</th>"));
        b.append("</tr>");
        for (Claim claim : claims()) {
            b.append("<tr><td>").append(html(claim.label())).append("</td>");
            for (Column c : columns) {
                List<Finding> fs = c.findings().getOrDefault(claim, List.of());
                String title = fs.size() == 1 ? fs.get(0).reason() : "";
                b.append("<td title=\"").append(html(title)).append("\">")
                        .append(html(c.cell(claim).replace("**", ""))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table></body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
