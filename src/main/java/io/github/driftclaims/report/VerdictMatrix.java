package io.github.driftclaims.report;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Claim x model: every verdict, the numbers it rests on and the rule, as the Markdown that
 * {@code ./mvnw verify} writes to {@code reports/verdicts.md} and the README shows.
 */
public record VerdictMatrix(List<Column> columns) {

    /**
     * One model (one finding per claim), or an ensemble (several findings per claim, shown as their
     * distribution).
     *
     * @param hypotheses the claims whose expected verdict on this column is a hypothesis
     * @param pins the claims whose expected verdict is a pinned finding, with the commit that pinned it; a claim in
     *     neither is held to no expectation (an ensemble's distribution, a claim the record cannot decide)
     */
    public record Column(String model, Map<Claim, List<Finding>> findings, Set<Claim> hypotheses,
            Map<Claim, Pin> pins) {

        public Column {
            hypotheses = Set.copyOf(hypotheses);
            pins = Map.copyOf(pins);
        }

        /** A column held to no expectations. */
        public Column(String model, Map<Claim, List<Finding>> findings) {
            this(model, findings, Set.of(), Map.of());
        }

        /** This column with the kind of each claim's expected verdict (issue 27: which cells are pinned). */
        public Column expecting(Set<Claim> hypotheses, Map<Claim, Pin> pins) {
            return new Column(model, findings, hypotheses, pins);
        }

        public static Column of(String model, List<Finding> findings) {
            Map<Claim, List<Finding>> m = new EnumMap<>(Claim.class);
            findings.forEach(f -> m.put(f.claim(), List.of(f)));
            return new Column(model, m);
        }

        /** This column with only the claims {@code keep} accepts (the claims apart from the suite checks, say). */
        public Column restrict(java.util.function.Predicate<Claim> keep) {
            Map<Claim, List<Finding>> m = new EnumMap<>(Claim.class);
            findings.forEach((c, fs) -> {
                if (keep.test(c)) {
                    m.put(c, fs);
                }
            });
            Map<Claim, Pin> p = new EnumMap<>(Claim.class);
            pins.forEach((c, pin) -> {
                if (keep.test(c)) {
                    p.put(c, pin);
                }
            });
            return new Column(model, m, hypotheses.stream().filter(keep).collect(java.util.stream.Collectors.toSet()),
                    p);
        }

        /** The claims with a finding here whose expected verdict is a hypothesis, a pinned finding, or neither. */
        public int[] expectationCounts() {
            int h = 0;
            int f = 0;
            for (Claim c : findings.keySet()) {
                if (pins.containsKey(c)) {
                    f++;
                } else if (hypotheses.contains(c)) {
                    h++;
                }
            }
            return new int[] {h, f, findings.size() - h - f};
        }

        public static Column ensemble(String model, List<List<Finding>> members) {
            Map<Claim, List<Finding>> m = new EnumMap<>(Claim.class);
            for (List<Finding> member : members) {
                member.forEach(f -> m.computeIfAbsent(f.claim(), c -> new ArrayList<>()).add(f));
            }
            return new Column(model, m);
        }

        /** "reproduced", or for an ensemble "reproduced 6/8 · partly 2/8": the verdicts alone. */
        public String cell(Claim c) {
            return cell(c, false);
        }

        /**
         * {@link #cell(Claim)}, with {@code fragile} also the label of a verdict whose margin is inside its
         * uncertainty: "partly (fragile)", or for an ensemble "· fragile 2/8".
         */
        public String cell(Claim c, boolean fragile) {
            return cell(c, fragile, true, false);
        }

        /**
         * @param mark append {@link Pin#MARK} to a pinned finding's verdict
         * @param brief a single verdict in the README's words ({@link #brief}), fragile as {@link #FRAGILE_BRIEF}
         */
        String cell(Claim c, boolean fragile, boolean mark, boolean brief) {
            List<Finding> fs = findings.getOrDefault(c, List.of());
            if (fs.isEmpty()) {
                return "—"; // this column's source does not cover the claim (e.g. a prompt style's later cells only)
            }
            if (fs.size() == 1) {
                Finding f = fs.get(0);
                String text = brief ? brief(f.verdictText()) : f.verdictText();
                String v = (f.verdict() == Verdict.REPRODUCED ? "**" + text + "**" : text)
                        + (mark && pins.containsKey(c) ? Pin.MARK : "");
                return fragile && f.fragile() ? v + (brief ? FRAGILE_BRIEF : " " + FRAGILE) : v;
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
            long fragileCount = fs.stream().filter(Finding::fragile).count();
            if (fragile && fragileCount > 0) {
                parts.add("fragile " + fragileCount + "/" + fs.size());
            }
            return String.join(" · ", parts);
        }
    }

    /** How a fragile verdict is labelled in a cell (QUALITY.md, "Margins and fragile verdicts"). */
    public static final String FRAGILE = "(fragile)";

    /** How the README's table labels a fragile verdict, after the verdict's word. */
    public static final String FRAGILE_BRIEF = "~";

    /** The README's key to {@link #brief} and {@link #FRAGILE_BRIEF}. */
    public static final String BRIEF_KEY = "yes: reproduced, part: partly, no: refuted, n/a: not applicable, "
            + "n/d: not determined; " + FRAGILE_BRIEF + ": fragile (margin inside its uncertainty)";

    /**
     * A verdict in the README's words: its table has a cell per claim and model, and in full words it would outgrow
     * the README as claims and models are added. reports/verdicts.md and the verdict page keep the full words.
     */
    static String brief(String verdictText) {
        return switch (verdictText) {
            case "reproduced" -> "yes";
            case "partly" -> "part";
            case "refuted" -> "no";
            case "not applicable" -> "n/a";
            case "not determined" -> "n/d";
            default -> throw new IllegalArgumentException("no brief word for the verdict " + verdictText);
        };
    }

    public String markdown() {
        return markdown(true);
    }

    /**
     * The claim x model table of verdicts alone, without the numbers they rest on. The numbers move with the CPU's
     * kernels (by about 1e-6 in P(X)); a verdict moves only when a number crosses its line.
     */
    public String verdictTable() {
        return verdictTable(false);
    }

    /** @param fragile mark the verdicts whose margin lies within their uncertainty */
    public String verdictTable(boolean fragile) {
        return table(fragile, Claim::label);
    }

    /**
     * What the README shows: each claim by its short title and number, verdicts alone, fragile ones marked (the
     * statements in full are in the generated file and on the verdict page).
     */
    public String readmeTable() {
        return table(true, c -> c.number() + " " + c.title(), true);
    }

    private String table(boolean fragile, java.util.function.Function<Claim, String> label) {
        return table(fragile, label, false);
    }

    private String table(boolean fragile, java.util.function.Function<Claim, String> label, boolean brief) {
        StringBuilder b = new StringBuilder();
        b.append("| claim |");
        columns.forEach(c -> b.append(' ').append(escape(c.model())).append(" |"));
        b.append("\n|---|");
        columns.forEach(c -> b.append("---|"));
        b.append('\n');
        for (Claim claim : claims()) {
            b.append("| ").append(escape(label.apply(claim))).append(" |");
            columns.forEach(c -> b.append(' ').append(c.cell(claim, fragile, true, brief)).append(" |"));
            b.append('\n');
        }
        return b.toString();
    }

    /** @param rules false for a second table under the same rules (the rules are listed once, under the first) */
    public String markdown(boolean rules) {
        StringBuilder b = new StringBuilder(verdictTable(true));
        if (columns.stream().anyMatch(c -> !c.pins().isEmpty())) {
            b.append('\n').append(Pin.LEGEND).append('\n');
        }
        b.append("\nThe numbers each verdict rests on, and its margin: the deciding number's distance from its line, "
                + "with its numerical and sampling uncertainty; FRAGILE where the margin is inside them (QUALITY.md, "
                + "\"Margins and fragile verdicts\"):\n");
        for (Column c : columns) {
            if (c.findings().values().stream().anyMatch(fs -> fs.size() != 1)) {
                continue;
            }
            b.append("\n- ").append(c.model()).append(":\n");
            c.findings().forEach((claim, fs) -> b.append("  - ").append(claim.number()).append(' ')
                    .append(fs.get(0).verdictText()).append(c.pins().containsKey(claim) ? Pin.MARK : "").append(": ")
                    .append(fs.get(0).reasonWithMargin()).append(c.pins().containsKey(claim)
                            ? " [expected: pinned finding, " + c.pins().get(claim).text() + "]" : "").append('\n'));
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

    /**
     * Per column, how many of its cells are held to a hypothesis and how many to a pinned finding (issue 27: a green
     * pinned cell means "nothing moved", not "the hypothesis held"), as a Markdown table; empty when no column is
     * held to any expectation.
     */
    public String expectationCounts() {
        if (columns.stream().allMatch(c -> c.hypotheses().isEmpty() && c.pins().isEmpty())) {
            return "";
        }
        StringBuilder b = new StringBuilder("| column | hypotheses | pinned findings | held to none |\n|---|---|---|---|\n");
        int[] total = new int[3];
        for (Column c : columns) {
            int[] n = c.expectationCounts();
            b.append("| ").append(escape(c.model())).append(" | ").append(n[0]).append(" | ").append(n[1]).append(" | ")
                    .append(n[2]).append(" |\n");
            for (int i = 0; i < 3; i++) {
                total[i] += n[i];
            }
        }
        return b.append("| all | ").append(total[0]).append(" | ").append(total[1]).append(" | ").append(total[2])
                .append(" |\n").toString();
    }

    /** The claims some column has a finding for, in claim order. */
    List<Claim> claims() {
        return java.util.Arrays.stream(Claim.values())
                .filter(c -> columns.stream().anyMatch(col -> col.findings().containsKey(c))).toList();
    }

    /** The same table as HTML, for the report's attachment: verdicts, the reason on hover, no links. */
    public String html() {
        return "<html><body>" + htmlTable(null) + "</body></html>\n";
    }

    /**
     * Where a cell's test result is in the Allure report, for {@link #htmlTable}.
     *
     * @param href null when no test result was found for the cell; {@code why} then says so
     * @param test the test's name as the report shows it
     * @param failed the test failed or broke (its verdict is not the expected one, or a check in it failed)
     */
    public record Link(String href, String test, boolean failed, String why) {

        public static Link none(String why) {
            return new Link(null, null, false, why);
        }
    }

    /** Finds the test result behind one cell; see {@link #htmlTable}. */
    @FunctionalInterface
    public interface Links {
        Link of(Column column, Claim claim);
    }

    /**
     * The matrix as an HTML table, each cell coloured by its verdict (CSS class {@code v-reproduced},
     * {@code v-partly}, {@code v-refuted}, {@code v-undetermined}; {@code v-mixed} for an ensemble's distribution,
     * {@code v-none} where the column does not cover the claim), showing the verdict and a short form of the numbers
     * it rests on, with the full reason and the rule in a {@code <details>}.
     *
     * @param links where each cell's test result is; null for no links at all (the Allure attachment)
     */
    public String htmlTable(Links links) {
        StringBuilder b = new StringBuilder("<table class=\"matrix\">\n<thead><tr><th scope=\"col\">claim</th>");
        columns.forEach(c -> b.append("<th scope=\"col\">").append(html(c.model())).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (Claim claim : claims()) {
            b.append("<tr data-claim=\"").append(claim.number()).append("\"><th scope=\"row\">")
                    .append(html(claim.label())).append("</th>");
            for (Column c : columns) {
                b.append(cellHtml(c, claim, links));
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    private static String cellHtml(Column c, Claim claim, Links links) {
        List<Finding> fs = c.findings().getOrDefault(claim, List.of());
        if (fs.isEmpty()) {
            return "<td class=\"cell v-none\" title=\"not covered by this column\">—</td>";
        }
        StringBuilder b = new StringBuilder();
        String verdict = c.cell(claim, true, false, false).replace("**", "");
        Pin pin = fs.size() == 1 ? c.pins().get(claim) : null;
        String cls = (fs.size() == 1 ? verdictClass(fs.get(0)) : "v-mixed")
                + (fs.stream().anyMatch(Finding::fragile) ? " " + FRAGILE_CLASS : "")
                + (fs.size() == 1 && c.pins().containsKey(claim) ? " " + PINNED_CLASS : "");
        String title = fs.size() == 1 ? fs.get(0).reasonWithMargin() : verdict;
        b.append("<td class=\"cell ").append(cls).append("\" title=\"").append(html(title)).append("\">");
        Link link = links == null ? null : links.of(c, claim);
        if (link != null && link.href() != null) {
            b.append("<a class=\"verdict test-link\" href=\"").append(html(link.href())).append("\" title=\"")
                    .append(html("open the test in the Allure report: " + link.test())).append("\">")
                    .append(html(verdict)).append("</a>");
        } else {
            b.append("<span class=\"verdict\">").append(html(verdict)).append("</span>");
        }
        if (pin != null) {
            b.append("<sup class=\"").append(PINNED_CLASS).append("\" title=\"").append(html(PINNED_TITLE + pin.text()))
                    .append("\">").append(Pin.HTML_MARK).append("</sup>");
        }
        if (link != null && link.failed()) {
            b.append(" <span class=\"failed\" title=\"this test failed\">test failed</span>");
        }
        if (fs.size() > 1) {
            b.append(distribution(fs));
        } else {
            b.append("<div class=\"num\">").append(html(shortReason(fs.get(0).reason()))).append("</div>");
        }
        b.append("<details><summary>why</summary>");
        if (fs.size() == 1) {
            b.append("<p class=\"reason\">").append(html(fs.get(0).reason())).append("</p>");
            if (fs.get(0).margin() != null) {
                b.append("<p class=\"margin\">").append(html(fs.get(0).margin().text())).append("</p>");
            }
        }
        if (pin != null) {
            b.append("<p class=\"expected\">Expected verdict: a pinned finding, ").append(html(pin.text())).append("</p>");
        } else if (fs.size() == 1 && c.hypotheses().contains(claim)) {
            b.append("<p class=\"expected\">Expected verdict: a hypothesis stated beforehand</p>");
        }
        b.append("<p class=\"rule\">Rule: ").append(html(Rules.describe(claim))).append("</p>");
        if (link != null) {
            b.append(link.href() != null ? "<p class=\"test\">Test: " + html(link.test()) + "</p>"
                    : "<p class=\"no-test\">no test result: " + html(link.why()) + "</p>");
        }
        return b.append("</details></td>").toString();
    }

    /** An ensemble's verdicts as a bar of proportional segments, in verdict order. */
    private static String distribution(List<Finding> fs) {
        StringBuilder b = new StringBuilder("<div class=\"dist\">");
        for (String cls : VERDICT_CLASSES) {
            long n = fs.stream().filter(f -> verdictClass(f).equals(cls)).count();
            if (n > 0) {
                b.append("<span class=\"").append(cls).append("\" style=\"flex-grow:").append(n).append("\"></span>");
            }
        }
        return b.append("</div>").toString();
    }

    static String verdictClass(Finding f) {
        return f.verdict() == null ? UNDETERMINED : verdictClass(f.verdict());
    }

    /** "v-reproduced" ... "v-not-applicable": a CSS class name, so without the space of "not applicable". */
    static String verdictClass(Verdict v) {
        return "v-" + v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static final String UNDETERMINED = "v-undetermined";

    /** The class of a pinned cell and of its mark. */
    static final String PINNED_CLASS = "pinned";

    /** A pinned cell's mark's tooltip, before the pin's text. */
    static final String PINNED_TITLE = "pinned finding: the expected verdict was recorded from the measurement it "
            + "checks, so a pass means nothing moved; ";

    /** Added to a cell's classes when a verdict in it is fragile: the verdict page hatches it. */
    static final String FRAGILE_CLASS = "fragile";

    /** Every verdict's class in verdict order, then an undetermined finding's. */
    static final List<String> VERDICT_CLASSES = java.util.stream.Stream.concat(
            java.util.Arrays.stream(Verdict.values()).map(VerdictMatrix::verdictClass),
            java.util.stream.Stream.of(UNDETERMINED)).toList();

    /**
     * The cell's short form of a reason: without a leading label that holds no number ("evidence sweep (sequence
     * prompt): "), up to its first "; ", at most {@value #SHORT} characters cut at a space.
     */
    static String shortReason(String reason) {
        String s = reason;
        int colon = s.indexOf(": ");
        if (colon > 0 && s.substring(0, colon).chars().noneMatch(Character::isDigit)) {
            s = s.substring(colon + 2);
        }
        int semi = s.indexOf("; ");
        if (semi > 0) {
            s = s.substring(0, semi);
        }
        if (s.length() > SHORT) {
            int cut = s.lastIndexOf(' ', SHORT);
            s = s.substring(0, cut > SHORT / 2 ? cut : SHORT) + "…";
        }
        return s;
    }

    static final int SHORT = 72;

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    /** Escapes text for an HTML element body or a double-quoted attribute value. */
    public static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
