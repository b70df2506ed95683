package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.martingale.MartingaleExperiment;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.martingale.Statistic;
import io.github.driftclaims.verdict.MartingaleMeasurements;
import io.github.driftclaims.verdict.Rules;

/**
 * The martingale check as JSON: the design's settings, then per cell and observed sequence (its seed), as sampled
 * and ablated, every statistic with its interval ({@code cells[i].baseline.statistics.T1.{value, lo, hi, inside,
 * reference_median}}), and the claims' verdicts. Numbers at full precision.
 */
public final class MartingaleJson {

    private MartingaleJson() {}

    public static JsonObject of(String model, MartingaleExperiment e) {
        JsonObject root = new JsonObject();
        root.addProperty("model", model);
        root.addProperty("method", "Falck, Wang, Holmes (ICML 2024) martingale diagnostics; two-token sampling from "
                + "P(X|{X,Y}); Beta(1,1)-Bernoulli reference");
        root.add("ablated_heads", NotebookJson.heads(e.heads()));
        root.addProperty("paths", e.grid().paths());
        root.addProperty("replicates", e.grid().replicates());
        root.addProperty("seed", e.grid().firstSeed());
        root.addProperty("sequences", e.grid().sequences());
        JsonArray cells = new JsonArray();
        for (int i = 0; i < e.baseline().size(); i++) {
            MartingaleResult b = e.baseline().get(i);
            JsonObject c = new JsonObject();
            c.addProperty("n", b.cell().n());
            c.addProperty("m", b.cell().m());
            c.addProperty("theta", b.cell().theta());
            c.addProperty("seed", b.seed());
            c.add("baseline", result(b));
            c.add("ablated", result(e.ablated().get(i)));
            cells.add(c);
        }
        root.add("cells", cells);
        root.add("verdicts", NotebookJson.verdicts(Rules.martingale(MartingaleMeasurements.of(e))));
        return root;
    }

    private static JsonObject result(MartingaleResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("kept", r.kept());
        o.addProperty("kept_t3", r.keptT3());
        o.addProperty("reference_kept", r.referenceKept());
        o.addProperty("observed_mean", r.observedMean());
        o.addProperty("path_mean", r.pathMean());
        JsonObject stats = new JsonObject();
        for (Statistic s : r.statistics()) {
            JsonObject j = new JsonObject();
            j.addProperty("value", s.value());
            j.addProperty("lo", s.interval().lo());
            j.addProperty("hi", s.interval().hi());
            j.addProperty("inside", s.inside());
            j.addProperty("reference_median", s.referenceMedian());
            stats.add(s.name(), j);
        }
        o.add("statistics", stats);
        return o;
    }
}
