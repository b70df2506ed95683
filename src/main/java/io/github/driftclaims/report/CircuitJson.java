package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.CircuitDiscovery;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.EdgeAblation.Edge;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.verdict.Finding;
import java.util.Collection;
import java.util.List;

/** {@code circuit --json F}: the circuit discovered at every tau beside the greedy and best pairs. */
public final class CircuitJson {

    private CircuitJson() {}

    public static JsonObject of(String model, CircuitDiscovery.Report r, List<Finding> verdicts) {
        CircuitDiscovery d = r.discovery();
        DriftResult full = d.full();
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.addProperty("orderings", "the 20 orderings of 3X/3Y");
        o.addProperty("corruption", "a removed edge's sender at its per-position mean over the 20 orderings (hook_z, or "
                + "the embeddings), only where that edge's receiver reads it");
        o.addProperty("metric", "distance to the full model: mean over the orderings of |P_circuit(X|{X,Y}) - "
                + "P_full(X|{X,Y})|; an edge goes when removing it raises the distance by less than tau");
        o.addProperty("faithfulness", "spread (max - min of P(X|{X,Y})) over the orderings, circuit / full model");
        o.addProperty("edges_in_graph", d.edges().size());
        o.addProperty("spread_full", full.drift());
        o.addProperty("spread_every_edge_removed", d.empty().drift());
        o.addProperty("headline_tau", CircuitDiscovery.HEADLINE_TAU);
        o.add("drift_heads", heads(r.driftHeads()));
        JsonArray runs = new JsonArray();
        for (CircuitDiscovery.Pruning p : d.runs()) {
            JsonObject j = new JsonObject();
            j.addProperty("tau", p.tau());
            j.add("heads", heads(p.heads()));
            j.addProperty("edges", p.kept().size());
            j.addProperty("spread", p.circuit().drift());
            j.addProperty("faithfulness", p.faithfulness(full));
            j.addProperty("distance", p.distance(full));
            JsonArray kept = new JsonArray();
            p.kept().stream().map(Edge::label).forEach(kept::add);
            j.add("kept", kept);
            runs.add(j);
        }
        o.add("discovered", runs);
        JsonArray pairs = new JsonArray();
        for (CircuitDiscovery.Candidate c : r.pairs()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", c.name());
            j.add("heads", heads(c.heads()));
            j.addProperty("edges", c.edges());
            j.addProperty("spread", c.alone().drift());
            j.addProperty("faithfulness", c.faithfulness(full));
            j.addProperty("distance", CircuitDiscovery.distance(c.alone(), full));
            pairs.add(j);
        }
        o.add("pairs", pairs);
        JsonArray v = new JsonArray();
        verdicts.forEach(f -> v.add(FindingJson.of(f)));
        o.add("verdicts", v);
        return o;
    }

    private static JsonArray heads(Collection<Head> heads) {
        JsonArray a = new JsonArray();
        heads.forEach(h -> a.add(h.toString()));
        return a;
    }
}
