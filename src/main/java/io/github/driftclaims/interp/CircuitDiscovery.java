package io.github.driftclaims.interp;

import io.github.driftclaims.interp.EdgeAblation.Edge;
import io.github.driftclaims.model.HookedTransformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Automatic circuit discovery on the head graph (issue 28), after Conmy et al.'s ACDC (2023): start from the whole
 * graph ({@link EdgeAblation}), visit the edges from the logits backwards, and remove an edge for good when removing it
 * (mean-ablating the sender where that receiver reads it) moves the model's output by less than tau.
 *
 * <p>The metric is the distance to the full model over the 20 orderings of 3X/3Y: the mean over the orderings of
 * |P_circuit(X | {X,Y}) - P_full(X | {X,Y})|, the two-candidate analogue of ACDC's KL divergence to the full model, in
 * the units the drift is measured in. An edge goes when distance(with it removed) - distance(now) < tau, ACDC's
 * signed rule (a removal that brings the circuit closer to the model is taken). A head none of whose outgoing edges is
 * left cannot matter: its incoming edges go untested, as ACDC drops a node with no children. Every tau of
 * {@link #TAUS} runs the same order in lockstep, one batched forward per edge.
 *
 * <p>The circuit's heads are those with an edge left; its faithfulness, as {@link Sufficiency}'s, is its spread of
 * P(X) over the 20 orderings over the full model's.
 *
 * @param full the 20 orderings as the model is
 * @param empty every edge removed: every head and the embeddings at their mean wherever they are read
 * @param edges every edge of the graph, in visiting order
 * @param runs one pruning per tau, in the order of the taus
 */
public record CircuitDiscovery(DriftResult full, DriftResult empty, List<Edge> edges, List<Pruning> runs) {

    /**
     * The thresholds, fixed before any circuit was measured: a distance of 0.001 to 0.03 in P(X | {X,Y}) per edge,
     * against a spread of P(X) of 0.9 over the orderings on the toy models.
     */
    public static final List<Double> TAUS = List.of(0.001, 0.003, 0.01, 0.03);

    /** The tau whose circuit the tables put beside the pairs. */
    public static final double HEADLINE_TAU = 0.01;

    public CircuitDiscovery {
        edges = List.copyOf(edges);
        runs = List.copyOf(runs);
    }

    /**
     * One edge's test under one tau.
     *
     * @param change distance with the edge removed minus the distance before; NaN when not tested
     * @param removed whether the edge went
     * @param tested false when it went untested, its receiver having no outgoing edge left
     */
    public record Step(Edge edge, double change, boolean removed, boolean tested) {}

    /**
     * The graph pruned at one tau.
     *
     * @param kept the edges left, in visiting order
     * @param circuit the 20 orderings with only the kept edges
     * @param steps every edge's test, in visiting order
     */
    public record Pruning(double tau, List<Edge> kept, DriftResult circuit, List<Step> steps) {

        public Pruning {
            kept = List.copyOf(kept);
            steps = List.copyOf(steps);
        }

        /** The heads with an edge left out of them, in head order. */
        public List<Head> heads() {
            return kept.stream().map(Edge::sender).filter(h -> h != null).distinct().sorted().toList();
        }

        /** The circuit's spread of P(X) over the full model's. */
        public double faithfulness(DriftResult full) {
            return circuit.drift() / full.drift();
        }

        public double distance(DriftResult full) {
            return CircuitDiscovery.distance(circuit, full);
        }
    }

    /** The pruning at {@code tau}. */
    public Pruning at(double tau) {
        return runs.stream().filter(r -> r.tau() == tau).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pruning at tau " + tau + "; taus " + TAUS));
    }

    /** ACDC at each of {@link #TAUS} on the model's graph. */
    public static CircuitDiscovery discover(HookedTransformer model) {
        return discover(EdgeAblation.prepare(model), TAUS);
    }

    public static CircuitDiscovery discover(EdgeAblation graph, List<Double> taus) {
        List<Edge> edges = graph.edges();
        DriftResult full = graph.full();
        int k = taus.size();
        List<Set<Edge>> removed = new ArrayList<>();
        List<List<Step>> steps = new ArrayList<>();
        double[] now = new double[k];
        double start = distance(graph.evaluateAll(List.of(Set.of())).get(0), full);
        for (int i = 0; i < k; i++) {
            removed.add(new HashSet<>());
            steps.add(new ArrayList<>());
            now[i] = start;
        }
        for (Edge e : edges) {
            List<Integer> tested = new ArrayList<>();
            List<Set<Edge>> candidates = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (e.receiver() != null && !hasOutgoing(e.receiver(), edges, removed.get(i))) {
                    removed.get(i).add(e);
                    steps.get(i).add(new Step(e, Double.NaN, true, false));
                    continue;
                }
                Set<Edge> c = new HashSet<>(removed.get(i));
                c.add(e);
                tested.add(i);
                candidates.add(c);
            }
            if (tested.isEmpty()) {
                continue;
            }
            List<DriftResult> r = graph.evaluateAll(candidates);
            for (int j = 0; j < tested.size(); j++) {
                int i = tested.get(j);
                double d = distance(r.get(j), full);
                double change = d - now[i];
                boolean remove = change < taus.get(i);
                if (remove) {
                    removed.get(i).add(e);
                    now[i] = d;
                }
                steps.get(i).add(new Step(e, change, remove, true));
            }
        }
        List<Set<Edge>> finals = new ArrayList<>(removed);
        finals.add(Set.copyOf(edges));
        List<DriftResult> r = graph.evaluateAll(finals);
        List<Pruning> runs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Set<Edge> gone = removed.get(i);
            runs.add(new Pruning(taus.get(i), edges.stream().filter(x -> !gone.contains(x)).toList(), r.get(i),
                    steps.get(i)));
        }
        return new CircuitDiscovery(full, r.get(k), edges, runs);
    }

    private static boolean hasOutgoing(Head h, List<Edge> edges, Set<Edge> removed) {
        return edges.stream().anyMatch(x -> h.equals(x.sender()) && !removed.contains(x));
    }

    /** Mean over the orderings of |P_a(X | {X,Y}) - P_b(X | {X,Y})|. */
    public static double distance(DriftResult a, DriftResult b) {
        double sum = 0;
        for (int i = 0; i < a.rows().size(); i++) {
            sum += Math.abs(a.rows().get(i).pXNorm() - b.rows().get(i).pXNorm());
        }
        return sum / a.rows().size();
    }

    /**
     * A head set kept alone in the graph's terms: every edge out of every other head removed (the same as
     * mean-ablating the other heads' hook_z, {@link Sufficiency}'s "alone"), so a pair compares with the discovered
     * circuit on one footing.
     */
    public static Set<Edge> outsideOf(Collection<Head> heads, List<Edge> edges) {
        Set<Edge> out = new HashSet<>();
        for (Edge e : edges) {
            if (e.sender() != null && !heads.contains(e.sender())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The edges a head set uses: from the embeddings or one of its heads into one of its heads or the logits. */
    public static int size(Collection<Head> heads, List<Edge> edges) {
        int n = 0;
        for (Edge e : edges) {
            boolean from = e.sender() == null || heads.contains(e.sender());
            boolean into = e.receiver() == null || heads.contains(e.receiver());
            n += from && into ? 1 : 0;
        }
        return n;
    }

    /**
     * A named head set (the greedy pair, the best pair) kept alone, beside the discovered circuit.
     *
     * @param edges how many edges of the graph it uses ({@link #size})
     * @param alone the 20 orderings with every other head's edges removed
     */
    public record Candidate(String name, List<Head> heads, int edges, DriftResult alone) {
        public Candidate {
            heads = List.copyOf(heads);
        }

        public double faithfulness(DriftResult full) {
            return alone.drift() / full.drift();
        }
    }

    /** Each named head set alone, in one batched forward over the graph. */
    public static List<Candidate> candidates(EdgeAblation graph, Map<String, List<Head>> sets) {
        List<Set<Edge>> settings = new ArrayList<>();
        for (List<Head> s : sets.values()) {
            settings.add(outsideOf(s, graph.edges()));
        }
        List<DriftResult> r = graph.evaluateAll(settings);
        List<Candidate> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Head>> e : new LinkedHashMap<>(sets).entrySet()) {
            out.add(new Candidate(e.getKey(), e.getValue(), size(e.getValue(), graph.edges()), r.get(i++)));
        }
        return out;
    }

    /**
     * The discovered circuits beside the pairs, as the CLI and the claims report them: the graph, its pruning at every
     * tau, and each pair kept alone in the same graph.
     */
    public record Report(EdgeAblation graph, CircuitDiscovery discovery, List<Candidate> pairs, List<Head> driftHeads) {
        public Report {
            pairs = List.copyOf(pairs);
            driftHeads = List.copyOf(driftHeads);
        }

        /** Discovery at every tau, and the zero sweep's and the mean sweep's pairs (claims 19 and 20's). */
        public static Report measure(HookedTransformer model, List<Head> driftHeads, KindSweep mean) {
            EdgeAblation graph = EdgeAblation.prepare(model);
            return new Report(graph, discover(graph, TAUS), candidates(graph, comparedPairs(driftHeads, mean)), driftHeads);
        }
    }

    /**
     * The pairs the discovered circuit is compared with: the zero sweep's top two (the notebook's drift heads), and
     * under mean ablation (the corruption used here) the sweep's top two and the best pair of the exhaustive search
     * (claim 20's), all on the notebook's three orderings as claims 19-21 measure them.
     */
    public static Map<String, List<Head>> comparedPairs(List<Head> driftHeads, KindSweep mean) {
        Map<String, List<Head>> out = new LinkedHashMap<>();
        out.put("greedy pair (zero sweep)", driftHeads);
        out.put("greedy pair (mean sweep)", mean.greedy());
        out.put("best pair (mean, exhaustive)", mean.best().heads());
        return out;
    }
}
