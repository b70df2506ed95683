package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PathPatching;
import io.github.driftclaims.interp.PathPatching.PathPatch;
import io.github.driftclaims.verdict.Finding;
import java.util.List;

/**
 * {@code path-patching --json F}: every path's logit difference and share of the gap, and claim 36's
 * verdict.
 */
public final class PathPatchingJson {

    private PathPatchingJson() {}

    public static JsonObject of(String model, PathPatching p, List<Head> driftHeads, List<Finding> verdicts) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.add("drift_heads", NotebookJson.heads(driftHeads));
        o.addProperty("clean", p.clean().spaced());
        o.addProperty("corrupt", p.corrupt().spaced());
        o.addProperty("ld_clean", p.ldClean());
        o.addProperty("ld_corrupt", p.ldCorrupt());
        o.addProperty("metric", "(ld_patched - ld_corrupt) / (ld_clean - ld_corrupt), ld = logit_X - logit_Y at the last "
                + "position; the corrupt run with one sender's output swapped for its clean value only where it enters "
                + "the receiver's q, k or v input (before ln1), or only where it enters the unembedding (direct)");
        JsonArray rows = new JsonArray();
        for (PathPatch x : p.paths()) {
            JsonObject r = new JsonObject();
            r.addProperty("sender", x.sender().toString());
            r.addProperty("receiver", x.receiver() == null ? "logits" : x.receiver().toString());
            r.addProperty("input", x.input().id());
            r.addProperty("hook", x.hook());
            r.addProperty("ld_patched", x.ldPatched());
            r.addProperty("normalised", x.normalised());
            rows.add(r);
        }
        o.add("paths", rows);
        o.add("verdicts", NotebookJson.verdicts(verdicts));
        return o;
    }
}
