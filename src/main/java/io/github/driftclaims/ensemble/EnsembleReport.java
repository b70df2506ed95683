package io.github.driftclaims.ensemble;

import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.VerdictMatrix;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The merge step: every registered member's findings file, from whichever shard wrote it, turned into each claim's
 * verdict distribution per ensemble (with the exact interval on the share reproduced) and the dose-response table.
 * The result depends on the union of the files alone, not on how the members were split into shards.
 *
 * @param members per ensemble (registry order), its members' findings by seed
 */
public record EnsembleReport(List<Ensemble> ensembles, Map<String, List<MemberFindings>> members) {

    /**
     * Reads {@code <folder>/<ensemble>/seed-<N>.json} for every member of {@code ensembles} on disk. A member without
     * its file, or members that decided different claims (shards run with different -Densembles.claims), is an error
     * that names them: a distribution over part of an ensemble would be reported as the whole.
     */
    public static EnsembleReport read(List<Ensemble> ensembles, Path folder) {
        List<String> missing = new ArrayList<>();
        Map<String, List<MemberFindings>> members = new LinkedHashMap<>();
        for (Ensemble e : ensembles) {
            List<MemberFindings> found = new ArrayList<>();
            for (Ensemble.Member m : e.members()) {
                Path file = MemberFindings.file(folder, e.name(), m.seed());
                if (Files.isRegularFile(file)) {
                    MemberFindings f = MemberFindings.read(file);
                    if (!f.id().equals(m.id())) {
                        throw new IllegalArgumentException(file + " holds " + f.id() + "'s findings, not " + m.id()
                                + "'s; rerun the shard that measured it");
                    }
                    found.add(f);
                } else {
                    missing.add(m.id());
                }
            }
            members.put(e.name(), found);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(folder + " lacks the findings of " + missing.size() + " member(s): "
                    + missing + ". Run every shard (-Dshard=i/n for i = 1..n) into it before merging");
        }
        return new EnsembleReport(ensembles, members);
    }

    public EnsembleReport {
        ensembles = List.copyOf(ensembles);
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        TreeSet<String> claimSets = new TreeSet<>();
        members.values().forEach(ms -> ms.forEach(m -> claimSets.add(numbers(m.claims()))));
        if (claimSets.size() > 1) {
            throw new IllegalArgumentException("the members decided different claims " + claimSets + ": every shard "
                    + "must run with the same -Densembles.claims");
        }
    }

    private static String numbers(List<Claim> claims) {
        return claims.stream().map(c -> String.valueOf(c.number())).toList().toString();
    }

    /** Every ensemble's distribution on every claim its members decided, ensemble by ensemble, in claim order. */
    public List<Distribution> distributions() {
        List<Distribution> out = new ArrayList<>();
        for (Ensemble e : ensembles) {
            List<MemberFindings> ms = members.get(e.name());
            if (ms.isEmpty()) {
                continue;
            }
            for (Claim c : ms.get(0).claims()) {
                out.add(Distribution.of(e.name(), c, ms.stream().map(m -> m.finding(c)).toList()));
            }
        }
        return out;
    }

    public DoseResponse doseResponse() {
        return DoseResponse.of(ensembles, members.values().stream().flatMap(List::stream).toList());
    }

    /** The claims decided, in claim order (the same for every member). */
    public List<Claim> claims() {
        return members.values().stream().filter(ms -> !ms.isEmpty()).findFirst().map(ms -> ms.get(0).claims())
                .orElse(List.of());
    }

    /** Claim x ensemble: each cell the verdict counts over the seeds and the interval on the share reproduced. */
    public String distributionsMarkdown() {
        List<Distribution> ds = distributions();
        List<Ensemble> shown = ensembles.stream().filter(e -> !members.get(e.name()).isEmpty()).toList();
        StringBuilder b = new StringBuilder("| claim |");
        shown.forEach(e -> b.append(' ').append(e.name()).append(" (").append(members.get(e.name()).size())
                .append(" seeds) |"));
        b.append("\n|---|");
        shown.forEach(e -> b.append("---|"));
        b.append('\n');
        for (Claim c : claims()) {
            b.append("| ").append(c.number()).append(' ').append(c.title()).append(" |");
            for (Ensemble e : shown) {
                ds.stream().filter(d -> d.claim() == c && d.ensemble().equals(e.name())).findFirst()
                        .ifPresent(d -> b.append(' ').append(d.cell()).append(" |"));
            }
            b.append('\n');
        }
        return b.toString();
    }

    public String distributionsCsv() {
        Csv csv = Csv.withHeader("ensemble", "claim", "n", "reproduced", "partly", "refuted", "not_applicable",
                "not_determined", "fragile", "ci_lower", "ci_upper");
        for (Distribution d : distributions()) {
            csv.row(d.ensemble(), d.claim().number(), d.n(), d.count(io.github.driftclaims.verdict.Verdict.REPRODUCED),
                    d.count(io.github.driftclaims.verdict.Verdict.PARTLY),
                    d.count(io.github.driftclaims.verdict.Verdict.REFUTED),
                    d.count(io.github.driftclaims.verdict.Verdict.NOT_APPLICABLE), d.undetermined(), d.fragile(),
                    d.reproduced().lower(), d.reproduced().upper());
        }
        return csv.toString();
    }

    /** The distribution beside each member's verdicts, with every member's numbers and margins below. */
    public VerdictMatrix memberMatrix(Ensemble e) {
        List<MemberFindings> ms = members.get(e.name());
        List<VerdictMatrix.Column> columns = new ArrayList<>();
        columns.add(VerdictMatrix.Column.ensemble(e.name() + " (" + ms.size() + " seeds)",
                ms.stream().map(MemberFindings::findings).toList()));
        ms.forEach(m -> columns.add(VerdictMatrix.Column.of("seed-" + m.seed(), m.findings())));
        return new VerdictMatrix(columns);
    }

    /** Every ensemble's distributions as one verdict matrix (the report's attachment colours it by verdict). */
    public VerdictMatrix matrix() {
        List<VerdictMatrix.Column> columns = new ArrayList<>();
        for (Ensemble e : ensembles) {
            List<MemberFindings> ms = members.get(e.name());
            if (!ms.isEmpty()) {
                columns.add(VerdictMatrix.Column.ensemble(e.name() + " (" + ms.size() + " seeds)",
                        ms.stream().map(MemberFindings::findings).toList()));
            }
        }
        return new VerdictMatrix(columns);
    }

    /** reports/ensembles.md: the distributions, the dose-response table and the rules. */
    public String markdown(String provenance) {
        StringBuilder b = new StringBuilder("# Seed ensembles\n\n").append(provenance).append("\n\n");
        b.append("## Each claim's verdicts over the seeds\n\n");
        b.append("Each cell: how many seeds got each verdict, how many of them are fragile (margin inside its "
                + "uncertainty), and the exact (Clopper-Pearson) 95% interval on the share of seeds on which the "
                + "claim is reproduced.\n\n");
        b.append(distributionsMarkdown());
        b.append("\n## Dose-response: model drift and ideal drift against the share of X/Y patterns\n\n");
        b.append("Drift over the notebook's three orderings; the ideal observer of each member's recorded training "
                + "mixture (training.json); excess = model - ideal; claim 27: excess drift >= 0.10.\n\n");
        b.append(doseResponse().markdown());
        b.append("\n## The rules\n\n");
        for (Claim c : claims()) {
            b.append("- ").append(c.number()).append(": ").append(Rules.describe(c)).append('\n');
        }
        return b.toString();
    }
}
