package io.github.driftclaims.interp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The single-head sweep and the exhaustive pair search under one ablation kind, measured as one batch: the
 * baseline, every head alone and every pair of heads (n (n - 1) / 2 of n heads: 120 on 2 x 8, 6 on 2 x 2).
 *
 * @param sweep the single-head sweep, ranked as the notebook ranks it
 * @param pairs every pair, lowest drift left first (ties by the heads)
 */
public record KindSweep(AblationKind kind, AblationSweep sweep, List<Pair> pairs) {

    /** Heads {@code a} < {@code b} ablated together under the kind. */
    public record Pair(Head a, Head b, DriftResult result) {
        public List<Head> heads() {
            return List.of(a, b);
        }

        public boolean is(List<Head> two) {
            return two.size() == 2 && Set.copyOf(two).equals(Set.of(a, b));
        }
    }

    public KindSweep {
        pairs = List.copyOf(pairs);
    }

    public static KindSweep measure(DriftProbe probe, AblationKind kind) {
        return measure(KindAblation.prepare(probe, kind));
    }

    public static KindSweep measure(KindAblation ablation) {
        int layers = ablation.probe().model().config().nLayers();
        int heads = ablation.probe().model().config().nHeads();
        List<Head> all = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                all.add(new Head(l, h));
            }
        }
        List<Set<Head>> settings = new ArrayList<>();
        settings.add(Set.of());
        all.forEach(h -> settings.add(Set.of(h)));
        int singles = settings.size();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                settings.add(Set.of(all.get(i), all.get(j)));
            }
        }
        List<DriftResult> results = ablation.evaluateAll(settings);
        AblationSweep sweep = AblationSweep.of(settings.subList(0, singles), results.subList(0, singles));
        List<Pair> pairs = new ArrayList<>();
        int r = singles;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                pairs.add(new Pair(all.get(i), all.get(j), results.get(r++)));
            }
        }
        pairs.sort(Comparator.comparingDouble((Pair p) -> p.result().drift()).thenComparing(Pair::a)
                .thenComparing(Pair::b));
        return new KindSweep(ablation.kind(), sweep, pairs);
    }

    /** The greedy pair: the sweep's top two. */
    public List<Head> greedy() {
        return sweep.topHeads(2);
    }

    /** The greedy pair ablated together under this kind (one of {@link #pairs}). */
    public Pair greedyPair() {
        return pairs.stream().filter(p -> p.is(greedy())).findFirst().orElseThrow();
    }

    /** 1-based rank of the greedy pair by drift left. */
    public int greedyRank() {
        return pairs.indexOf(greedyPair()) + 1;
    }

    public Pair best() {
        return pairs.get(0);
    }

    /** Drift with {@code a} and {@code b} ablated ({@code a == b}: alone), for the heads x heads map. */
    public double drift(Head a, Head b) {
        if (a.equals(b)) {
            return sweep.results().get(a).drift();
        }
        return pairs.stream().filter(p -> p.is(List.of(a, b))).findFirst().orElseThrow().result().drift();
    }
}
