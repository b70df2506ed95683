package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.ReportGroups;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.report.TrainingCurves;
import io.github.driftclaims.report.VerdictMatrix;
import io.github.driftclaims.train.ToyTrainer;
import io.github.driftclaims.train.TrainingLog;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.PhaseChange;
import io.qameta.allure.Allure;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claim 30 and the training curves of every shipped toy model: plan 1's ensembles, plan 2's, and the 8-head model in
 * history. Reads each model's training.json log (no inference), draws its chart into reports/training/ and applies
 * claim 30's rule ({@link PhaseChange}). The four models every claim runs on have their verdict expected ({@link
 * Expected}); an ensemble member's is not: as in {@link EnsembleClaims}, the distribution over its seeds is the finding,
 * written to reports/phase-change.md.
 */
@Feature("Claim 30: the excess drift appears when the induction head forms")
@DisplayName("Claim 30: the excess drift appears when the induction head forms (training curves of every shipped toy model)")
class PhaseChangeClaims {

    static final Path OUT = Path.of("reports", "phase-change.md");

    /** A shipped toy model with a training log: its ensemble (or "history"), its name and its directory. */
    record Trained(String plan, String ensemble, String name, Path dir) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every shipped toy model, plan 1's ensembles, plan 2's and the history model, in that order. */
    static List<Trained> shipped() {
        List<Trained> out = new ArrayList<>();
        out.addAll(members("plan 1", Path.of("fixtures", "ensembles")));
        out.addAll(members("plan 2", Path.of("fixtures", "plan-2", "ensembles")));
        for (Path dir : list(Path.of("fixtures", "history"))) {
            out.add(new Trained("history", dir.getFileName().toString(), dir.getFileName().toString(), dir));
        }
        return out;
    }

    private static List<Trained> members(String plan, Path root) {
        List<Trained> out = new ArrayList<>();
        for (Path ensemble : list(root)) {
            for (Path seed : list(ensemble)) {
                String e = ensemble.getFileName().toString();
                out.add(new Trained(plan, e, e + "-" + seed.getFileName(), seed));
            }
        }
        return out;
    }

    /** The model directories under {@code root} (those holding weights), sorted. */
    private static List<Path> list(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            // A model (it has weights) or a folder of models (an ensemble).
            return s.filter(Files::isDirectory).filter(p -> Files.isRegularFile(p.resolve("model.safetensors"))
                    || !list(p).isEmpty()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Trained> models() {
        return shipped().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    @DisplayName("the training log is read, its curves are drawn, and claim 30's rule decides on it")
    @Description("Reads the model's training.json log: every entry must log the drift and the best induction score, "
            + "and the last entry must be the shipped weights' step. An older log (plan 1, every 250 steps) has no ideal "
            + "drift: it is the ideal observer's for the recorded recipe, computed here and labelled so; where the log "
            + "has it, the recipe's must equal it. Draws drift, ideal and excess drift and the best induction and "
            + "previous-token scores (letters and X/Y) against the step into reports/training/<model>.svg, then "
            + "applies claim 30's rule: the first logged steps at which the excess drift and the induction score reach "
            + "half their final values lie within one logging interval; not applicable without a material final excess "
            + "drift or without an induction head. The peak excess drift is shown as an exploratory number (no verdict).")
    void curvesAndVerdict(Trained t) throws IOException {
        ModelUnderTest which = underTest(t.dir());
        if (which != null) {
            ClaimRecord.on(which);
        } else {
            ReportGroups.fileUnder(ReportGroups.CLAIMS);
            Allure.story(t.ensemble());
        }
        Allure.parameter("member", t.name());
        TrainingLog log = read(t.dir());
        List<ToyTrainer.LogEntry> es = log.entries();
        assertThat(es).as("%s logs something", log.file()).isNotEmpty();
        assertThat(log.logs(ToyTrainer.LogEntry::drift)).as("every entry logs the drift").isTrue();
        assertThat(log.logs(ToyTrainer.LogEntry::bestInduction)).as("every entry logs the best induction score").isTrue();
        // "Final" in the rule is the last entry: it must be the weights that were shipped.
        assertThat(es.get(es.size() - 1).step()).as("the last entry is the last training step")
                .isEqualTo(log.recipe().steps());
        if (log.logsIdealDrift()) {
            double recipe = log.recipeIdealDrift();
            for (ToyTrainer.LogEntry e : es) {
                assertThat(e.idealDrift()).as("logged ideal drift at step %d vs the recipe's", e.step())
                        .isCloseTo(recipe, within(1e-12));
                assertThat(log.excessDrift(e, Double.NaN)).as("logged excess = drift - ideal at step %d", e.step())
                        .isCloseTo(e.drift() - e.idealDrift(), within(1e-12));
            }
        }
        List<PhaseChange.Point> points = log.phaseChangePoints();
        Finding f = PhaseChange.phaseChange(points);
        assertThat(f.determined()).as("the log has every number the rule reads: %s", f.reason()).isTrue();
        String svg = TrainingCurves.chart(t.name(), log, f);
        TextFiles.writeAtomically(TrainingCurves.file(t.name()), svg);
        Evidence.attachSvg("training curves", svg);
        Evidence.attachCsv("training log", csv(log));
        PhaseChange.Crossings c = PhaseChange.crossings(points);
        PhaseChange.Point last = points.get(points.size() - 1);
        ClaimRecord.number("final excess drift", last.excessDrift());
        ClaimRecord.number("final best induction score", last.bestInduction());
        Evidence.parameter("steps where excess / induction reach half their final", c.text());
        PhaseChange.Point peak = PhaseChange.peak(points);
        Evidence.parameter("peak excess drift (exploratory)", String.format(Locale.ROOT, "%.4f at step %d",
                peak.excessDrift(), peak.step()));
        if (which != null) {
            ClaimRecord.verdict(f, Expected.of(which, Claim.PHASE_CHANGE));
        } else {
            // An ensemble member: no expected verdict (the distribution is the finding), the verdict recorded as is.
            Allure.parameter("verdict", f.verdictText());
            Allure.label("tag", "verdict: " + f.verdictText());
            Allure.addAttachment("verdict", "text/plain", "claim 30: " + Claim.PHASE_CHANGE.statement() + "\nverdict: "
                    + f.verdictText() + " (an ensemble member: no verdict expected)\n" + f.reasonWithMargin() + "\n",
                    ".txt");
        }
    }

    @Test
    @DisplayName("claim 30's verdict distribution over each ensemble's seeds is written to reports/phase-change.md")
    @Description("Applies claim 30's rule to every shipped toy model's log and writes, per ensemble, how many seeds "
            + "reproduce it (k of n, beside the other verdicts), and per member the two crossing steps, the interval, "
            + "the final numbers and, exploratory (no verdict), the peak excess drift and its step.")
    void distribution() throws IOException {
        ReportGroups.fileUnder(ReportGroups.CLAIMS);
        Allure.story("seed ensembles");
        List<Trained> all = shipped();
        Map<String, List<List<Finding>>> byEnsemble = new LinkedHashMap<>();
        StringBuilder members = new StringBuilder("| member | log | final excess | final induction | half-final step "
                + "excess / induction (gap vs interval) | verdict | peak excess @ step (exploratory) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Trained t : all) {
            TrainingLog log = read(t.dir());
            List<PhaseChange.Point> points = log.phaseChangePoints();
            Finding f = PhaseChange.phaseChange(points);
            assertThat(f.determined()).as("%s: %s", t.name(), f.reason()).isTrue();
            byEnsemble.computeIfAbsent(t.plan() + ": " + t.ensemble(), k -> new ArrayList<>()).add(List.of(f));
            PhaseChange.Point last = points.get(points.size() - 1);
            PhaseChange.Point peak = PhaseChange.peak(points);
            members.append(String.format(Locale.ROOT, "| %s | %d entries, %d to %d%s | %.4f | %.3f | %s | %s | %.3f @ %d |%n",
                    t.name(), points.size(), points.get(0).step(), last.step(), log.logsIdealDrift() ? ""
                            : ", ideal from the recipe", last.excessDrift(), last.bestInduction(),
                    PhaseChange.crossings(points).text(), f.verdictText(), peak.excessDrift(), peak.step()));
        }
        StringBuilder md = new StringBuilder("# Claim 30: the excess drift appears when the induction head forms\n\n"
                + "Written by `./mvnw verify` (PhaseChangeClaims) from each shipped toy model's training.json log; do "
                + "not edit. Charts: `reports/training/<member>.svg`.\n\nRule (verdict/PhaseChange, fixed in issue 26 "
                + "and plan 2's H6 before plan 2's models were trained): " + PhaseChange.describe() + ".\n\n"
                + "| ensemble | seeds | verdicts | reproduced |\n|---|---|---|---|\n");
        byEnsemble.forEach((name, fs) -> {
            String cell = VerdictMatrix.Column.ensemble(name, fs).cell(Claim.PHASE_CHANGE);
            long k = fs.stream().filter(x -> x.get(0).verdict() == io.github.driftclaims.verdict.Verdict.REPRODUCED)
                    .count();
            md.append("| ").append(name).append(" | ").append(fs.size()).append(" | ").append(cell).append(" | ")
              .append(k).append(" of ").append(fs.size()).append(" |\n");
        });
        md.append("\nPer member. The peak excess drift is an exploratory measurement (the transient at the phase "
                + "change): no verdict rests on it.\n\n").append(members);
        TextFiles.writeAtomically(OUT, md.toString());
        Allure.addAttachment("phase-change.md", "text/markdown", md.toString(), ".md");
        assertThat(byEnsemble.values().stream().mapToInt(List::size).sum()).isEqualTo(all.size());
        assertThat(Files.readString(OUT)).contains("| " + all.get(all.size() - 1).name() + " |");
    }

    /** Claim 30's finding on a model every claim runs on, for the verdict matrix: the rule the test applies. */
    static Finding finding(ModelUnderTest which) {
        if (which.isReal()) {
            return Finding.undetermined(Claim.PHASE_CHANGE, "no training log: " + which.id + " was not trained by this "
                    + "project");
        }
        return PhaseChange.phaseChange(read(which.fixtureDir()).phaseChangePoints());
    }

    /** The training chart of a model every claim runs on, for the verdict page: the one the test writes. */
    static String chart(ModelUnderTest which) {
        TrainingLog log = read(which.fixtureDir());
        return TrainingCurves.chart(which.id, log, PhaseChange.phaseChange(log.phaseChangePoints()));
    }

    private static TrainingLog read(Path dir) {
        return TrainingLog.recordedIn(dir).orElseThrow(() -> new AssertionError(dir + " is a shipped toy model but has "
                + "no training.json"));
    }

    /** The model every claim runs on that lives in {@code dir}, or null for another ensemble member. */
    private static ModelUnderTest underTest(Path dir) {
        for (ModelUnderTest m : ModelUnderTest.values()) {
            if (!m.isReal() && m.fixtureDir().normalize().equals(dir.normalize())) {
                return m;
            }
        }
        return null;
    }

    private static Csv csv(TrainingLog log) {
        Csv csv = Csv.withHeader("step", "loss", "drift", "idealDrift", "excessDrift", "bestInduction", "bestPrevToken",
                "bestInductionXY", "bestPrevTokenXY");
        for (ToyTrainer.LogEntry e : log.entries()) {
            // As logged: an absent field stays empty, not filled from the recipe.
            csv.row(e.step(), cell(e.loss()), cell(e.drift()), cell(e.idealDrift()), cell(e.excessDrift()),
                    cell(e.bestInduction()), cell(e.bestPrevToken()), cell(e.bestInductionXY()),
                    cell(e.bestPrevTokenXY()));
        }
        return csv;
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
