package io.github.driftclaims.claims;

import io.github.driftclaims.ReportGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.driftclaims.ensemble.Distribution;
import io.github.driftclaims.ensemble.DoseResponse;
import io.github.driftclaims.ensemble.Ensemble;
import io.github.driftclaims.ensemble.EnsembleReport;
import io.github.driftclaims.ensemble.Ensembles;
import io.github.driftclaims.ensemble.MemberClaims;
import io.github.driftclaims.ensemble.MemberFindings;
import io.github.driftclaims.ensemble.Shard;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.ScorePool;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.interp.VerdictNumbers;
import io.github.driftclaims.report.ExpectedClaims;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.Finding;
import io.qameta.allure.Allure;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Every pre-registered seed ensemble ({@link Ensembles}: plan 1's toy recipe and controls, plan 2's letter-only and
 * dose recipes): each member measured and judged by the same rules as the shipped models, each claim's verdict
 * distribution over the seeds with its interval as the result, and the dose-response table. No member's verdict is
 * expected: the distribution is the finding.
 *
 * <p>Two steps, so that the members can be split across machines: each member's findings are written to
 * {@code target/ensembles/findings/<ensemble>/seed-<N>.json} (only this shard's members with {@code -Dshard=i/n});
 * then, in a run that is not a shard, the distributions are built from every member's file. The merge job of the
 * workflow runs the second step alone ({@code -Densembles.merge=true}) on the shards' files. {@code verify} measures
 * what {@link MemberClaims.Scope#VERIFY} covers; {@code -Pensembles} every claim.
 */
@Epic(ReportGroups.CLAIMS)
@Feature("Seed ensembles")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Seed ensembles: each claim's verdict distribution over the pre-registered seeds")
class EnsembleClaims {

    /** {@code i/n}: measure only shard i of n of the member list (the distributions are then left to the merge). */
    static final String SHARD = "shard";
    /** {@code verify} (the default), {@code all} or {@code all+martingale}: which claims each member is judged on. */
    static final String CLAIMS = "ensembles.claims";
    /** Comma-separated ensemble names: only these (a quick check of the sharding on part of the registry). */
    static final String ONLY = "ensembles.only";
    /** {@code true}: measure nothing, build the distributions from the findings folder (the workflow's merge job). */
    static final String MERGE = "ensembles.merge";
    /** Where each member's findings file is written and read; {@code target/ensembles/findings} by default. */
    static final String FINDINGS = "ensembles.findings";

    static Path findings() {
        String p = System.getProperty(FINDINGS);
        return p == null || p.isBlank() ? Path.of("target", "ensembles", "findings") : Path.of(p);
    }

    static Shard shard() {
        return Shard.parse(System.getProperty(SHARD));
    }

    /** The registry, or the part {@code -Densembles.only} names (every name must be registered). */
    static List<Ensemble> ensembles() {
        List<Ensemble> all = Ensembles.registered(Path.of(""));
        String only = System.getProperty(ONLY);
        if (only == null || only.isBlank()) {
            return all;
        }
        Set<String> names = Arrays.stream(only.split(",")).map(String::strip).collect(Collectors.toSet());
        assertThat(all.stream().map(Ensemble::name).toList()).as("-D%s names registered ensembles", ONLY)
                .containsAll(names);
        return all.stream().filter(e -> names.contains(e.name())).toList();
    }

    /** This shard's members; none in a merge-only run. */
    static Stream<Ensemble.Member> shardMembers() {
        if (Boolean.getBoolean(MERGE)) {
            return Stream.empty();
        }
        return shard().select(Ensembles.members(ensembles())).stream();
    }

    @Test
    @Order(1)
    @DisplayName("every ensemble the plans register is on disk with each of its listed seeds trained")
    @Description("Reads fixtures/ensembles/toy-induction-2l/plan.json (plan 1) and fixtures/plan-2/plan.json (plan 2), "
            + "which registered the ensembles before their models were trained. Their rules: every listed seed is "
            + "shipped, none dropped or replaced. Plan 2's dose-response series gives four ensembles a dose.")
    void everyPlannedSeedIsShipped() {
        List<Ensemble> all = Ensembles.registered(Path.of(""));
        assertThat(all).extracting(Ensemble::name).doesNotHaveDuplicates().contains("toy-induction-2l",
                "counting-only-2l", "markov-switch-2l", "letters-only-2l", "xy-dose-0.01-2l", "xy-dose-0.05-2l",
                "letters-only-8h");
        for (Ensemble e : all) {
            assertThat(e.unshipped()).as("%s: planned seeds without a trained member", e.name()).isEmpty();
            assertThat(e.members()).as("%s: members on disk that the plan does not list", e.name())
                    .extracting(Ensemble.Member::seed).containsExactlyElementsOf(e.seeds());
        }
        assertThat(all.stream().filter(e -> e.dose() != null).map(Ensemble::dose).sorted().toList())
                .as("plan 2's doses").containsExactly(0.0, 0.01, 0.05, 0.5);
        Evidence.parameter("ensembles", all.stream().map(e -> e.name() + " x" + e.members().size()).toList()
                .toString());
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("shardMembers")
    @Order(2)
    @DisplayName("a member loads, matches its regression record where it has one, and every rule decides every claim")
    @Description("Inference only (the retrain check stays on the default model). The member's findings and its "
            + "drift, ideal drift and excess drift are written to target/ensembles/findings/<ensemble>/seed-<N>.json "
            + "for the merge. A member with an expected-claims.json is held to it (plan 1's); plan 2's members are "
            + "held to theirs once they have one.")
    void member(Ensemble.Member member) throws IOException {
        Allure.story(member.ensemble().name());
        MemberClaims.Scope scope = MemberClaims.Scope.parse(System.getProperty(CLAIMS));
        Evidence.parameter("claims", scope.id);
        Evidence.parameter("shard", shard().toString());
        Path out = MemberFindings.file(findings(), member.ensemble().name(), member.seed());
        // A failed member leaves no file: the merge then names it instead of reading an earlier run's findings.
        Files.deleteIfExists(out);
        // Trained on letters: without its card a member would be scored on untrained tokens.
        assertThat(member.dir().resolve(ScorePool.CARD)).as("%s's model card", member).exists();
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(member.dir()), true)) {
            CircuitEvidence e = CircuitEvidence.measure(m);
            Path record = member.dir().resolve(ExpectedClaims.FILE_NAME);
            if (Files.isRegularFile(record)) {
                // The regression gate, per member: any change in what a member measures fails here by name.
                // Only the circuit evidence's numbers: the seed-0 members are shipped models, whose records also hold
                // the ablation kinds' and patching's (VerdictNumbers), which this scope does not measure.
                assertThat(ExpectedClaims.read(record).without(VerdictNumbers.PREFIXES).compare(e.numbers()))
                        .as("%s: numbers that moved against its %s", member, ExpectedClaims.FILE_NAME).isEmpty();
                Evidence.parameter("regression record", record.toString());
            } else {
                Evidence.parameter("regression record", "none yet: not gated");
            }
            MemberFindings f = MemberClaims.measure(member, m, e, scope);
            assertThat(f.findings()).as("every claim decided").allMatch(Finding::determined);
            assertThat(f.numbers()).as("a member this project trained records its mixture: the ideal is defined")
                    .containsKeys(MemberFindings.IDEAL_DRIFT, MemberFindings.EXCESS_DRIFT);
            f.write(findings());
            Evidence.attachJson("findings", f.toJson());
            f.numbers().forEach(Evidence::parameter);
        }
    }

    @Test
    @Order(3)
    @DisplayName("each claim's verdict distribution with its 95% interval, and the dose-response table, from every "
            + "member's findings")
    @Description("Reads every registered member's findings file (written above, or by the shards), counts each "
            + "claim's verdicts per ensemble with the exact Clopper-Pearson 95% interval on the share reproduced, and "
            + "writes reports/ensembles.md (distributions, dose-response table, rules), reports/ensemble-<name>.md "
            + "(each member's verdicts and numbers) and reports/dose-response.md. The dose-response table's numbers "
            + "are checked against the members' files here.")
    void distributions() throws IOException {
        Shard shard = shard();
        if (!shard.isAll()) {
            throw new TestAbortedException("shard " + shard + " measured part of the members; the merge (a run "
                    + "without -Dshard, or with -D" + MERGE + "=true) builds the distributions");
        }
        List<Ensemble> ensembles = ensembles();
        EnsembleReport report = EnsembleReport.read(ensembles, findings());
        List<Distribution> ds = report.distributions();
        for (Distribution d : ds) {
            assertThat(d.counts().values().stream().mapToInt(Integer::intValue).sum() + d.undetermined())
                    .as("%s claim %d: every seed counted once", d.ensemble(), d.claim().number()).isEqualTo(d.n());
        }
        checkDoseResponse(ensembles, report);
        String provenance = "Written by `./mvnw verify` (EnsembleClaims, claims: "
                + System.getProperty(CLAIMS, "verify") + "); `./mvnw verify -Pensembles` for every claim. Do not edit.";
        TextFiles.writeAtomically(Path.of("reports", "ensembles.md"), report.markdown(provenance));
        TextFiles.writeAtomically(Path.of("reports", "dose-response.md"), "# Dose-response\n\n" + provenance
                + "\n\n" + report.doseResponse().markdown());
        for (Ensemble e : ensembles) {
            TextFiles.writeAtomically(Path.of("reports", "ensemble-" + e.name() + ".md"), "# " + e.name()
                    + " ensemble\n\n" + provenance + "\n\n" + report.memberMatrix(e).markdown());
        }
        Allure.addAttachment("verdict distributions", "text/html", report.matrix().html(), ".html");
        Allure.addAttachment("ensembles.md", "text/markdown", report.markdown(provenance), ".md");
        Evidence.attachCsv("distributions with 95% Clopper-Pearson intervals", report.distributionsCsv());
        Evidence.attachCsv("dose-response", report.doseResponse().csv());
        Allure.addAttachment("dose-response", "text/markdown", report.doseResponse().markdown(), ".md");
        Evidence.parameter("members", String.valueOf(report.members().values().stream().mapToInt(List::size).sum()));
    }

    /**
     * The table's numbers are the members' own: each row's median and range recomputed here from the files, the
     * claim-27 count recounted, and the ideal drift (from each member's training.json) equal to the one plan 2
     * registered for its recipe before training.
     */
    static void checkDoseResponse(List<Ensemble> ensembles, EnsembleReport report) throws IOException {
        DoseResponse dr = report.doseResponse();
        assertThat(dr.rows()).extracting(DoseResponse.Row::ensemble).as("a row per dosed ensemble")
                .containsExactlyInAnyOrderElementsOf(ensembles.stream().filter(e -> e.dose() != null)
                        .map(Ensemble::name).toList());
        var plan = com.google.gson.JsonParser.parseString(Files.readString(Ensembles.PLANS.get(1))).getAsJsonObject()
                .getAsJsonObject("dose_response").getAsJsonArray("doses");
        for (DoseResponse.Row r : dr.rows()) {
            List<MemberFindings> ms = report.members().get(r.ensemble());
            assertThat(r.n()).isEqualTo(ms.size());
            double[] drift = ms.stream().mapToDouble(m -> m.numbers().get(MemberFindings.DRIFT)).sorted().toArray();
            double median = (drift[(drift.length - 1) / 2] + drift[drift.length / 2]) / 2;
            assertThat(r.drift().median()).as("%s: median drift", r.ensemble()).isEqualTo(median);
            assertThat(r.drift().min()).isEqualTo(drift[0]);
            assertThat(r.drift().max()).isEqualTo(drift[drift.length - 1]);
            for (MemberFindings m : ms) {
                assertThat(m.numbers().get(MemberFindings.EXCESS_DRIFT)).as("%s: excess = drift - ideal", m.id())
                        .isCloseTo(m.numbers().get(MemberFindings.DRIFT) - m.numbers().get(MemberFindings.IDEAL_DRIFT),
                                within(1e-12));
            }
            assertThat(r.claim27()).isEqualTo((int) ms.stream().filter(m -> m.finding(
                    io.github.driftclaims.verdict.Claim.EXCESS_DRIFT).verdict()
                    == io.github.driftclaims.verdict.Verdict.REPRODUCED).count());
            for (var d : plan) {
                if (d.getAsJsonObject().get("pXYPattern").getAsDouble() == r.dose()) {
                    assertThat(r.ideal().min()).as("%s: ideal drift as plan 2 registered it", r.ensemble())
                            .isCloseTo(d.getAsJsonObject().get("ideal_drift").getAsDouble(), within(1e-9));
                    assertThat(r.ideal().max()).isCloseTo(r.ideal().min(), within(1e-12));
                }
            }
        }
    }
}
