package io.github.driftclaims.cli;

import io.github.driftclaims.hub.HubException;
import io.github.driftclaims.hub.HubModelResolver;
import io.github.driftclaims.hub.HubSettings;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.report.ExpectedClaims;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelLoadException;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.NotebookJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The command line. {@code run} prints the notebook's tables for a model; other commands are listed
 * by {@code help}. Kept thin: every computation lives in the library packages.
 */
public final class Main {

    static final String DEFAULT_MODEL = "fixtures/toy-induction-2l";

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (ModelLoadException | IllegalArgumentException | HubException e) {
            System.err.println("error: " + e.getMessage());
            code = 2;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) {
        Options o = Options.parse(args);
        return switch (o.command()) {
            case "run" -> runNotebook(o);
            case "train" -> TrainCommand.train(o);
            case "retrain" -> TrainCommand.retrain(o);
            case "fetch" -> fetch(o);
            case "expect" -> expect(o);
            case "help", "--help", "-h" -> {
                System.out.println(Options.USAGE);
                yield 0;
            }
            default -> {
                System.err.println("unknown command '" + o.command() + "'\n" + Options.USAGE);
                yield 2;
            }
        };
    }

    /** Downloads a hub alias into the Hugging Face cache (shared with Python's huggingface_hub). */
    static int fetch(Options o) {
        String alias = o.positional().orElseThrow(() -> new IllegalArgumentException("fetch needs an alias, e.g. fetch attn-only-2l"));
        var resolved = new HubModelResolver(HubSettings.fromSystem()).resolve(alias, true);
        System.out.println("attn-only weights: " + resolved.weightsRepo() + "@" + resolved.weightsCommit());
        System.out.println("checkpoint: " + resolved.checkpoint() + " sha256 " + resolved.checkpointSha256());
        System.out.println("tokenizer: " + resolved.tokenizer());
        return 0;
    }

    /** Regenerates the regression gate's record for a model from what it measures now. */
    static int expect(Options o) {
        String modelArg = o.get("model", DEFAULT_MODEL);
        try (HookedTransformer model = ModelLoader.load(ModelSource.resolve(modelArg, false), true)) {
            var numbers = CircuitEvidence.measure(model).numbers();
            Path file = model.files().config().resolveSibling("expected-claims.json");
            new ExpectedClaims(model.files().name(), java.util.Map.of("", ExpectedClaims.DEFAULT_TOLERANCE), numbers)
                    .write(file);
            System.out.println("Wrote " + numbers.size() + " numbers to " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the record: " + e.getMessage(), e);
        }
        return 0;
    }

    static int runNotebook(Options o) {
        String modelArg = o.get("model", DEFAULT_MODEL);
        List<Head> extra = Head.parseList(o.get("ablate", ""));
        int topK = Integer.parseInt(o.get("top-k", String.valueOf(NotebookRun.NOTEBOOK_TOP_K)));
        try (HookedTransformer model = ModelLoader.load(ModelSource.resolve(modelArg, o.flag("download")),
                !o.flag("raw"))) {
            String experiment = o.get("experiment", "main");
            if (!experiment.equals("main")) {
                String json = o.get("json", null);
                return LaterCellsCommand.run(model, modelArg, experiment, extra, o.get("prompt", null),
                        json == null ? null : Path.of(json), System.out);
            }
            NotebookRun run = NotebookRun.of(model, topK, extra);
            Tables.print(System.out, modelArg, run);
            String json = o.get("json", null);
            if (json != null) {
                writeAtomically(Path.of(json), NotebookJson.pretty(NotebookJson.of(model, run)));
                System.out.println("\nWrote " + json);
            }
        }
        return 0;
    }

    static void writeAtomically(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
