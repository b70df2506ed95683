package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.Sufficiency;
import io.github.driftclaims.verdict.Finding;
import java.util.List;

/**
 * {@code sufficiency --json F}: the spread over the 20 orderings of the full model, of the floor
 * (every head mean-ablated) and of each candidate circuit alone and removed, with claim 37's verdict.
 */
public final class SufficiencyJson {

    private SufficiencyJson() {}

    public static JsonObject of(String model, Sufficiency s, List<Head> driftHeads, List<Finding> verdicts) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.add("drift_heads", NotebookJson.heads(driftHeads));
        o.addProperty("metric", "spread (max - min) of P(X | {X,Y}) over the 20 orderings of 3X/3Y; heads ablated are "
                + "replaced at hook_z by their per-position mean over those orderings; faithfulness = spread with only "
                + "the circuit kept / full spread; necessity = 1 - spread with the circuit ablated / full spread");
        o.add("full", spread(s.full()));
        o.add("floor", spread(s.floor()));
        JsonArray rows = new JsonArray();
        for (Sufficiency.Candidate c : s.candidates()) {
            JsonObject r = new JsonObject();
            r.addProperty("name", c.name());
            r.add("heads", NotebookJson.heads(c.heads()));
            r.add("alone", spread(c.alone()));
            r.add("removed", spread(c.removed()));
            r.addProperty("faithfulness", c.faithfulness(s.full()));
            r.addProperty("necessity", c.necessity(s.full()));
            rows.add(r);
        }
        o.add("candidates", rows);
        o.add("verdicts", NotebookJson.verdicts(verdicts));
        return o;
    }

    private static JsonObject spread(DriftResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("spread", r.drift());
        JsonObject p = new JsonObject();
        r.rows().forEach(row -> p.addProperty(row.seq(), row.pXNorm()));
        o.add("p_x", p);
        return o;
    }
}
