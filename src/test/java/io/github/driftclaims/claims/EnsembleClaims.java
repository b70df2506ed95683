package io.github.driftclaims.claims;

import io.github.driftclaims.ReportGroups;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.report.VerdictMatrix;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.Rules;
import io.qameta.allure.Allure;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed ensembles of fixtures/ensembles (issue 12, pre-registered in plan.json): every member measured
 * and judged by the same rules as the shipped models, with each claim's verdict distribution over the
 * seeds as the result. No member's verdict is expected: the distribution is the finding.
 */
@Epic(ReportGroups.CLAIMS)
@Feature("Seed ensembles")
@DisplayName("Seed ensembles: each claim's verdict distribution over the pre-registered seeds")
class EnsembleClaims {

    static final Path ROOT = Path.of("fixtures", "ensembles");

    static List<Path> members(Path ensemble) throws IOException {
        try (Stream<Path> s = Files.list(ensemble)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.safetensors"))).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"toy-induction-2l", "counting-only-2l", "markov-switch-2l"})
    @DisplayName("every member loads, matches its regression record, and every rule decides every claim; the distribution is written and attached")
    @Description("Inference only (the 200-step retrain check stays on the default model). Writes "
            + "reports/ensemble-<name>.md with the distribution per claim and each member's verdicts and numbers.")
    void verdictDistribution(String name) throws IOException {
        Allure.story(name);
        List<Path> members = members(ROOT.resolve(name));
        assertThat(members).as("the plan's seeds are shipped").hasSizeGreaterThanOrEqualTo(3);
        List<VerdictMatrix.Column> columns = new ArrayList<>();
        List<List<Finding>> all = new ArrayList<>();
        Csv csv = Csv.withHeader("member", "claim", "verdict", "reason");
        for (Path dir : members) {
            // Trained on letters: without its card a member would be scored on untrained tokens.
            assertThat(dir.resolve(io.github.driftclaims.interp.ScorePool.CARD)).as("%s's model card", dir).exists();
            try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(dir), true)) {
                CircuitEvidence e = CircuitEvidence.measure(m);
                // The regression gate, per member: any change in what a member measures fails here by name.
                var moved = io.github.driftclaims.report.ExpectedClaims.read(dir.resolve("expected-claims.json"))
                        .compare(e.numbers());
                assertThat(moved).as("%s: numbers that moved against its expected-claims.json", dir).isEmpty();
                List<Finding> f = Rules.all(Measurements.of(e));
                assertThat(f).allMatch(Finding::determined);
                all.add(f);
                columns.add(VerdictMatrix.Column.of(dir.getFileName().toString(), f));
                f.forEach(x -> csv.row(dir.getFileName(), x.claim().number(), x.verdictText(), x.reason()));
            }
        }
        VerdictMatrix.Column distribution = VerdictMatrix.Column.ensemble(name + " (" + members.size() + " seeds)", all);
        List<VerdictMatrix.Column> table = new ArrayList<>();
        table.add(distribution);
        table.addAll(columns);
        String md = new VerdictMatrix(table).markdown();
        TextFiles.writeAtomically(Path.of("reports", "ensemble-" + name + ".md"), "# " + name + " ensemble\n\n" + md);
        Allure.addAttachment("verdict distribution", "text/html", new VerdictMatrix(table).html(), ".html");
        Evidence.attachCsv("every member's verdicts", csv);
        for (var e : distribution.findings().entrySet()) {
            Evidence.parameter("claim " + e.getKey().number(), distribution.cell(e.getKey()));
        }
    }
}
