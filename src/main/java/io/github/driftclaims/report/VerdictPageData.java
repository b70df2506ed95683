package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Margin;
import io.github.driftclaims.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the verdict page is made of, written by the test that builds the matrix (it has every model loaded) and
 * read after the Allure report exists by {@link VerdictPage}, which alone can turn a cell into a link: Allure assigns
 * its test-result uids when it generates the report, after the tests.
 *
 * @param tables the verdict matrices, each with the Allure identity of its columns' claim tests
 * @param charts the pictures, already SVG
 */
public record VerdictPageData(List<Table> tables, List<Chart> charts) {

    /** Where {@code ./mvnw verify}'s test writes the data and its build step reads it. */
    public static final Path DEFAULT = Path.of("target", "verdict-page", "data.json");

    /**
     * One matrix under a heading.
     *
     * @param tests per column, in the matrix's order, which claim tests decided it
     */
    public record Table(String title, String note, VerdictMatrix matrix, List<TestKey> tests) {
        public Table {
            if (tests.size() != matrix.columns().size()) {
                throw new IllegalArgumentException(title + ": " + tests.size() + " test keys for "
                        + matrix.columns().size() + " columns");
            }
        }
    }

    /**
     * Which Allure test result decided a column's cell for a claim: the result whose {@code claim} label is the
     * claim's number and whose story is {@code story}; where a claim has several such results (the later cells run
     * per prompt and ablation kind) the one whose parameters also match {@code parameters}. Null: the column has no
     * claim tests (an ensemble's distribution).
     */
    public record TestKey(String story, Map<String, String> parameters) {}

    /** One picture, under a section heading ("Drift per ordering"). */
    public record Chart(String section, String title, String svg) {}

    public void write(Path file) throws IOException {
        TextFiles.writeAtomically(file, NotebookJson.pretty(toJson()));
    }

    public static VerdictPageData read(Path file) throws IOException {
        return fromJson(JsonParser.parseString(Files.readString(file)).getAsJsonObject());
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray tables = new JsonArray();
        for (Table t : this.tables) {
            JsonObject to = new JsonObject();
            to.addProperty("title", t.title());
            to.addProperty("note", t.note());
            JsonArray columns = new JsonArray();
            for (int i = 0; i < t.tests().size(); i++) {
                VerdictMatrix.Column c = t.matrix().columns().get(i);
                JsonObject co = new JsonObject();
                co.addProperty("model", c.model());
                TestKey k = t.tests().get(i);
                if (k != null) {
                    JsonObject ko = new JsonObject();
                    ko.addProperty("story", k.story());
                    JsonObject params = new JsonObject();
                    k.parameters().forEach(params::addProperty);
                    ko.add("parameters", params);
                    co.add("test", ko);
                }
                JsonArray findings = new JsonArray();
                c.findings().forEach((claim, fs) -> fs.forEach(f -> {
                    JsonObject fo = new JsonObject();
                    fo.addProperty("claim", claim.name());
                    fo.addProperty("verdict", f.verdict() == null ? null : f.verdict().name());
                    fo.addProperty("reason", f.reason());
                    if (f.margin() != null) {
                        fo.add("margin", marginJson(f.margin()));
                    }
                    // The expected verdict's kind (issue 27): a hypothesis, or a finding with the commit that pinned it.
                    Pin pin = c.pins().get(claim);
                    if (pin != null) {
                        JsonObject po = new JsonObject();
                        po.addProperty("commit", pin.commit());
                        po.addProperty("date", pin.date());
                        fo.add("pinned", po);
                    } else if (c.hypotheses().contains(claim)) {
                        fo.addProperty("hypothesis", true);
                    }
                    findings.add(fo);
                }));
                co.add("findings", findings);
                columns.add(co);
            }
            to.add("columns", columns);
            tables.add(to);
        }
        o.add("tables", tables);
        JsonArray charts = new JsonArray();
        for (Chart c : this.charts) {
            JsonObject co = new JsonObject();
            co.addProperty("section", c.section());
            co.addProperty("title", c.title());
            co.addProperty("svg", c.svg());
            charts.add(co);
        }
        o.add("charts", charts);
        return o;
    }

    private static JsonObject marginJson(Margin m) {
        JsonObject o = new JsonObject();
        o.addProperty("number", m.number());
        o.addProperty("value", m.value());
        o.addProperty("line", m.line());
        o.addProperty("numerical", m.numerical());
        o.addProperty("sampling", m.sampling());
        return o;
    }

    private static Margin margin(JsonObject o) {
        JsonElement sampling = o.get("sampling");
        return new Margin(o.get("number").getAsString(), o.get("value").getAsDouble(), o.get("line").getAsDouble(),
                o.get("numerical").getAsDouble(), sampling == null || sampling.isJsonNull() ? null
                        : sampling.getAsDouble());
    }

    static VerdictPageData fromJson(JsonObject o) {
        List<Table> tables = new ArrayList<>();
        for (JsonElement te : o.getAsJsonArray("tables")) {
            JsonObject to = te.getAsJsonObject();
            List<VerdictMatrix.Column> columns = new ArrayList<>();
            List<TestKey> keys = new ArrayList<>();
            for (JsonElement ce : to.getAsJsonArray("columns")) {
                JsonObject co = ce.getAsJsonObject();
                Map<Claim, List<Finding>> findings = new EnumMap<>(Claim.class);
                java.util.Set<Claim> hypotheses = java.util.EnumSet.noneOf(Claim.class);
                Map<Claim, Pin> pins = new EnumMap<>(Claim.class);
                for (JsonElement fe : co.getAsJsonArray("findings")) {
                    JsonObject fo = fe.getAsJsonObject();
                    Claim claim = Claim.valueOf(fo.get("claim").getAsString());
                    if (fo.has("pinned")) {
                        JsonObject po = fo.getAsJsonObject("pinned");
                        pins.put(claim, new Pin(po.get("commit").getAsString(), po.get("date").getAsString()));
                    } else if (fo.has("hypothesis")) {
                        hypotheses.add(claim);
                    }
                    JsonElement v = fo.get("verdict");
                    findings.computeIfAbsent(claim, c -> new ArrayList<>()).add(new Finding(claim,
                            v == null || v.isJsonNull() ? null : Verdict.valueOf(v.getAsString()),
                            fo.get("reason").getAsString(), fo.has("margin") ? margin(fo.getAsJsonObject("margin"))
                                    : null));
                }
                columns.add(new VerdictMatrix.Column(co.get("model").getAsString(), findings, hypotheses, pins));
                JsonObject ko = co.getAsJsonObject("test");
                if (ko == null) {
                    keys.add(null);
                } else {
                    Map<String, String> params = new LinkedHashMap<>();
                    ko.getAsJsonObject("parameters").entrySet().forEach(e -> params.put(e.getKey(),
                            e.getValue().getAsString()));
                    keys.add(new TestKey(ko.get("story").getAsString(), params));
                }
            }
            tables.add(new Table(to.get("title").getAsString(), to.get("note").getAsString(),
                    new VerdictMatrix(columns), keys));
        }
        List<Chart> charts = new ArrayList<>();
        for (JsonElement ce : o.getAsJsonArray("charts")) {
            JsonObject co = ce.getAsJsonObject();
            charts.add(new Chart(co.get("section").getAsString(), co.get("title").getAsString(),
                    co.get("svg").getAsString()));
        }
        return new VerdictPageData(tables, charts);
    }
}
