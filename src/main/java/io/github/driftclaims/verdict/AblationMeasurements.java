package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.LogitAttribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers claims 17 to 22 read (issue 15: ablation kinds, the exhaustive pair search, direct logit
 * attribution), and nothing else.
 *
 * @param drift baseline drift over the notebook's three orderings (no head ablated: the same under every kind)
 * @param zeroTop2 the zero-ablation sweep's top two, the notebook's drift heads
 * @param sweeps by ablation kind: that kind's sweep top two and the drift left when
 *     both are ablated that way
 * @param pairs by ablation kind: the exhaustive pair search under that kind
 * @param attribution the heads ranked by how much their direct logit attribution differs across orderings; null
 *     when not measured
 */
public record AblationMeasurements(double drift, List<Head> zeroTop2, Map<AblationKind.Id, Sweep> sweeps,
        Map<AblationKind.Id, Pairs> pairs, Attribution attribution) {

    public AblationMeasurements {
        zeroTop2 = List.copyOf(zeroTop2);
        sweeps = Map.copyOf(sweeps);
        pairs = Map.copyOf(pairs);
    }

    /** From a measurement on a model's weights. */
    public static AblationMeasurements of(AblationKindsEvidence e) {
        Map<AblationKind.Id, Sweep> sweeps = new LinkedHashMap<>();
        Map<AblationKind.Id, Pairs> pairs = new LinkedHashMap<>();
        for (KindSweep k : e.kinds()) {
            KindSweep.Pair greedy = k.greedyPair();
            sweeps.put(k.kind().kindId(), new Sweep(k.kind().reference(), k.greedy(), greedy.result().drift()));
            pairs.put(k.kind().kindId(), new Pairs(k.greedy(), greedy.result().drift(), k.greedyRank(), k.best().heads(),
                    k.best().result().drift(), k.pairs().size()));
        }
        LogitAttribution a = e.attribution();
        List<Head> order = new ArrayList<>();
        List<Double> spreads = new ArrayList<>();
        for (int i : a.bySpread()) {
            order.add(a.heads().get(i));
            spreads.add(a.spread(i));
        }
        return new AblationMeasurements(e.kind(AblationKind.Id.ZERO).sweep().baseline().drift(), e.driftHeads(), sweeps, pairs,
                new Attribution(order, spreads));
    }

    /**
     * @param reference what the kind replaces z with (its reference distribution or resample set, in words)
     * @param top2 the kind's own sweep top two
     * @param top2Drift drift with both ablated under this kind
     */
    public record Sweep(String reference, List<Head> top2, double top2Drift) {
        public Sweep {
            top2 = List.copyOf(top2);
        }
    }

    /**
     * @param greedy the kind's sweep top two (ranked by single-head drift reduction)
     * @param greedyDrift drift left with the greedy pair ablated
     * @param greedyRank the greedy pair's rank among all pairs by drift left (1 = lowest drift)
     * @param best the pair that leaves the lowest drift
     * @param bestDrift the drift it leaves
     * @param count how many pairs were searched (n (n - 1) / 2 of n heads)
     */
    public record Pairs(List<Head> greedy, double greedyDrift, int greedyRank, List<Head> best, double bestDrift,
            int count) {
        public Pairs {
            greedy = List.copyOf(greedy);
            best = List.copyOf(best);
        }
    }

    /**
     * @param bySpread every head, largest spread first
     * @param spreads the spread of each, in the same order: max - min over the orderings of the head's direct
     *     contribution to logit_X - logit_Y at the last position
     */
    public record Attribution(List<Head> bySpread, List<Double> spreads) {
        public Attribution {
            bySpread = List.copyOf(bySpread);
            spreads = List.copyOf(spreads);
            if (bySpread.size() != spreads.size()) {
                throw new IllegalArgumentException(bySpread.size() + " heads, " + spreads.size() + " spreads");
            }
        }

        /** 1-based rank of {@code h}, or 0 when it is not a head of the model. */
        public int rank(Head h) {
            return bySpread.indexOf(h) + 1;
        }
    }
}
