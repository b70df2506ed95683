package io.github.driftclaims.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.Baselines;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.LaterCellsRecord;
import io.github.driftclaims.interp.Readout;
import java.util.List;

/**
 * Later cells as JSON in the structure of the notebook's later-cells reference
 * ({@code fixtures/attn-only-2l/attn-only-2l-notebook-later-cells.json}): one {@code cpu_fp32_<style>_prompt}
 * section per prompt style with {@code evidence_sweep.rows} / {@code mae_to_bayes}, {@code drift_4x1y.drift},
 * {@code sanity_check.p_X_norm} and the tracking table, so a run compares with the notebook key by key.
 * Numbers are written at full precision (the file printed some to 6 decimals).
 */
public final class LaterCellsJson {

    /** The later cells, as {@code later-cells --cell} names them and as the file's keys. */
    public static final List<String> EXPERIMENTS = List.of("evidence-sweep", "drift-4x1y", "sanity-check", "tracking");

    private LaterCellsJson() {}

    /** @param experiments the subset of {@link #EXPERIMENTS} to write */
    public static JsonObject section(LaterCells l, List<String> experiments) {
        JsonObject o = new JsonObject();
        o.addProperty("device", "cpu");
        o.addProperty("dtype", "float32");
        o.addProperty("prompt", l.style().template());
        o.add("ablated_heads", NotebookJson.heads(l.ablated()));
        o.addProperty("ablation", l.kind());
        o.addProperty("ablation_reference", l.ablationReference());
        if (experiments.contains("evidence-sweep")) {
            JsonObject ev = new JsonObject();
            JsonArray rows = new JsonArray();
            for (LaterCells.Count c : l.evidence().counts()) {
                JsonObject r = new JsonObject();
                r.addProperty("n_X", c.nX());
                r.addProperty("bayes_p_X", c.bayes());
                r.addProperty("freq_p_X", c.freq());
                r.addProperty("baseline_mean", c.baselineMean());
                r.addProperty("baseline_std", c.baselineStd());
                r.addProperty("ablated_mean", c.ablatedMean());
                r.addProperty("ablated_std", c.ablatedStd());
                rows.add(r);
            }
            ev.add("rows", rows);
            ev.addProperty("std", "sample std (ddof=1) over the 10 orderings");
            ev.add("mae_to_bayes", pair(l.evidence().maeBaseline(), l.evidence().maeAblated()));
            o.add("evidence_sweep", ev);
        }
        if (experiments.contains("drift-4x1y")) {
            JsonObject d = new JsonObject();
            d.addProperty("sequence_counts", "4 X, 1 Y");
            JsonArray seqs = new JsonArray();
            l.drift4x1Baseline().rows().forEach(r -> seqs.add(r.seq()));
            d.add("distinct_orderings", seqs);
            d.add("drift", pair(l.drift4x1Baseline().drift(), l.drift4x1Ablated().drift()));
            JsonObject per = new JsonObject();
            per.add("baseline", values(l.drift4x1Baseline().rows()));
            per.add("ablated", values(l.drift4x1Ablated().rows()));
            d.add("p_X_norm", per);
            o.add("drift_4x1y", d);
        }
        if (experiments.contains("sanity-check")) {
            JsonObject s = new JsonObject();
            s.addProperty("prompt", l.style().fill(List.of(LaterCells.SANITY_SEQUENCE.split(" "))));
            s.add("p_X_norm", pair(l.sanityBaseline().pXNorm(), l.sanityAblated().pXNorm()));
            s.addProperty("delta", l.sanityAblated().pXNorm() - l.sanityBaseline().pXNorm());
            s.addProperty("bayes_two_generator", Baselines.twoGenerator(l.sanityBaseline().nX(), l.sanityBaseline().nY()));
            o.add("sanity_check", s);
        }
        if (experiments.contains("tracking")) {
            JsonObject t = new JsonObject();
            t.addProperty("seed", l.tracking().seed());
            t.addProperty("hidden_bias", LaterCells.HIDDEN_BIAS);
            JsonArray rows = new JsonArray();
            for (LaterCells.Step s : l.tracking().steps()) {
                JsonObject r = new JsonObject();
                r.addProperty("stream", s.stream());
                r.addProperty("t", s.t());
                r.addProperty("token", s.token());
                r.addProperty("bayes_p_X", s.bayes());
                r.addProperty("freq_p_X", s.freq());
                r.addProperty("baseline_p_X", s.baseline());
                r.addProperty("ablated_p_X", s.ablated());
                rows.add(r);
            }
            t.add("rows", rows);
            t.add("mae_to_bayes", pair(l.tracking().maeBaseline(), l.tracking().maeAblated()));
            o.add("real_time_tracking", t);
        }
        return o;
    }

    /** The whole document: the model's name and one section per style, keyed as in the reference file. */
    public static JsonObject of(String model, List<LaterCells> cells, List<String> experiments) {
        JsonObject root = new JsonObject();
        JsonObject m = new JsonObject();
        m.addProperty("name", model);
        root.add("model", m);
        JsonObject bayes = new JsonObject();
        JsonObject h = new JsonObject();
        h.addProperty("A", Baselines.GENERATOR_A);
        h.addProperty("B", Baselines.GENERATOR_B);
        bayes.add("hypotheses", h);
        root.add("two_generator_bayes", bayes);
        for (LaterCells l : cells) {
            root.add(LaterCellsRecord.section(l.style()), section(l, experiments));
        }
        return root;
    }

    private static JsonObject pair(double baseline, double ablated) {
        JsonObject o = new JsonObject();
        o.addProperty("baseline", baseline);
        o.addProperty("ablated", ablated);
        return o;
    }

    private static JsonArray values(List<Readout> rows) {
        JsonArray a = new JsonArray();
        rows.forEach(r -> a.add(r.pXNorm()));
        return a;
    }
}
