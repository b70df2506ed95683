package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.ActivationPatching;
import io.github.driftclaims.interp.ActivationPatching.Direction;
import io.github.driftclaims.interp.ActivationPatching.Patch;
import io.github.driftclaims.verdict.Finding;
import java.util.List;

/** {@code patching --json F}: claim 29's measurement (every patch, both directions) and verdict. */
public final class PatchingJson {

    private PatchingJson() {}

    public static JsonObject of(String model, ActivationPatching p, List<Finding> verdicts) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.add("drift_heads", NotebookJson.heads(p.driftHeads()));
        o.addProperty("clean", p.clean().spaced());
        o.addProperty("corrupt", p.corrupt().spaced());
        o.addProperty("metric", "(ld_patched - ld_base) / (ld_source - ld_base), ld = logit_X - logit_Y at the last "
                + "position; denoising runs the corrupt prompt with the clean run's activation, noising the reverse");
        for (Direction d : Direction.values()) {
            JsonArray rows = new JsonArray();
            for (Patch x : p.patches()) {
                if (x.direction() != d) {
                    continue;
                }
                JsonObject r = new JsonObject();
                r.addProperty("component", x.component().id());
                r.addProperty("label", x.label());
                r.addProperty("hook", x.hook());
                r.addProperty("layer", x.layer());
                r.addProperty("head", x.head());
                r.addProperty("position", x.position());
                r.addProperty("ld_base", x.ldBase());
                r.addProperty("ld_source", x.ldSource());
                r.addProperty("ld_patched", x.ldPatched());
                r.addProperty("normalised", x.normalised());
                rows.add(r);
            }
            o.add(d.id(), rows);
        }
        o.add("verdicts", NotebookJson.verdicts(verdicts));
        return o;
    }
}
