package io.github.driftclaims.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.train.TensorHash;
import io.github.driftclaims.train.ToyTrainer;
import io.github.driftclaims.train.ToyTraining;
import io.github.driftclaims.train.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** {@code train} and {@code retrain}. */
final class TrainCommand {

    private static final Set<String> OWN = Set.of("recipe", "out", "model", "steps-only");

    private TrainCommand() {}

    static int train(Options o) {
        TrainConfig base = switch (o.get("recipe", "toy-induction")) {
            case "toy-induction" -> TrainConfig.toyInduction();
            case "counting-only" -> TrainConfig.countingOnly();
            case "toy-induction-2h" -> TrainConfig.toyInduction2h();
            case "counting-only-2h" -> TrainConfig.countingOnly2h();
            case "markov-switch" -> TrainConfig.markovSwitch();
            default -> throw new IllegalArgumentException("unknown recipe " + o.get("recipe", "")
                    + "; use toy-induction, counting-only, toy-induction-2h, counting-only-2h or markov-switch");
        };
        Map<String, String> overrides = new HashMap<>(o.values());
        overrides.keySet().removeAll(OWN);
        TrainConfig c = base.with(overrides);
        Path out = Path.of(o.get("out", "fixtures/" + o.get("recipe", "toy-induction") + "-2l"));
        System.out.println("Training " + out + " with " + c.asMap());
        try {
            JsonObject record = ToyTraining.run(c, out, System.out);
            System.out.println("Final metrics: " + record.get("final_metrics"));
            System.out.println("Wrote " + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /**
     * Retrains from the recorded hyperparameters and compares the SHA-256 of every tensor; with
     * {@code --ensemble DIR}, every model directory under DIR (each holding a training.json), one after
     * another, and fails if any differs.
     */
    static int retrain(Options o) {
        String ensemble = o.get("ensemble", null);
        if (ensemble == null) {
            return retrainOne(Path.of(o.get("model", "fixtures/toy-induction-2l")), o);
        }
        List<Path> members = modelDirs(Path.of(ensemble));
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no model directory (one holding training.json) under " + ensemble);
        }
        List<Path> different = new ArrayList<>();
        for (Path dir : members) {
            if (retrainOne(dir, o) != 0) {
                different.add(dir);
            }
        }
        System.out.printf("retrained %d models under %s: %s%n", members.size(), ensemble,
                different.isEmpty() ? "all bit-identical" : different.size() + " DIFFERENT: " + different);
        return different.isEmpty() ? 0 : 1;
    }

    /** Directories at any depth under {@code root} that hold a training record, in path order. */
    static List<Path> modelDirs(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals("training.json"))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    static int retrainOne(Path dir, Options o) {
        JsonObject record = readRecord(dir);
        TrainConfig c = TrainConfig.fromJson(record.getAsJsonObject("hyperparameters"));
        String stepsArg = o.get("steps", "all");
        int steps = stepsArg.equals("all") ? c.steps() : Integer.parseInt(stepsArg);
        boolean full = steps == c.steps();
        String expected = full ? record.get("weights_sha256").getAsString()
                : record.get("checkpoint_sha256").getAsString();
        if (!full && steps != c.checkpointStep()) {
            throw new IllegalArgumentException("a partial retrain can only be compared at the recorded checkpoint step "
                    + c.checkpointStep() + "; pass --steps " + c.checkpointStep() + " or omit --steps");
        }
        ToyTrainer.Result r = ToyTrainer.train(c, steps, e -> { }, null);
        String actual = full ? TensorHash.of(r.weights()) : r.checkpointHash();
        System.out.printf("retrain %s, %d of %d steps on %d thread(s) in %.1fs%n  recorded %s%n  now      %s%n", dir,
                steps, c.steps(), c.threads(), r.seconds(), expected, actual);
        boolean same = expected.equals(actual);
        System.out.println(same ? "bit-identical" : "DIFFERENT: the retrained weights do not match the record");
        return same ? 0 : 1;
    }

    static JsonObject readRecord(Path dir) {
        Path f = dir.resolve("training.json");
        try {
            return JsonParser.parseString(Files.readString(f)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot read the training record (" + e.getMessage()
                    + "); only models trained by this project's `train` command can be retrained", e);
        }
    }
}
