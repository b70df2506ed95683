package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.OrderingsDrift;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.verdict.Finding;
import java.util.List;

/**
 * {@code orderings --json F}: claim 28's measurement (every ordering of 3X/3Y), the same over every
 * ordering of the later cells' counts, and the verdict.
 */
public final class OrderingsJson {

    private OrderingsJson() {}

    public static JsonObject of(String model, OrderingsDrift d, List<OrderingsDrift> otherCounts,
            List<Finding> verdicts) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.add("drift_heads", NotebookJson.heads(d.heads()));
        o.addProperty("spread", d.baseline().drift());
        o.addProperty("spread_ablated", d.ablated().drift());
        o.add("orderings", rows(d));
        JsonArray others = new JsonArray();
        for (OrderingsDrift c : otherCounts) {
            JsonObject x = new JsonObject();
            x.addProperty("count", c.count().toString());
            x.addProperty("spread", c.baseline().drift());
            x.addProperty("spread_ablated", c.ablated().drift());
            x.add("orderings", rows(c));
            others.add(x);
        }
        o.add("other_counts", others);
        o.add("verdicts", NotebookJson.verdicts(verdicts));
        return o;
    }

    /** Each ordering's P(X|{X,Y}) and logit difference, as the model is and ablated. */
    private static JsonArray rows(OrderingsDrift d) {
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
        return rows;
    }
}
