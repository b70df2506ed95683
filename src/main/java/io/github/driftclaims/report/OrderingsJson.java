package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.OrderingsDrift;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.verdict.Finding;
import java.util.List;

/** {@code run --experiment orderings --json F}: claim 28's measurement (every ordering of 3X/3Y) and verdict. */
public final class OrderingsJson {

    private OrderingsJson() {}

    public static JsonObject of(String model, OrderingsDrift d, List<Finding> verdicts) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.add("drift_heads", NotebookJson.heads(d.heads()));
        o.addProperty("spread", d.baseline().drift());
        o.addProperty("spread_ablated", d.ablated().drift());
        JsonArray rows = new JsonArray();
        for (int i = 0; i < d.baseline().rows().size(); i++) {
            Readout b = d.baseline().rows().get(i);
            Readout a = d.ablated().rows().get(i);
            JsonObject r = new JsonObject();
            r.addProperty("ordering", b.name());
            r.addProperty("p_X_norm", b.pXNorm());
            r.addProperty("logit_diff", b.logitDiff());
            r.addProperty("p_X_norm_ablated", a.pXNorm());
            r.addProperty("logit_diff_ablated", a.logitDiff());
            rows.add(r);
        }
        o.add("orderings", rows);
        o.add("verdicts", NotebookJson.verdicts(verdicts));
        return o;
    }
}
