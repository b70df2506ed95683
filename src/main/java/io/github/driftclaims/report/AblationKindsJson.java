package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.LogitAttribution;
import io.github.driftclaims.verdict.Finding;
import java.util.List;

/**
 * {@code ablation-kinds --json F}: claims 17 to 22's measurement (the sweep and every pair under each
 * ablation kind, the direct logit attribution) and the verdicts, as JSON.
 */
public final class AblationKindsJson {

    /** Pairs listed per kind, lowest drift left first: the report's table shows the same ten. */
    public static final int TOP_PAIRS = 10;

    private AblationKindsJson() {}

    public static JsonObject of(String model, AblationKindsEvidence e, List<Finding> verdicts) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.add("drift_heads", NotebookJson.heads(e.driftHeads()));
        JsonObject kinds = new JsonObject();
        for (KindSweep k : e.kinds()) {
            JsonObject kind = new JsonObject();
            kind.addProperty("reference", k.kind().reference());
            kind.addProperty("baseline_drift", k.sweep().baseline().drift());
            JsonArray sweep = new JsonArray();
            for (AblationSweep.Row r : k.sweep().ranked()) {
                sweep.add(NotebookJson.sweepRow(r));
            }
            kind.add("single_head_sweep", sweep);
            kind.add("greedy_pair", NotebookJson.heads(k.greedy()));
            kind.addProperty("greedy_pair_drift", k.greedyPair().result().drift());
            kind.addProperty("greedy_pair_rank", k.greedyRank());
            kind.addProperty("pairs", k.pairs().size());
            JsonArray pairs = new JsonArray();
            for (KindSweep.Pair p : k.pairs().subList(0, Math.min(TOP_PAIRS, k.pairs().size()))) {
                JsonObject row = new JsonObject();
                row.add("heads", NotebookJson.heads(p.heads()));
                row.addProperty("drift", p.result().drift());
                pairs.add(row);
            }
            kind.add("best_pairs", pairs);
            kinds.add(k.kind().id(), kind);
        }
        o.add("kinds", kinds);
        LogitAttribution a = e.attribution();
        JsonObject attribution = new JsonObject();
        for (int s = 0; s < a.stimuli().size(); s++) {
            JsonObject row = new JsonObject();
            for (int h = 0; h < a.heads().size(); h++) {
                row.addProperty(a.heads().get(h).toString(), a.perHead()[s][h]);
            }
            row.addProperty("direct_path", a.directPath()[s]);
            row.addProperty("biases", a.biases()[s]);
            row.addProperty("logit_diff", a.logitDiff()[s]);
            attribution.add(a.stimuli().get(s), row);
        }
        o.add("direct_logit_attribution", attribution);
        o.add("verdicts", NotebookJson.verdicts(verdicts));
        return o;
    }
}
