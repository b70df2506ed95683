package io.github.driftclaims.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every hyperparameter of a toy training run. Recorded whole in {@code training.json}; a retrain
 * reads it back, so a field added here is automatically part of the reproducibility record.
 *
 * @param pRepeat probability that a training sequence is a repeated pattern (else coin flips)
 * @param pXYPattern probability that a repeated pattern uses only X and Y (else other letters too)
 * @param lossFrom first target position counted in the loss (3 = the first symbol after "Sequence :")
 */
public record TrainConfig(
        long seed,
        int dModel,
        int nHeads,
        int nLayers,
        int nCtx,
        int seqLen,
        int batch,
        int steps,
        int warmupSteps,
        double lr,
        double beta1,
        double beta2,
        double eps,
        double weightDecay,
        double initStd,
        double embedStd,
        double posStd,
        boolean trainBiases,
        double pRepeat,
        double pXYPattern,
        int periodMin,
        int periodMax,
        int xyPeriodMax,
        int lossFrom,
        int threads,
        int evalEvery,
        int checkpointStep) {

    /** The recipe of the shipped {@code toy-induction-2l}; see training.json for how it was found. */
    public static TrainConfig toyInduction() {
        return new TrainConfig(20261127L, 64, 8, 2, 64, 48, 64, 4000, 200, 3e-3, 0.9, 0.99, 1e-8, 0.01,
                0.02, 1.0, 1.0, true, 0.6, 0.5, 2, 16, 4, 3, 1, 250, 200);
    }

    /** The negative control: the same recipe without repeated-pattern data. */
    public static TrainConfig countingOnly() {
        return toyInduction().with(Map.of("pRepeat", "0"));
    }

    public int dHead() {
        return dModel / nHeads;
    }

    /** A copy with some fields replaced, by component name (the CLI's --name value options). */
    public TrainConfig with(Map<String, String> overrides) {
        JsonObject json = toJson();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!json.has(e.getKey())) {
                throw new IllegalArgumentException("unknown training option --" + e.getKey()
                        + "; known: " + json.keySet());
            }
            json.addProperty(e.getKey(), e.getValue());
        }
        return fromJson(json);
    }

    public JsonObject toJson() {
        return new Gson().toJsonTree(this).getAsJsonObject();
    }

    public static TrainConfig fromJson(JsonObject json) {
        TrainConfig c = new Gson().fromJson(json, TrainConfig.class);
        if (c.dModel % c.nHeads != 0) {
            throw new IllegalArgumentException("dModel " + c.dModel + " is not divisible by nHeads " + c.nHeads);
        }
        if (c.seqLen + 3 > c.nCtx) {
            throw new IllegalArgumentException("seqLen + 3 prefix tokens exceeds nCtx " + c.nCtx);
        }
        return c;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent rc : TrainConfig.class.getRecordComponents()) {
            try {
                m.put(rc.getName(), rc.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }
}
