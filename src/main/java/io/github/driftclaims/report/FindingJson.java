package io.github.driftclaims.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Margin;
import io.github.driftclaims.verdict.Verdict;
import java.util.Arrays;

/**
 * One finding as JSON, the one shape every command's {@code "verdicts"} and the ensembles' member files use: the
 * claim (its statement and number), the verdict as the matrix words it, whether it is fragile, the rule's reason, and
 * the margin it rests on (issue 27: a verdict's margin and uncertainty go wherever the verdict goes). {@link #read}
 * gives back the same finding, so that a distribution built from files equals the one built in memory.
 */
public final class FindingJson {

    private FindingJson() {}

    public static JsonObject of(Finding f) {
        JsonObject j = new JsonObject();
        j.addProperty("claim", f.claim().statement());
        j.addProperty("number", f.claim().number());
        j.addProperty("verdict", f.verdictText());
        j.addProperty("fragile", f.fragile());
        j.addProperty("reason", f.reason());
        Margin m = f.margin();
        if (m != null) {
            JsonObject mj = new JsonObject();
            mj.addProperty("number", m.number());
            mj.addProperty("value", m.value());
            mj.addProperty("line", m.line());
            mj.addProperty("margin", m.margin());
            mj.addProperty("numerical", m.numerical());
            mj.addProperty("sampling", m.sampling());
            j.add("margin", mj);
        }
        return j;
    }

    /** The finding {@link #of} wrote; a field missing or of the wrong kind is an IllegalArgumentException. */
    public static Finding read(JsonObject j) {
        int number = j.get("number").getAsInt();
        Claim c = Arrays.stream(Claim.values()).filter(x -> x.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no claim " + number));
        String text = j.get("verdict").getAsString();
        Verdict v = Arrays.stream(Verdict.values()).filter(x -> x.toString().equals(text)).findFirst().orElse(null);
        if (v == null && !text.equals("not determined")) {
            throw new IllegalArgumentException("claim " + number + ": no verdict " + io.github.driftclaims.Excerpt.of(text));
        }
        Margin m = null;
        JsonElement me = j.get("margin");
        if (me != null && me.isJsonObject()) {
            JsonObject mj = me.getAsJsonObject();
            m = new Margin(mj.get("number").getAsString(), mj.get("value").getAsDouble(), mj.get("line").getAsDouble(),
                    mj.get("numerical").getAsDouble(),
                    mj.get("sampling") == null || mj.get("sampling").isJsonNull() ? null : mj.get("sampling").getAsDouble());
        }
        return new Finding(c, v, j.get("reason").getAsString(), m);
    }
}
