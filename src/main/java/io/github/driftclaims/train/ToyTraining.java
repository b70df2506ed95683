package io.github.driftclaims.train;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.HeadScores;
import io.github.driftclaims.interp.ScorePool;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.DjlRuntime;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelConfig;
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
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole training job: train, write a model directory (config, tokenizer, weights, training.json with
 * the recipe and final metrics), measure the shipped model with the project's own code. The directory
 * is assembled beside its destination and moved into place at the end, so a failed or interrupted run
 * leaves the previous fixture untouched.
 */
public final class ToyTraining {

    private ToyTraining() {}

    public static JsonObject run(TrainConfig c, Path out, PrintStream log) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".staging-");
        try {
            writeTokenizer(staging);
            Files.writeString(staging.resolve(ScorePool.CARD), pretty(ScorePool.lettersCard()));
            ModelConfig mc = ToyTrainer.modelConfig(c);
            Files.writeString(staging.resolve("config.json"), pretty(mc.toJson()));
            ToyTrainer.Result result;
            Progress progress = new Progress(log, c.steps());
            try (ModelTokenizer tok = ModelTokenizer.load(staging.resolve("tokenizer.json"),
                    staging.resolve("tokenizer_config.json"))) {
                result = ToyTrainer.train(c, c.steps(), progress::update, evaluator(staging, tok));
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

    static void writeTokenizer(Path dir) throws IOException {
        ToyVocabulary v = ToyVocabulary.build();
        Files.writeString(dir.resolve("tokenizer.json"), pretty(v.tokenizerJson()));
        Files.writeString(dir.resolve("tokenizer_config.json"), pretty(v.tokenizerConfigJson()));
    }

    /** Drift and head scores on the weights being trained (raw weights; scores do not depend on processing). */
    static ToyTrainer.Evaluator evaluator(Path dir, ModelTokenizer tok) {
        ModelFiles files = new ModelFiles("training", dir.resolve("config.json"), dir.resolve("model.safetensors"),
                dir.resolve("tokenizer.json"), null, Map.of());
        return (step, loss, weights) -> {
            try (NDManager m = NDManager.newBaseManager()) {
                HookedTransformer view = HookedTransformer.of(files, weights, tok, m);
                double drift = new DriftProbe(view, Stimulus.NOTEBOOK).evaluate().drift();
                HeadScores s = HeadScores.measure(view, ScorePool.of(view).ids(), CircuitEvidence.scoreLength(view),
                        CircuitEvidence.SCORE_BATCH, CircuitEvidence.SCORE_SEED);
                double ind = s.induction()[1][s.bestInductionHead(1).head()];
                double prev = s.previousToken()[0][s.bestPreviousTokenHead(0).head()];
                return new ToyTrainer.LogEntry(step, loss, drift, ind, prev);
            }
        };
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
