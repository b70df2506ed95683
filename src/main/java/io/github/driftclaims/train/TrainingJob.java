package io.github.driftclaims.train;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.HeadScores;
import io.github.driftclaims.interp.ScorePool;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.DjlRuntime;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.model.ModelTokenizer;
import io.github.driftclaims.model.Safetensors;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole training job: train, write a model directory (config, tokenizer, weights, training.json with
 * the recipe and final metrics), measure the shipped model with the project's own code. The directory
 * is assembled beside its destination and moved into place at the end, so a failed or interrupted run
 * leaves the previous fixture untouched.
 */
public final class TrainingJob {

    private TrainingJob() {}

    public static JsonObject run(TrainConfig c, Path out, PrintStream log) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".staging-");
        try {
            writeModelFilesButWeights(c, staging);
            IdealDrift ideal = idealDrift(c);
            ToyTrainer.Result result;
            Progress progress = new Progress(log, c.steps());
            try (ModelTokenizer tok = ModelTokenizer.load(staging.resolve("tokenizer.json"),
                    staging.resolve("tokenizer_config.json"))) {
                result = ToyTrainer.train(c, c.steps(), progress::update, evaluator(staging, tok, ideal));
            }
            progress.finish();
            Safetensors.write(staging.resolve("model.safetensors"), result.weights());

            JsonObject record = new JsonObject();
            record.add("hyperparameters", c.toJson());
            record.addProperty("steps_run", result.stepsRun());
            record.addProperty("final_loss", result.finalLoss());
            record.addProperty("weights_sha256", TensorHash.of(result.weights()));
            record.addProperty("checkpoint_step", c.checkpointStep());
            record.addProperty("checkpoint_sha256", result.checkpointHash());
            record.addProperty("train_seconds", result.seconds());
            record.addProperty("threads", c.threads());
            record.addProperty("djl_version", DjlRuntime.djlVersion());
            record.addProperty("libtorch_version", DjlRuntime.libtorchVersion());
            record.addProperty("java_version", System.getProperty("java.version"));
            // The bits depend on the CPU's kernel choice (PortableNumerics): say which one made these.
            record.addProperty("cpu", PortableNumerics.cpu());
            JsonArray logJson = new JsonArray();
            for (ToyTrainer.LogEntry e : result.log()) {
                logJson.add(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJsonTree(e));
            }
            record.add("log", logJson);
            record.add("ideal_drift", idealJson(ideal));
            record.addProperty("log_note", LOG_NOTE);
            try (HookedTransformer model = ModelLoader.load(ModelFiles.fromDirectory(staging), true)) {
                record.add("final_metrics", metrics(CircuitEvidence.measure(model)));
            }
            Files.writeString(staging.resolve("training.json"), pretty(record));
            replace(staging, out);
            return record;
        } finally {
            deleteRecursively(staging);
        }
    }

    /** What the log's curves are, for a reader of training.json. */
    static final String LOG_NOTE = "evaluated every 25 steps up to step 500, then every 100 (evalEvery where finer), "
            + "and at the last step; drift over the notebook's three orderings, idealDrift the ideal observer's for "
            + "this recipe's mixture, excessDrift = drift - idealDrift; bestInduction / bestPrevToken on random "
            + "repeats of the model card's letters, bestInductionXY / bestPrevTokenXY on X and Y only";

    /** Tokenizer, model card and config.json: what the evaluator needs to view the weights being trained. */
    static void writeModelFilesButWeights(TrainConfig c, Path dir) throws IOException {
        writeTokenizer(dir);
        Files.writeString(dir.resolve(ScorePool.CARD), pretty(ScorePool.card(c.mixture().trainedLetters())));
        Files.writeString(dir.resolve("config.json"), pretty(ToyTrainer.modelConfig(c).toJson()));
    }

    /** The ideal observer's drift for the recipe's mixture: it depends on the recipe alone, so once per run. */
    static IdealDrift idealDrift(TrainConfig c) {
        return new IdealObserver(c.mixture()).over(Stimulus.NOTEBOOK);
    }

    static JsonObject idealJson(IdealDrift ideal) {
        JsonObject o = new JsonObject();
        JsonObject px = new JsonObject();
        ideal.pX().forEach(px::addProperty);
        o.add("p_X_norm", px);
        o.addProperty("drift", ideal.drift());
        return o;
    }

    static void writeTokenizer(Path dir) throws IOException {
        ToyVocabulary v = ToyVocabulary.build();
        Files.writeString(dir.resolve("tokenizer.json"), pretty(v.tokenizerJson()));
        Files.writeString(dir.resolve("tokenizer_config.json"), pretty(v.tokenizerConfigJson()));
    }

    /**
     * Drift, excess drift over the ideal, and head scores on the letters and on X/Y, on the weights being trained
     * (raw weights; scores do not depend on processing). It reads the weights and draws only from its own seeded
     * generators (HeadScores'), so it changes nothing that training depends on.
     */
    static ToyTrainer.Evaluator evaluator(Path dir, ModelTokenizer tok, IdealDrift ideal) {
        ModelFiles files = new ModelFiles("training", dir.resolve("config.json"), dir.resolve("model.safetensors"),
                dir.resolve("tokenizer.json"), null, Map.of());
        return (step, loss, weights) -> {
            try (NDManager m = NDManager.newBaseManager()) {
                HookedTransformer view = HookedTransformer.of(files, weights, tok, m);
                DriftResult drift = new DriftProbe(view, Stimulus.NOTEBOOK).evaluate();
                HeadScores letters = scores(view, ScorePool.of(view));
                HeadScores xy = scores(view, ScorePool.tokens(view, List.of(" X", " Y")));
                return new ToyTrainer.LogEntry(step, loss, drift.drift(), ideal.drift(), ideal.excess(drift),
                        bestInduction(letters), bestPrevToken(letters), bestInduction(xy), bestPrevToken(xy));
            }
        };
    }

    private static HeadScores scores(HookedTransformer view, ScorePool pool) {
        return HeadScores.measure(view, pool.ids(), CircuitEvidence.scoreLength(view), CircuitEvidence.SCORE_BATCH,
                CircuitEvidence.SCORE_SEED);
    }

    private static double bestInduction(HeadScores s) {
        return s.induction()[1][s.bestInductionHead(1).head()];
    }

    private static double bestPrevToken(HeadScores s) {
        return s.previousToken()[0][s.bestPreviousTokenHead(0).head()];
    }

    /** The shipped model's numbers and its verdicts under the suite's own rules ({@link Rules}). */
    public static JsonObject metrics(CircuitEvidence e) {
        HeadScores s = e.scores();
        JsonObject o = new JsonObject();
        o.addProperty("head_score_pool", e.pool().description());
        o.add("induction_scores", new GsonBuilder().create().toJsonTree(s.induction()));
        o.add("previous_token_scores", new GsonBuilder().create().toJsonTree(s.previousToken()));
        o.addProperty("drift", e.run().baseline().drift());
        o.addProperty("mae_to_bayes", e.run().baseline().maeToBayes());
        JsonObject px = new JsonObject();
        e.run().baseline().rows().forEach(r -> px.addProperty(r.name(), r.pXNorm()));
        o.add("p_X_norm", px);
        JsonArray top = new JsonArray();
        // Five rows, or all of them for a model with fewer heads (2 layers of 2 heads has four).
        for (AblationSweep.Row r : e.run().sweep().ranked().subList(0, Math.min(5, e.run().sweep().ranked().size()))) {
            JsonObject row = new JsonObject();
            row.addProperty("head", r.head().toString());
            row.addProperty("drift", r.drift());
            row.addProperty("drift_reduction", r.driftReduction());
            top.add(row);
        }
        o.add("sweep_top5", top);
        for (AblationSweep.TopK k : new AblationSweep.TopK[] {e.run().topK(), e.top3()}) {
            JsonObject t = new JsonObject();
            t.addProperty("heads", k.heads().toString());
            t.addProperty("drift", k.result().drift());
            t.addProperty("reduction_fraction", k.reductionFraction());
            o.add("top" + k.heads().size(), t);
        }
        JsonObject verdicts = new JsonObject();
        for (Finding f : Rules.all(Measurements.of(e))) {
            verdicts.addProperty("claim " + f.claim().number(), f.verdictText() + ": " + f.reason());
        }
        o.add("verdicts", verdicts);
        return o;
    }

    /** The record format training.json is written in (also when retrain adds its portable checkpoint). */
    public static String pretty(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(o) + "\n";
    }

    /** Moves the finished directory into place; the old one, if any, is removed only after. */
    static void replace(Path staging, Path out) throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            old = out.resolveSibling("." + out.getFileName() + ".old-" + System.nanoTime());
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteRecursively(old);
        }
    }

    static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
