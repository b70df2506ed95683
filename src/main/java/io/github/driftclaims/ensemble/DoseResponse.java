package io.github.driftclaims.ensemble;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The dose-response table: per share of X/Y patterns in the training mixture (the dose), the model drift, the ideal
 * observer's drift and the excess drift over the dose's seeds, and claim 27's count with its interval. Every number
 * is computed here from the members' findings files; nothing is copied from a plan or a report.
 */
public record DoseResponse(List<Row> rows) {

    public DoseResponse {
        rows = List.copyOf(rows);
    }

    /** Median and range over the seeds. */
    public record Summary(double median, double min, double max) {

        public static Summary of(double[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("no values to summarise");
            }
            double[] v = values.clone();
            Arrays.sort(v);
            int mid = v.length / 2;
            double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
            return new Summary(median, v[0], v[v.length - 1]);
        }

        /** "0.4321 [0.4012, 0.5520]": the median, then the range (brackets: the ends may be negative). */
        public String text() {
            return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", median, min, max);
        }
    }

    /**
     * One dose.
     *
     * @param ideal null when a member records no training mixture
     * @param excess null likewise
     * @param claim27 members on which claim 27 was reproduced
     */
    public record Row(double dose, String ensemble, int n, Summary drift, Summary ideal, Summary excess, int claim27,
            ClopperPearson interval) {}

    /** A row per ensemble with a dose, by dose; {@code members} are the ensembles' findings, in any order. */
    public static DoseResponse of(List<Ensemble> ensembles, List<MemberFindings> members) {
        List<Row> rows = ensembles.stream().filter(e -> e.dose() != null)
                .sorted(java.util.Comparator.comparingDouble(Ensemble::dose))
                .map(e -> row(e, members.stream().filter(m -> m.ensemble().equals(e.name())).toList()))
                .toList();
        return new DoseResponse(rows);
    }

    private static Row row(Ensemble e, List<MemberFindings> ms) {
        if (ms.isEmpty()) {
            throw new IllegalArgumentException(e.name() + ": no member's findings for the dose-response table");
        }
        boolean ideal = ms.stream().allMatch(m -> m.numbers().containsKey(MemberFindings.IDEAL_DRIFT));
        int k = 0;
        for (MemberFindings m : ms) {
            Finding f = m.finding(Claim.EXCESS_DRIFT);
            if (f == null) {
                throw new IllegalArgumentException(m.id() + ": claim 27 was not decided");
            }
            k += f.verdict() == Verdict.REPRODUCED ? 1 : 0;
        }
        return new Row(e.dose(), e.name(), ms.size(), summary(ms, MemberFindings.DRIFT),
                ideal ? summary(ms, MemberFindings.IDEAL_DRIFT) : null,
                ideal ? summary(ms, MemberFindings.EXCESS_DRIFT) : null, k, ClopperPearson.of(k, ms.size()));
    }

    private static Summary summary(List<MemberFindings> ms, String number) {
        return Summary.of(ms.stream().mapToDouble(m -> m.numbers().get(number)).toArray());
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| X/Y-pattern share | ensemble | seeds | model drift, median [min, max] | ideal drift, median "
                + "[min, max] | excess drift, median [min, max] | claim 27 reproduced | 95% CI |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %d/%d | %s |%n", dose(r.dose()),
                    r.ensemble(), r.n(), r.drift().text(), r.ideal() == null ? "n/a" : r.ideal().text(),
                    r.excess() == null ? "n/a" : r.excess().text(), r.claim27(), r.n(), r.interval().text()));
        }
        return b.toString();
    }

    public String csv() {
        io.github.driftclaims.report.Csv csv = io.github.driftclaims.report.Csv.withHeader("dose", "ensemble", "n",
                "drift_median", "drift_min", "drift_max", "ideal_median", "ideal_min", "ideal_max", "excess_median",
                "excess_min", "excess_max", "claim27_reproduced", "ci_lower", "ci_upper");
        for (Row r : rows) {
            csv.row(r.dose(), r.ensemble(), r.n(), r.drift().median(), r.drift().min(), r.drift().max(),
                    r.ideal() == null ? "" : r.ideal().median(), r.ideal() == null ? "" : r.ideal().min(),
                    r.ideal() == null ? "" : r.ideal().max(), r.excess() == null ? "" : r.excess().median(),
                    r.excess() == null ? "" : r.excess().min(), r.excess() == null ? "" : r.excess().max(),
                    r.claim27(), r.interval().lower(), r.interval().upper());
        }
        return csv.toString();
    }

    private static String dose(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%s", d);
    }
}
