package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.CliCommand;
import io.github.driftclaims.ProjectFiles;
import io.github.driftclaims.model.ModelInputs;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.train.PortableNumerics;
import io.github.driftclaims.train.TensorHash;
import io.github.driftclaims.train.ToyTrainer;
import io.github.driftclaims.train.TrainingJob;
import io.github.driftclaims.train.TrainConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
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

    // No picocli default: a given DIR means the user's working directory, the default means the project's.
    @Option(names = "--model", paramLabel = "DIR",
            description = "A model trained by this project's train command. Default: " + Main.DEFAULT_MODEL
                    + " in the project, from any working directory.")
    private Path dir;

    @Option(names = "--ensemble", paramLabel = "DIR",
            description = "Retrain every model under DIR (each directory holding a training.json), one after another; "
                    + "exit code 1 if any differs.")
    private Path ensemble;

    @Option(names = "--steps", paramLabel = "N|all", defaultValue = "all",
            description = "Run only the first N steps (the recorded checkpoint step) and compare the checkpoint hash; "
                    + "all (default) retrains every step and compares the weights.")
    private String steps;

    @Option(names = "--portable",
            description = "Compare the first steps with the record's portable_checkpoint instead: a retrain with the "
                    + "kernels every x86-64 CPU runs alike (ATEN_CPU_CAPABILITY=default, MKL_CBWR=COMPATIBLE, one "
                    + "thread), in a child JVM that starts with them. The other comparisons hold only on the CPU type "
                    + "that trained the model (training.json: cpu).")
    private boolean portable;

    @Option(names = "--record-portable",
            description = "Retrain the checkpoint steps as --portable does and write the hash into training.json "
                    + "(portable_checkpoint); the documented way to set or change that golden value.")
    private boolean recordPortable;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((portable || recordPortable) && !PortableNumerics.active(System.getenv())) {
            return inChildJvm();
        }
        if (ensemble == null) {
            return retrainOne(dir != null ? dir : ProjectFiles.resolve(Path.of(Main.DEFAULT_MODEL)));
        }
        List<Path> members = modelDirs(ensemble);
        if (members.isEmpty()) {
            throw new UserInputException("--ensemble " + ensemble + ": no model directory (one holding "
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
            throw new UserInputException("--ensemble " + root + ": cannot list it (" + e.getMessage()
                    + "); pass an existing folder", e);
        }
    }

    /** The same command in a child JVM started with the portable settings; its output is passed through. */
    private int inChildJvm() {
        List<String> args = spec.commandLine().getParent().getParseResult().originalArgs();
        ProcessBuilder pb = new ProcessBuilder(PortableNumerics.childCommand(Main.class.getName(), args));
        pb.environment().putAll(PortableNumerics.ENV);
        try {
            Process p = pb.start();
            // stderr on its own thread, so that neither pipe can fill and block the child.
            PrintWriter err = spec.commandLine().getErr();
            Thread errors = new Thread(() -> copy(p.getErrorStream(), err::println), "portable-retrain-stderr");
            errors.start();
            copy(p.getInputStream(), main.out()::println);
            int code = p.waitFor();
            errors.join();
            err.flush();
            return code;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the portable retrain's child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the portable retrain ran", e);
        }
    }

    private static void copy(InputStream in, Consumer<String> to) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                to.accept(line);
            }
        } catch (IOException e) {
            to.accept("(the child JVM's output could not be read: " + e.getMessage() + ")");
        }
    }

    private int retrainOne(Path dir) {
        JsonObject record = readRecord(dir);
        TrainConfig c = hyperparameters(dir, record);
        if (portable || recordPortable) {
            return retrainPortable(dir, record, c);
        }
        int n;
        try {
            n = steps.equals("all") ? c.steps() : Integer.parseInt(steps);
        } catch (NumberFormatException e) {
            throw new UserInputException("--steps " + steps + ": not a step count; pass a number or all", e);
        }
        boolean full = n == c.steps();
        if (!full && n != c.checkpointStep()) {
            throw new UserInputException("--steps " + n + ": a partial retrain can only be compared at the "
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

    /** Runs with {@link PortableNumerics#ENV} already set (this is the child JVM). */
    private int retrainPortable(Path dir, JsonObject record, TrainConfig c) {
        JsonObject rec = record.has(PortableNumerics.RECORD_FIELD) ? record.getAsJsonObject(PortableNumerics.RECORD_FIELD)
                : null;
        if (!recordPortable && rec == null) {
            throw new UserInputException(dir.resolve("training.json") + ": no " + PortableNumerics.RECORD_FIELD
                    + " to compare with; record one with " + CliCommand.of("retrain --model " + dir
                    + " --record-portable"));
        }
        int n = rec == null ? c.checkpointStep() : rec.get("steps").getAsInt();
        // The thread count is part of the recipe (the bits depend on it): seen at every step, not assumed.
        Set<Integer> threads = new TreeSet<>();
        ToyTrainer.Result r = ToyTrainer.train(c, n, e -> threads.add(JniUtils.getNumThreads()), null);
        String actual = TensorHash.of(r.weights()); // the weights after n steps, as checkpointHash at its step

        if (!threads.equals(Set.of(c.threads()))) {
            main.out().printf("DIFFERENT: libtorch ran on %s thread(s), the recipe on %d%n", threads, c.threads());
            return Main.CHECK_FAILED;
        }
        if (recordPortable) {
            JsonObject o = new JsonObject();
            o.addProperty("steps", n);
            o.addProperty("sha256", actual);
            o.addProperty("numerics", PortableNumerics.describe());
            o.addProperty("recorded_on", PortableNumerics.cpu());
            record.add(PortableNumerics.RECORD_FIELD, o);
            try {
                TextFiles.writeAtomically(dir.resolve("training.json"), TrainingJob.pretty(record));
            } catch (IOException e) {
                throw new UserInputException(dir.resolve("training.json") + ": cannot write it (" + e.getMessage()
                        + "); make the model directory writable", e);
            }
            main.out().printf("recorded %s: %d steps on portable numerics in %.1fs: %s%n", dir.resolve("training.json"),
                    n, r.seconds(), actual);
            return 0;
        }
        String expected = rec.get("sha256").getAsString();
        main.out().printf("retrain %s, %d of %d steps on portable numerics (%s) in %.1fs%n  recorded %s (on %s)%n"
                + "  now      %s (on %s)%n", dir, n, c.steps(), PortableNumerics.describe(), r.seconds(), expected,
                rec.get("recorded_on").getAsString(), actual, PortableNumerics.cpu());
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

    private static UserInputException unreadable(Path dir, Exception e) {
        return new UserInputException(dir.resolve("training.json") + ": cannot read the training record ("
                + e.getMessage() + "); " + RETRAINABLE, e);
    }
}
