package io.github.driftclaims.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.AttentionPatterns;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.verdict.Finding;

/**
 * A {@link NotebookRun} as JSON in the structure of the notebook's recorded reference
 * ({@code baseline.rows.<name>.p_X_norm}, {@code baseline.drift}, {@code single_head_sweep.rows},
 * {@code top2_ablation.heads/drift/mae_to_bayes}, {@code attention_patterns}), so a run on any model
 * can be compared with the notebook key by key.
 */
public final class NotebookJson {

    private NotebookJson() {}

    /** Without the ideal observer's fields: {@link #of(HookedTransformer, NotebookRun, IdealDrift)} with none. */
    public static JsonObject of(HookedTransformer model, NotebookRun run) {
        return of(model, run, null);
    }

    /**
     * {@link #of(HookedTransformer, NotebookRun, IdealDrift)} with the run's verdicts under {@code "verdicts"}, each
     * with its margin and whether it is fragile ({@link FindingJson}); none when the run printed none (--top-k).
     */
    public static JsonObject of(HookedTransformer model, NotebookRun run, IdealDrift ideal, java.util.List<Finding> verdicts) {
        JsonObject o = of(model, run, ideal);
        if (!verdicts.isEmpty()) {
            o.add("verdicts", verdicts(verdicts));
        }
        return o;
    }

    /**
     * The record, with the ideal observer of the model's training mixture beside the baseline:
     * {@code baseline.rows.<name>.ideal_p_X}, {@code baseline.ideal_drift} and {@code baseline.excess_drift} (model
     * drift - ideal drift). Without a recorded mixture ({@code ideal} null) the three are left out.
     */
    public static JsonObject of(HookedTransformer model, NotebookRun run, IdealDrift ideal) {
        JsonObject root = new JsonObject();
        JsonObject m = new JsonObject();
        m.addProperty("name", model.files().name());
        m.addProperty("checkpoint", model.files().checkpoint().toString());
        m.addProperty("n_layers", model.config().nLayers());
        m.addProperty("n_heads", model.config().nHeads());
        m.addProperty("d_model", model.config().dModel());
        m.addProperty("d_head", model.config().dHead());
        m.addProperty("n_ctx", model.config().nCtx());
        m.addProperty("d_vocab", model.config().dVocab());
        m.addProperty("weights_processed", model.weights().processed());
        model.files().provenance().forEach(m::addProperty);
        root.add("model", m);

        JsonObject tokens = new JsonObject();
        tokens.addProperty("X", " X");
        tokens.addProperty("X_id", model.tokenizer().toSingleToken(" X"));
        tokens.addProperty("Y", " Y");
        tokens.addProperty("Y_id", model.tokenizer().toSingleToken(" Y"));
        tokens.addProperty("prepend_bos", true);
        root.add("tokens", tokens);

        JsonObject baseline = drift(run.baseline(), true);
        if (ideal != null) {
            for (Readout r : run.baseline().rows()) {
                baseline.getAsJsonObject("rows").getAsJsonObject(r.name()).addProperty("ideal_p_X", ideal.pX(r.name()));
            }
            baseline.addProperty("ideal_drift", ideal.drift());
            baseline.addProperty("excess_drift", ideal.excess(run.baseline()));
        }
        root.add("baseline", baseline);

        JsonObject sweep = new JsonObject();
        JsonArray rows = new JsonArray();
        for (AblationSweep.Row r : run.sweep().ranked()) {
            rows.add(sweepRow(r));
        }
        sweep.add("rows", rows);
        sweep.add("top", sweepRow(run.sweep().ranked().get(0)));
        sweep.addProperty("note", "zero-ablation of one head at hook_z; ranked by drift_reduction");
        root.add("single_head_sweep", sweep);

        JsonObject top = drift(run.topK().result(), false);
        top.add("heads", heads(run.topK().heads()));
        top.addProperty("drift_reduction_fraction", run.topK().reductionFraction());
        if (ideal != null) {
            // The ideal beside the ablated rows too (claims 31 to 35 compare the ablated model with it).
            for (Readout r : run.topK().result().rows()) {
                top.getAsJsonObject("rows").getAsJsonObject(r.name()).addProperty("ideal_p_X", ideal.pX(r.name()));
            }
        }
        root.add("top" + run.topK().heads().size() + "_ablation", top);

        if (run.extraResult() != null) {
            JsonObject extra = drift(run.extraResult(), false);
            extra.add("heads", heads(run.extraAblation()));
            root.add("requested_ablation", extra);
        }

        JsonObject patterns = new JsonObject();
        for (AttentionPatterns p : run.patterns()) {
            JsonObject one = new JsonObject();
            JsonArray toks = new JsonArray();
            p.tokens().forEach(toks::add);
            one.add("tokens", toks);
            for (int l = 0; l < p.pattern().length; l++) {
                one.add("layer" + l, new GsonBuilder().create().toJsonTree(p.pattern()[l]));
            }
            patterns.add(p.name(), one);
        }
        root.add("attention_patterns", patterns);
        return root;
    }

    private static JsonObject drift(DriftResult d, boolean full) {
        JsonObject o = new JsonObject();
        JsonObject rows = new JsonObject();
        for (Readout r : d.rows()) {
            JsonObject row = new JsonObject();
            if (full) {
                row.addProperty("seq", r.seq());
                row.addProperty("n_X", r.nX());
                row.addProperty("n_Y", r.nY());
                row.addProperty("freq_p_X", r.freqPX());
                row.addProperty("bayes_p_X", r.bayesPX());
                row.addProperty("logit_X", r.logitX());
                row.addProperty("logit_Y", r.logitY());
            }
            row.addProperty("logit_diff_XminusY", r.logitDiff());
            if (full) {
                row.addProperty("p_X_raw", r.pXRaw());
                row.addProperty("p_Y_raw", r.pYRaw());
            }
            row.addProperty("p_X_norm", r.pXNorm());
            if (full) {
                row.addProperty("p_Y_norm", r.pYNorm());
            }
            rows.add(r.name(), row);
        }
        o.add("rows", rows);
        o.addProperty("drift", d.drift());
        o.addProperty("mae_to_bayes", d.maeToBayes());
        return o;
    }

    /** One row of a single-head sweep, as the notebook's JSON and each ablation kind's list them. */
    static JsonObject sweepRow(AblationSweep.Row r) {
        JsonObject o = new JsonObject();
        o.addProperty("layer", r.head().layer());
        o.addProperty("head", r.head().head());
        o.addProperty("drift", r.drift());
        o.addProperty("mae_to_bayes", r.maeToBayes());
        o.addProperty("drift_reduction", r.driftReduction());
        return o;
    }

    /** Findings keyed by claim number: {"17": {@link FindingJson}, ...}, as every command's JSON has them. */
    public static JsonObject verdicts(java.util.List<Finding> findings) {
        JsonObject out = new JsonObject();
        for (Finding f : findings) {
            out.add(String.valueOf(f.claim().number()), FindingJson.of(f));
        }
        return out;
    }

    static JsonArray heads(java.util.List<Head> heads) {
        JsonArray a = new JsonArray();
        for (Head h : heads) {
            JsonArray pair = new JsonArray();
            pair.add(h.layer());
            pair.add(h.head());
            a.add(pair);
        }
        return a;
    }

    public static String pretty(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(o);
    }
}
