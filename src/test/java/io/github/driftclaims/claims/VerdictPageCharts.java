package io.github.driftclaims.claims;

import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.report.BarCharts;
import io.github.driftclaims.report.VerdictPageData.Chart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict page's pictures, per shipped model: the same chart makers the claim tests attach to their results,
 * from the measurements those tests made (cached in the {@link Models} session, so nothing runs twice).
 */
final class VerdictPageCharts {

    static final String DRIFT = "Drift: P(X | {X,Y}) per ordering of three X and three Y";
    static final String ABLATION = "Ablation: the drift left by each head (diagonal) and each pair, zero-ablated";
    static final String LATER = "Later cells: the evidence sweep against the two-generator Bayes predictor";
    static final String MARTINGALE = "Martingale check: T1 per (n, m, theta) with the reference's 95% interval";
    static final String TRAINING = "Training: drift, excess drift and head scores against the step (claim 30)";
    static final String CIRCUIT = "Circuit discovery: the edges ACDC-style pruning keeps (claim 39)";
    static final String PATCHING = "Patching: the share of the patterned/clumped gap moved per head (hook_z, both "
            + "directions) and per path from layer 0 into layer 1's q, k and v (claims 29 and 36)";

    private VerdictPageCharts() {}

    static List<Chart> of(Models.Session models) {
        List<Chart> out = new ArrayList<>();
        List<ModelUnderTest> shipped = java.util.Arrays.stream(ModelUnderTest.values()).filter(m -> !m.isReal()).toList();
        for (ModelUnderTest m : shipped) {
            DriftResult all = models.get(m).evidence().allOrderings();
            String title = m.id + ": drift " + String.format(Locale.ROOT, "%.4f", all.drift()) + " over the 20 orderings";
            out.add(new Chart(DRIFT, title, BarCharts.horizontal(title, all.rows().stream()
                    .map(r -> new BarCharts.Bar(r.seq().replace(" ", ""), r.pXNorm())).toList())));
        }
        for (ModelUnderTest m : shipped) {
            KindSweep k = AblationKindClaims.evidence(models, m).kind("zero");
            out.add(new Chart(ABLATION, m.id + ": single-head sweep and every pair",
                    AblationKindClaims.pairChart(k, "zero", k.sweep().baseline().drift())));
        }
        for (ModelUnderTest m : shipped) {
            out.add(new Chart(LATER, m.id + ": sequence prompt, the drift heads zero-ablated",
                    LaterCellClaims.sweepChart(models.get(m).evidence().later(PromptStyle.SEQUENCE))));
        }
        for (ExpectedMartingale e : ExpectedMartingale.values()) {
            if (e.shipped != null && shipped.contains(e.shipped)) {
                out.add(new Chart(MARTINGALE, e.shipped.id + ": as sampled and with the drift heads ablated",
                        MartingaleClaims.intervalsChart(MartingaleClaims.measured(models, e), "T1")));
            }
        }
        for (ModelUnderTest m : shipped) {
            out.add(new Chart(TRAINING, m.id + ": through training", PhaseChangeClaims.chart(m)));
        }
        for (ModelUnderTest m : shipped) {
            out.add(prefixed(m, PatchingClaims.headHeatmap(PatchingClaims.measure(models, m))));
            PathPatchingClaims.receiverHeatmaps(PathPatchingClaims.measure(models, m),
                    models.get(m).model().config().nLayers()).forEach(c -> out.add(prefixed(m, c)));
        }
        // Measured in verify on the default model only (CircuitDiscoveryClaims): its drawing, no other model's.
        out.add(new Chart(CIRCUIT, CircuitDiscoveryClaims.IN_VERIFY.id + ": the circuit at tau "
                + io.github.driftclaims.interp.CircuitDiscovery.HEADLINE_TAU,
                CircuitDiscoveryClaims.graph(models, CircuitDiscoveryClaims.IN_VERIFY)));
        return out;
    }

    private static Chart prefixed(ModelUnderTest m, Chart c) {
        return new Chart(c.section(), m.id + ": " + c.title(), c.svg());
    }
}
