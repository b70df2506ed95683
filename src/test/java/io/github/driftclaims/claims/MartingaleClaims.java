package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.martingale.MartingaleExperiment;
import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.martingale.Statistic;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.Csv;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.MartingaleCharts;
import io.github.driftclaims.report.MartingaleJson;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.MartingaleMeasurements;
import io.github.driftclaims.verdict.Rules;
import io.qameta.allure.Allure;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import io.qameta.allure.Param;
import io.qameta.allure.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claims 23 to 26: Falck, Wang and Holmes's martingale diagnostics on every model, as sampled and with its
 * sweep's top two heads zero-ablated at hook_z at every step. {@code ./mvnw verify} runs
 * {@link MartingaleGrid#VERIFY}; {@code ./mvnw verify -Pmartingale} the full grid
 * ({@code -Dmartingale.grid=full}).
 */
@Feature("Claims 23-26: the martingale diagnostics")
@ExtendWith(Models.class)
@DisplayName("Claims 23-26: is the drift a martingale violation? (Falck, Wang, Holmes's T1, T2,k, T3 on the model's own continuations)")
class MartingaleClaims {

    /** {@code full} for the whole grid (the -Pmartingale profile sets it). */
    static final String GRID_PROPERTY = "martingale.grid";

    /** What one model gives, measured once per run and shared by the four claims and the verdict matrix. */
    record Measured(String id, MartingaleExperiment experiment, MartingaleMeasurements measurements, double seconds) {}

    private record Entry(Measured measured, HookedTransformer owned)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** Also runs the ensemble's seed-0 members (read by path) in verify; the full grid always runs them. */
    static final String MEMBERS_PROPERTY = "martingale.members";

    /**
     * The shipped models always; the ensemble members (about 5 s each here) only in the full grid or with
     * -Dmartingale.members=true, to keep verify within its time budget.
     */
    static java.util.stream.Stream<ExpectedMartingale> models() {
        boolean members = "full".equals(System.getProperty(GRID_PROPERTY))
                || Boolean.parseBoolean(System.getProperty(MEMBERS_PROPERTY));
        return java.util.Arrays.stream(ExpectedMartingale.values()).filter(e -> members || e.shipped != null);
    }

    static MartingaleGrid grid(HookedTransformer model) {
        if (!"full".equals(System.getProperty(GRID_PROPERTY))) {
            return MartingaleGrid.VERIFY;
        }
        List<Integer> ns = model.config().nCtx() > 100 ? MartingaleGrid.ATTN_ONLY_NS : MartingaleGrid.TOY_NS;
        io.github.driftclaims.martingale.ModelSampler s = new io.github.driftclaims.martingale.ModelSampler(model,
                io.github.driftclaims.model.Hooks.none());
        return MartingaleGrid.full(ns, n -> s.contextNeeded(n, 1), model.config().nCtx());
    }

    /** The model's martingale check (a shipped model through {@link Models}, an ensemble member loaded by path). */
    static Measured measured(Models.Session models, ExpectedMartingale which) {
        return models.store().getOrComputeIfAbsent("martingale:" + which, k -> {
            HookedTransformer model;
            HookedTransformer owned = null;
            List<Head> heads;
            if (which.shipped != null) {
                Models.Loaded loaded = models.get(which.shipped);
                model = loaded.model();
                heads = loaded.evidence().run().topK().heads();
            } else {
                owned = ModelLoader.load(ModelFiles.fromDirectory(which.path), true);
                model = owned;
                heads = AblationSweep.run(new DriftProbe(model, Stimulus.NOTEBOOK), true).topHeads(2);
            }
            long t0 = System.nanoTime();
            MartingaleExperiment e = MartingaleExperiment.run(model, heads, grid(model));
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Entry(new Measured(which.id(), e, MartingaleMeasurements.of(e), seconds), owned);
        }, Entry.class).measured();
    }

    static void on(ExpectedMartingale which, Measured m) {
        if (which.shipped != null) {
            ClaimRecord.on(which.shipped);
        } else {
            Allure.story(which.id());
            Allure.parameter("model description", "ensemble member " + which.path + " (" + which.kind + ")");
        }
        MartingaleGrid g = m.experiment().grid();
        Evidence.parameter("grid", g.cells().size() + " cells " + g.cells() + ", J=" + g.paths() + ", K="
                + g.replicates() + ", " + g.sequences() + " observed sequence(s) per cell, seeds " + g.seeds());
        Evidence.parameter("ablated", m.experiment().heads().toString());
        Evidence.parameter("seconds (both conditions, every cell)", String.format(java.util.Locale.ROOT, "%.2f", m.seconds()));
    }

    /** Every statistic with its interval, as CSV and JSON, and the interval plots. */
    static void attach(Measured m) {
        Csv csv = Csv.withHeader("condition", "n", "m", "theta", "seed", "statistic", "value", "lo", "hi", "inside",
                "reference_median", "kept", "reference_kept", "observed_mean", "path_mean");
        for (String condition : new String[] {"baseline", "ablated"}) {
            for (MartingaleResult r : results(m, condition)) {
                for (Statistic s : r.statistics()) {
                    csv.row(condition, r.cell().n(), r.cell().m(), r.cell().theta(), r.seed(), s.name(), s.value(),
                            s.interval().lo(), s.interval().hi(), s.inside(), s.referenceMedian(),
                            s.name().equals("T3") ? r.keptT3() : r.kept(), r.referenceKept(), r.observedMean(),
                            r.pathMean());
                }
            }
        }
        Evidence.attachCsv("martingale statistics and intervals", csv);
        Evidence.attachJson("martingale statistics and intervals (JSON)", MartingaleJson.of(m.id(), m.experiment()).toString());
        List<String> names = m.experiment().baseline().stream().flatMap(r -> r.statistics().stream())
                .map(Statistic::name).distinct().toList();
        for (String name : names) {
            Evidence.attachSvg(name + " with its 95% interval per n, m, theta", intervalsChart(m, name));
        }
        List<MartingaleCharts.Point> points = new ArrayList<>();
        List<MartingaleCharts.Point> reference = new ArrayList<>();
        for (String condition : new String[] {"baseline", "ablated"}) {
            for (MartingaleResult r : results(m, condition)) {
                points.add(new MartingaleCharts.Point(r.cell().n(), r.t3().value(), condition.equals("baseline")
                        ? MartingaleCharts.BASELINE : MartingaleCharts.ABLATED, condition + " " + r.cell()));
            }
        }
        m.experiment().baseline().stream().mapToInt(r -> r.cell().n()).distinct().forEach(n -> reference.add(
                new MartingaleCharts.Point(n, m.experiment().baseline().stream().filter(r -> r.cell().n() == n)
                        .mapToDouble(r -> r.t3().referenceMedian()).average().orElseThrow(), MartingaleCharts.REFERENCE,
                        "reference median, n=" + n)));
        Evidence.attachSvg("T3 against n (log-log) beside the reference", MartingaleCharts.t3AgainstN(
                m.id() + ": T3 (IQR of path MLEs) against n", points, reference));
    }

    /** One statistic (T1, T2,k, T3) per (n, m, theta) cell, as sampled and ablated, with its 95% interval. */
    static String intervalsChart(Measured m, String name) {
        List<MartingaleCharts.Row> rows = new ArrayList<>();
        for (int i = 0; i < m.experiment().baseline().size(); i++) {
            for (String condition : new String[] {"baseline", "ablated"}) {
                MartingaleResult r = results(m, condition).get(i);
                if (r.statistics().stream().anyMatch(s -> s.name().equals(name))) {
                    Statistic s = r.statistic(name);
                    String seed = m.experiment().grid().sequences() > 1 ? ", seed " + r.seed() : "";
                    rows.add(new MartingaleCharts.Row(r.cell() + seed + (condition.equals("baseline") ? ", as sampled"
                            : ", ablated"), s.value(), s.interval().lo(), s.interval().hi(),
                            condition.equals("baseline") ? MartingaleCharts.BASELINE : MartingaleCharts.ABLATED));
                }
            }
        }
        return MartingaleCharts.intervals(m.id() + ": " + name + " and the Beta-Bernoulli reference's 95% interval",
                rows);
    }

    static List<MartingaleResult> results(Measured m, String condition) {
        return condition.equals("baseline") ? m.experiment().baseline() : m.experiment().ablated();
    }

    static void check(ExpectedMartingale which, Measured m, Finding f) {
        ClaimRecord.verdict(f, which.expected(f.claim()));
    }

    static Finding finding(Measured m, Claim c) {
        return Rules.martingale(m.measurements()).stream().filter(f -> f.claim() == c).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("models")
    @DisplayName("claim 23: the model's own continuations keep the martingale property (T1, T2,k inside their intervals)")
    @Description("For each cell (n, m, theta) and each observed sequence (verify: one, seed 14; -Pmartingale: ten, seeds "
            + "14-23): z_1:n drawn i.i.d. with P(X) = theta (seeded); J = 200 paths, each a "
            + "re-permutation of z_1:n in the 'Sequence: X Y ...' prompt followed by m symbols sampled from the model's "
            + "P(X|{X,Y}) (two-column readout, KV cache, all paths one batch per step); outlier paths dropped (1.5 IQR of "
            + "per-path means), from the model's paths and every reference set alike; T1 = first-half minus second-half "
            + "mean, T2,k = rho_k - rho_1; each against the 2.5%-97.5% quantiles of K = 300 Beta-Bernoulli replicate sets. Falck, Wang, Holmes (ICML 2024).")
    void martingaleAsSampled(@Param(name = "model") ExpectedMartingale which,
            @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        Measured m = measured(models, which);
        on(which, m);
        attach(m);
        MartingaleGrid g = m.experiment().grid();
        assertThat(m.experiment().baseline()).hasSize(g.cells().size() * g.sequences());
        for (MartingaleResult r : m.experiment().baseline()) {
            assertThat(r.paths()).isEqualTo(MartingaleGrid.PATHS);
            assertThat(r.kept()).as("paths kept by the outlier filter at %s", r.cell()).isPositive();
        }
        check(which, m, finding(m, Claim.MARTINGALE));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("models")
    @DisplayName("claim 24: with the drift heads zero-ablated at every step, the continuations keep the martingale property")
    void martingaleAblated(@Param(name = "model") ExpectedMartingale which,
            @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        Measured m = measured(models, which);
        on(which, m);
        // An ablation that changes nothing is a broken hook: the same seed must give other paths.
        boolean changed = false;
        for (int i = 0; i < m.experiment().baseline().size(); i++) {
            changed |= !m.experiment().baseline().get(i).statistics().equals(m.experiment().ablated().get(i).statistics());
        }
        assertThat(changed).as("ablating %s changed some statistic", m.experiment().heads()).isTrue();
        check(which, m, finding(m, Claim.MARTINGALE_ABLATED));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("models")
    @DisplayName("claim 25: its epistemic uncertainty (T3) is the Bayesian reference's")
    void bayesianUncertainty(@Param(name = "model") ExpectedMartingale which,
            @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        Measured m = measured(models, which);
        on(which, m);
        check(which, m, finding(m, Claim.BAYESIAN_UNCERTAINTY));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("models")
    @DisplayName("claim 26: ablating the drift heads restores the martingale property")
    void restored(@Param(name = "model") ExpectedMartingale which,
            @Param(mode = Parameter.Mode.HIDDEN) Models.Session models) {
        Measured m = measured(models, which);
        on(which, m);
        check(which, m, finding(m, Claim.MARTINGALE_RESTORED));
    }
}
