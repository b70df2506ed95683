package io.github.driftclaims.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.model.ModelInputs;
import io.github.driftclaims.train.TensorHash;
import io.github.driftclaims.train.ToyTrainer;
import io.github.driftclaims.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
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

    @Option(names = "--ensemble", paramLabel = "DIR",
            description = "Retrain every model under DIR (each directory holding a training.json), one after another; "
                    + "exit code 1 if any differs.")
    private Path ensemble;

    @Option(names = "--steps", paramLabel = "N|all", defaultValue = "all",
            description = "Run only the first N steps (the recorded checkpoint step) and compare the checkpoint hash; "
                    + "all (default) retrains every step and compares the weights.")
    private String steps;

    @Override
    public Integer call() {
        if (ensemble == null) {
            return retrainOne(dir);
        }
        List<Path> members = modelDirs(ensemble);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("--ensemble " + ensemble + ": no model directory (one holding "
                    + "training.json) under it; pass a folder such as fixtures/ensembles");
        }
        List<Path> different = new ArrayList<>();
        for (Path member : members) {
            if (retrainOne(member) != 0) {
                different.add(member);
            }
        }
        main.out().printf("retrained %d models under %s: %s%n", members.size(), ensemble,
                different.isEmpty() ? "all bit-identical" : different.size() + " DIFFERENT: " + different);
        return different.isEmpty() ? 0 : Main.CHECK_FAILED;
    }

    /** Directories at any depth under {@code root} that hold a training record, in path order. */
    static List<Path> modelDirs(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals("training.json")).map(Path::getParent).sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("--ensemble " + root + ": cannot list it (" + e.getMessage()
                    + "); pass an existing folder", e);
        }
    }

    private int retrainOne(Path dir) {
        JsonObject record = readRecord(dir);
        TrainConfig c = hyperparameters(dir, record);
        int n;
        try {
            n = steps.equals("all") ? c.steps() : Integer.parseInt(steps);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--steps " + steps + ": not a step count; pass a number or all", e);
        }
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

    private static TrainConfig hyperparameters(Path dir, JsonObject record) {
        try {
            return TrainConfig.fromJson(record.getAsJsonObject("hyperparameters"));
        } catch (RuntimeException e) {
            throw unreadable(dir, e);
        }
    }

    private static JsonObject readRecord(Path dir) {
        // Bounded and regular files only, like every file of a model directory; parsed leniently, because
        // the trainer writes a diverged run's NaN losses into its log.
        String text = ModelInputs.smallText(dir.resolve("training.json"), "cannot read the training record (no such file)",
                RETRAINABLE);
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            for (String key : new String[] {"hyperparameters", "weights_sha256", "checkpoint_sha256"}) {
                if (!o.has(key)) {
                    throw new IllegalStateException("no " + key);
                }
            }
            return o;
        } catch (RuntimeException e) {
            throw unreadable(dir, e);
        }
    }

    private static final String RETRAINABLE = "pass --model DIR of a model that has one: only models trained by this"
            + " project's train command can be retrained";

    private static IllegalArgumentException unreadable(Path dir, Exception e) {
        return new IllegalArgumentException(dir.resolve("training.json") + ": cannot read the training record ("
                + e.getMessage() + "); " + RETRAINABLE, e);
    }
}
