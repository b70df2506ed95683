package io.github.driftclaims.interp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notebook's single-head sweep: zero-ablate each (layer, head) at {@code hook_z} alone, measure
 * drift, rank by drift reduction (baseline drift minus ablated drift), then ablate the top K together.
 *
 * @param results each head's readouts with it ablated alone (claim 15 asks whether each changed the output)
 */
public record AblationSweep(DriftResult baseline, List<Row> ranked, Map<Head, DriftResult> results) {

    public record Row(Head head, double drift, double maeToBayes, double driftReduction) {}

    /** Ablating the sweep's top K heads together. */
    public record TopK(List<Head> heads, DriftResult result, double baselineDrift) {

        /** Fraction of the baseline drift removed, 1 = all of it. */
        public double reductionFraction() {
            return baselineDrift == 0 ? 0 : (baselineDrift - result.drift()) / baselineDrift;
        }
    }

    /** Runs the sweep; {@code batched} puts the baseline and all single-head ablations in one forward. */
    public static AblationSweep run(DriftProbe probe, boolean batched) {
        int layers = probe.model().config().nLayers();
        int heads = probe.model().config().nHeads();
        List<Set<Head>> settings = new ArrayList<>();
        settings.add(Set.of());
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                settings.add(Set.of(new Head(l, h)));
            }
        }
        List<DriftResult> results;
        if (batched) {
            results = probe.evaluateAll(settings);
        } else {
            results = new ArrayList<>();
            for (Set<Head> s : settings) {
                results.add(probe.evaluate(s));
            }
        }
        return of(settings, results);
    }

    /**
     * The sweep from measured settings: {@code settings.get(0)} is the baseline (no head), each other a single head,
     * in the same order as {@code results}. Any ablation kind's results rank the same way (see {@link KindSweep}).
     */
    public static AblationSweep of(List<? extends Set<Head>> settings, List<DriftResult> results) {
        if (settings.size() != results.size() || settings.isEmpty() || !settings.get(0).isEmpty()) {
            throw new IllegalArgumentException("a sweep needs the baseline first and one result per setting: "
                    + settings.size() + " settings, " + results.size() + " results");
        }
        DriftResult baseline = results.get(0);
        List<Row> rows = new ArrayList<>();
        Map<Head, DriftResult> byHead = new LinkedHashMap<>();
        for (int i = 1; i < settings.size(); i++) {
            DriftResult r = results.get(i);
            Head h = settings.get(i).iterator().next();
            byHead.put(h, r);
            rows.add(new Row(h, r.drift(), r.maeToBayes(), baseline.drift() - r.drift()));
        }
        // Largest reduction first, as df.sort_values('drift_reduction', ascending=False); ties by head.
        rows.sort(Comparator.comparingDouble(Row::driftReduction).reversed().thenComparing(Row::head));
        return new AblationSweep(baseline, List.copyOf(rows), java.util.Collections.unmodifiableMap(byHead));
    }

    public List<Head> topHeads(int k) {
        return ranked.stream().limit(k).map(Row::head).toList();
    }

    public TopK ablateTop(DriftProbe probe, int k) {
        List<Head> top = topHeads(k);
        return new TopK(top, probe.evaluate(top), baseline.drift());
    }
}
