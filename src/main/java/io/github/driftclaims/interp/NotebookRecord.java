package io.github.driftclaims.interp;

import io.github.driftclaims.UserInputException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a notebook run recorded, read from its reference file (the structure of
 * {@code fixtures/attn-only-2l/attn-only-2l-notebook-fp32.json}, which is also what {@code run --json}
 * writes): the baseline's drift and MAE, the sweep's top rows, the top-two result and the baseline
 * attention patterns. Enough for every verdict that needs no weights.
 *
 * @param sweepTop the sweep's rows as printed (the notebook printed its top 10), best first
 * @param patterns the baseline patterns of each sequence, in the file's order
 */
public record NotebookRecord(String source, int layers, double drift, double maeToBayes, List<AblationSweep.Row> sweepTop,
        List<Head> top2, double top2Drift, double top2Mae, List<AttentionPatterns> patterns) {

    public static NotebookRecord read(Path file) {
        try {
            return of(file.toString(), JsonParser.parseString(Files.readString(file)).getAsJsonObject());
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(file + ": not a readable notebook record (" + e.getMessage() + ")", e);
        }
    }

    public static NotebookRecord of(String source, JsonObject o) {
        JsonObject baseline = o.getAsJsonObject("baseline");
        List<AblationSweep.Row> sweep = new ArrayList<>();
        for (JsonElement e : o.getAsJsonObject("single_head_sweep").getAsJsonArray("rows_top10")) {
            JsonObject r = e.getAsJsonObject();
            sweep.add(new AblationSweep.Row(new Head(r.get("layer").getAsInt(), r.get("head").getAsInt()),
                    r.get("drift").getAsDouble(), r.get("mae_to_bayes").getAsDouble(), r.get("drift_reduction").getAsDouble()));
        }
        JsonObject top2 = o.getAsJsonObject("top2_ablation");
        List<Head> heads = new ArrayList<>();
        for (JsonElement e : top2.getAsJsonArray("heads")) {
            JsonArray lh = e.getAsJsonArray();
            heads.add(new Head(lh.get(0).getAsInt(), lh.get(1).getAsInt()));
        }
        JsonObject pats = o.getAsJsonObject("attention_patterns");
        List<AttentionPatterns> patterns = new ArrayList<>();
        int layers = o.getAsJsonObject("model").get("n_layers").getAsInt();
        for (String name : o.getAsJsonObject("sequences").keySet()) {
            JsonObject p = pats.getAsJsonObject(name);
            List<String> tokens = p.getAsJsonArray("tokens").asList().stream().map(JsonElement::getAsString).toList();
            float[][][][] pattern = new float[layers][][][];
            for (int l = 0; l < layers; l++) {
                pattern[l] = floats3(p.getAsJsonArray("layer" + l));
            }
            patterns.add(new AttentionPatterns(name, tokens, pattern));
        }
        return new NotebookRecord(source, layers, baseline.get("drift").getAsDouble(),
                baseline.get("mae_to_bayes").getAsDouble(), List.copyOf(sweep), List.copyOf(heads),
                top2.get("drift").getAsDouble(), top2.get("mae_to_bayes").getAsDouble(), List.copyOf(patterns));
    }

    private static float[][][] floats3(JsonArray heads) {
        float[][][] out = new float[heads.size()][][];
        for (int h = 0; h < out.length; h++) {
            JsonArray rows = heads.get(h).getAsJsonArray();
            out[h] = new float[rows.size()][];
            for (int q = 0; q < rows.size(); q++) {
                JsonArray row = rows.get(q).getAsJsonArray();
                out[h][q] = new float[row.size()];
                for (int k = 0; k < row.size(); k++) {
                    out[h][q][k] = row.get(k).getAsFloat();
                }
            }
        }
        return out;
    }

    /** Claim 5's stripes, from the recorded patterns. */
    public AttentionStripes stripes() {
        return AttentionStripes.of(patterns, Stimulus.NOTEBOOK.get(0).symbols().size());
    }
}
