package io.github.driftclaims.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.train.TensorHash;
import io.github.driftclaims.train.ToyTrainer;
import io.github.driftclaims.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retrain}: retrains from the recorded hyperparameters and compares the SHA-256 of every tensor. */
@Command(name = "retrain", separator = " ", sortOptions = false,
        description = {"Retrains from DIR/training.json and compares the tensors' SHA-256 with the record.",
                "Exit code 1 when they differ."})
final class RetrainCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Mixin
    private HelpOption help;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = Main.DEFAULT_MODEL,
            description = "A model trained by this project's train command. Default: ${DEFAULT-VALUE}.")
    private Path dir;

    @Option(names = "--steps", paramLabel = "N",
            description = "Run only the first N steps (the recorded checkpoint step) and compare the checkpoint hash.")
    private Integer steps;

    @Override
    public Integer call() {
        JsonObject record = readRecord(dir);
        TrainConfig c = hyperparameters(record);
        int n = steps == null ? c.steps() : steps;
        boolean full = n == c.steps();
        if (!full && n != c.checkpointStep()) {
            throw new IllegalArgumentException("--steps " + n + ": a partial retrain can only be compared at the "
                    + "recorded checkpoint step " + c.checkpointStep() + "; pass --steps " + c.checkpointStep()
                    + " or omit --steps");
        }
        String expected = record.get(full ? "weights_sha256" : "checkpoint_sha256").getAsString();
        ToyTrainer.Result r = ToyTrainer.train(c, n, e -> { }, null);
        String actual = full ? TensorHash.of(r.weights()) : r.checkpointHash();
        main.out().printf("retrain %s, %d of %d steps on %d thread(s) in %.1fs%n  recorded %s%n  now      %s%n", dir,
                n, c.steps(), c.threads(), r.seconds(), expected, actual);
        boolean same = expected.equals(actual);
        main.out().println(same ? "bit-identical" : "DIFFERENT: the retrained weights do not match the record");
        return same ? 0 : Main.CHECK_FAILED;
    }

    private TrainConfig hyperparameters(JsonObject record) {
        try {
            return TrainConfig.fromJson(record.getAsJsonObject("hyperparameters"));
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
    }

    private JsonObject readRecord(Path dir) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("training.json"))).getAsJsonObject();
            for (String key : new String[] {"hyperparameters", "weights_sha256", "checkpoint_sha256"}) {
                if (!o.has(key)) {
                    throw new IllegalStateException("no " + key);
                }
            }
            return o;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    private IllegalArgumentException unreadable(Exception e) {
        String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
        return new IllegalArgumentException(dir.resolve("training.json") + ": cannot read the training record ("
                + why + "); pass --model DIR of a model that has one: only models trained by this project's train command can be retrained", e);
    }
}
