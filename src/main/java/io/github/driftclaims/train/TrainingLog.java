package io.github.driftclaims.train;

import io.github.driftclaims.UserInputException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.ModelInputs;
import io.github.driftclaims.verdict.PhaseChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The curves a toy model's {@code training.json} logged during training ({@code log}), read back. Two kinds of log are
 * shipped: plan 2's (every 25 steps to 500, then every 100: drift, idealDrift, excessDrift and the head scores on the
 * letters and on X/Y) and plan 1's older one (every 250 or 1000 steps: loss, drift, bestInduction, bestPrevToken only).
 * A field an entry does not have is NaN in its {@link ToyTrainer.LogEntry}, never filled in; what can be derived
 * without inventing (the ideal observer's drift, which depends on the recorded recipe alone) is offered separately by
 * {@link #recipeIdealDrift()} and {@link #excessDrift(ToyTrainer.LogEntry, double)}, which say where their number comes from.
 *
 * @param file the training.json read
 * @param recipe the recorded hyperparameters (the mixture the ideal observer inverts)
 * @param entries the log in the order written (steps increasing)
 */
public record TrainingLog(Path file, TrainConfig recipe, List<ToyTrainer.LogEntry> entries) {

    public TrainingLog {
        entries = List.copyOf(entries);
    }

    /**
     * The log in a model directory's {@code training.json}, or empty when the directory has none (a model this project
     * did not train). A record that is there but has no readable log is an error naming the file, as {@link
     * TrainConfig#recordedIn} treats its recipe.
     */
    public static Optional<TrainingLog> recordedIn(Path dir) {
        Optional<TrainConfig> recipe = TrainConfig.recordedIn(dir);
        if (recipe.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.resolve("training.json");
        String text = ModelInputs.smallText(file, "cannot read the training record (no such file)",
                "pass a model directory whose training.json the train command wrote, or remove the file");
        try {
            // Lenient, as TrainConfig reads it: a diverged run's log holds NaN losses.
            JsonObject record = JsonParser.parseString(text).getAsJsonObject();
            if (!record.has("log") || !record.get("log").isJsonArray()) {
                throw new IllegalStateException("no log array");
            }
            return Optional.of(new TrainingLog(file, recipe.get(), entries(record.getAsJsonArray("log"))));
        } catch (RuntimeException e) {
            throw new UserInputException(file + ": cannot read the training log (" + e.getMessage()
                    + "); pass a model directory whose training.json the train command wrote", e);
        }
    }

    private static List<ToyTrainer.LogEntry> entries(JsonArray log) {
        List<ToyTrainer.LogEntry> out = new ArrayList<>();
        int previous = 0;
        for (JsonElement el : log) {
            JsonObject o = el.getAsJsonObject();
            if (!o.has("step") || !o.get("step").isJsonPrimitive()) {
                throw new IllegalStateException("log entry " + out.size() + " has no step");
            }
            int step = o.get("step").getAsInt();
            // The rule reads "one logging interval" as the gap to the previous entry: that needs increasing steps.
            if (step <= previous) {
                throw new IllegalStateException("log entry " + out.size() + " at step " + step + " does not follow step "
                        + previous);
            }
            previous = step;
            out.add(new ToyTrainer.LogEntry(step, field(o, "loss"), field(o, "drift"), field(o, "idealDrift"),
                    field(o, "excessDrift"), field(o, "bestInduction"), field(o, "bestPrevToken"),
                    field(o, "bestInductionXY"), field(o, "bestPrevTokenXY")));
        }
        return out;
    }

    /** NaN where the entry has no such field (an older log) or holds null. */
    private static double field(JsonObject o, String name) {
        JsonElement v = o.get(name);
        return v == null || v.isJsonNull() ? Double.NaN : v.getAsDouble();
    }

    /**
     * The logging interval at entry {@code i}: its step minus the previous entry's (minus 0 for the first: training
     * starts at step 0). "Within one logging interval" in claim 30's rule is measured in this.
     */
    public int interval(int i) {
        return entries.get(i).step() - (i == 0 ? 0 : entries.get(i - 1).step());
    }

    /** Whether every entry has the field {@code f} (a finite number). */
    public boolean logs(ToDoubleFunction<ToyTrainer.LogEntry> f) {
        return !entries.isEmpty() && entries.stream().allMatch(e -> Double.isFinite(f.applyAsDouble(e)));
    }

    /**
     * The ideal observer's drift over the notebook's three orderings for the recorded recipe's mixture: what the
     * trainer logs as idealDrift, computed here for a log that predates it. It depends on the recipe alone (not on the
     * weights), so it is the same at every step.
     */
    public double recipeIdealDrift() {
        return new IdealObserver(recipe.mixture()).over(Stimulus.NOTEBOOK).drift();
    }

    /** The entry's logged idealDrift, or where it was not logged the recipe's ({@link #recipeIdealDrift()}). */
    public double idealDrift(ToyTrainer.LogEntry e, double recipeIdeal) {
        return Double.isFinite(e.idealDrift()) ? e.idealDrift() : recipeIdeal;
    }

    /**
     * The entry's logged excessDrift, or where it was not logged its drift minus the recipe's ideal drift (the
     * trainer's own formula); NaN where the drift itself was not logged.
     */
    public double excessDrift(ToyTrainer.LogEntry e, double recipeIdeal) {
        return Double.isFinite(e.excessDrift()) ? e.excessDrift() : e.drift() - idealDrift(e, recipeIdeal);
    }

    /**
     * What claim 30's rule reads ({@link PhaseChange}): per entry the step, the excess drift (logged, or the drift
     * minus the recipe's ideal drift for a log that predates it) and the best induction score on the letters.
     */
    public List<PhaseChange.Point> phaseChangePoints() {
        double ideal = logsIdealDrift() ? Double.NaN : recipeIdealDrift();
        return entries.stream().map(e -> new PhaseChange.Point(e.step(), excessDrift(e, ideal), e.bestInduction()))
                .toList();
    }

    /** Whether the log records its ideal drift (plan 2's kind); an older log's is derived from the recipe. */
    public boolean logsIdealDrift() {
        return logs(ToyTrainer.LogEntry::idealDrift);
    }
}
