package io.github.driftclaims.interp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What the notebook's later cells recorded on attn-only-2l in one prompt style (a {@code cpu_fp32_*_prompt}
 * section of {@link LaterCells#REFERENCE}), as printed: the evidence sweep's per-count columns (6 decimals),
 * the MAEs and 4X/1Y drifts at full precision, the first 10 of the 50 unseeded 4X/1Y draws (4 decimals),
 * the sanity check, and the tail of the real-time tracking table (toy prompt only).
 *
 * @param counts per n_X: bayes, freq, baseline and ablated mean and std, as printed
 * @param trackingTail the last printed rows of the tracking table; empty when the section has none
 */
public record LaterCellsRecord(PromptStyle style, String commit, List<Row> counts, double maeBaseline,
        double maeAblated, double drift4x1Baseline, double drift4x1Ablated, List<String> distinct4x1,
        List<Double> first10Baseline, List<Double> first10Ablated, String sanityPrompt, double sanityBaseline,
        double sanityAblated, double sanityDelta, double sanityBayes, List<TrackingRow> trackingTail) {

    public record Row(int nX, double bayes, double freq, double baselineMean, double baselineStd, double ablatedMean,
            double ablatedStd) {}

    public record TrackingRow(int t, String token, double bayes, double freq, double baseline, double ablated) {}

    /** The file's section for a style's run, {@code cpu_fp32_<style>_prompt}; the notebook recorded toy and minimal. */
    public static String section(PromptStyle style) {
        return "cpu_fp32_" + style.id() + "_prompt";
    }

    public static LaterCellsRecord read(PromptStyle style) {
        return of(style, LaterCells.reference());
    }

    public static LaterCellsRecord of(PromptStyle style, JsonObject file) {
        JsonObject o = file.getAsJsonObject(section(style));
        if (o == null) {
            throw new IllegalArgumentException("the notebook recorded no later cells in the '" + style.id() + "' style");
        }
        JsonObject ev = o.getAsJsonObject("evidence_sweep");
        List<Row> rows = new ArrayList<>();
        for (JsonElement e : ev.getAsJsonArray("rows")) {
            JsonObject r = e.getAsJsonObject();
            rows.add(new Row(r.get("n_X").getAsInt(), d(r, "bayes_p_X"), d(r, "freq_p_X"), d(r, "baseline_mean"),
                    d(r, "baseline_std"), d(r, "ablated_mean"), d(r, "ablated_std")));
        }
        JsonObject d41 = o.getAsJsonObject("drift_4x1y");
        JsonObject first = d41.getAsJsonObject("first_10_printed_4dp");
        JsonObject sanity = o.getAsJsonObject("sanity_check");
        List<TrackingRow> tail = new ArrayList<>();
        if (o.has("real_time_tracking_tail")) {
            for (JsonElement e : o.getAsJsonObject("real_time_tracking_tail").getAsJsonArray("rows")) {
                JsonObject r = e.getAsJsonObject();
                tail.add(new TrackingRow(r.get("t").getAsInt(), r.get("token").getAsString(), d(r, "bayes_p_X"),
                        d(r, "freq_p_X"), d(r, "baseline_p_X"), d(r, "ablated_p_X")));
            }
        }
        return new LaterCellsRecord(style, o.get("commit").getAsString(), List.copyOf(rows),
                d(ev.getAsJsonObject("mae_to_bayes"), "baseline"), d(ev.getAsJsonObject("mae_to_bayes"), "ablated"),
                d(d41.getAsJsonObject("drift"), "baseline"), d(d41.getAsJsonObject("drift"), "ablated"),
                strings(d41, "distinct_orderings"), doubles(first, "baseline"), doubles(first, "ablated"),
                sanity.get("prompt").getAsString(), d(sanity.getAsJsonObject("p_X_norm"), "baseline"),
                d(sanity.getAsJsonObject("p_X_norm"), "ablated"), d(sanity, "delta"), d(sanity, "bayes_two_generator"),
                List.copyOf(tail));
    }

    /**
     * The ablations the record shows, and the largest change it printed for each: the per-count means
     * (a mean that moved means some ordering moved), the first 10 of the 4X/1Y draws, the sanity check.
     */
    public List<AblationEffect> effects(List<Head> ablated) {
        String p = "later." + style.id() + ".";
        return List.of(
                AblationEffect.of(p + "evidence_sweep (means)", ablated, counts.stream().map(Row::baselineMean).toList(),
                        counts.stream().map(Row::ablatedMean).toList()),
                AblationEffect.of(p + "drift_4x1y (first 10 draws, 4 dp)", ablated, first10Baseline, first10Ablated),
                AblationEffect.of(p + "sanity_check", ablated, List.of(sanityBaseline), List.of(sanityAblated)));
    }

    /** The file's ablated heads: the main experiment's top two, (1,6) and (0,3). */
    public static final List<Head> ABLATED = List.of(new Head(1, 6), new Head(0, 3));

    private static double d(JsonObject o, String key) {
        return o.get(key).getAsDouble();
    }

    private static List<Double> doubles(JsonObject o, String key) {
        return o.getAsJsonArray(key).asList().stream().map(JsonElement::getAsDouble).toList();
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.getAsJsonArray(key).asList().stream().map(JsonElement::getAsString).toList();
    }
}
