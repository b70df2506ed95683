package io.github.driftclaims.claims;

import io.github.driftclaims.CliCommand;
import io.github.driftclaims.hub.HubException;
import io.github.driftclaims.hub.HubModelResolver;
import io.github.driftclaims.hub.HubSettings;
import io.github.driftclaims.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/** The models every claim is parameterized over. */
enum ModelUnderTest {

    LETTERS_ONLY("letters-only-2l", "plan-2/ensembles/letters-only-2l/seed-0", "toy-induction-2h --p-xy-pattern 0 --seed 0",
            "the embedded default: seed 0 of plan 2's letters-only recipe (X and Y only inside repeated letter patterns, "
                    + "so its ideal observer barely drifts), named the default by fixtures/plan-2/plan.json before training"),
    TOY_INDUCTION("toy-induction-2l", "ensembles/toy-induction-2l/seed-0", "toy-induction-2h --seed 0",
            "the earlier default: seed 0 of plan 1's ensemble, whose data reward drifting (half the repeats are X/Y "
                    + "patterns; dose 0.5 of plan 2's dose-response series)"),
    COUNTING_CONTROL("counting-only-2l", "ensembles/counting-only-2l/seed-0", "counting-only-2h --seed 0",
            "the negative control: the default's recipe without repeated patterns (seed 0 of its ensemble)"),
    MARKOV_CONTROL("markov-switch-2l", "ensembles/markov-switch-2l/seed-0", "markov-switch --seed 0",
            "the second control: drifts without an induction circuit (X/Y switch chains, no letters to copy; seed 0)"),
    TOY_8H_SELECTED("toy-induction-8h-seed8", "history/toy-induction-8h-seed8", "toy-induction --seed 8",
            "history: the earlier default, 8 heads per layer as in the notebook's model, seed 8 of seeds 0-8, "
                    + "chosen after seeing the outcomes"),
    ATTN_ONLY_2L("attn-only-2l", "attn-only-2l", null, "TransformerLens's attn-only-2l, the notebook's own model");

    /**
     * {@code -Dmodel.required=attn-only-2l} (comma-separated ids): a CI job that has restored the Hugging
     * Face cache sets it, so that a model it expects to have fails the build instead of being skipped.
     */
    static final String REQUIRED_PROPERTY = "model.required";

    final String id;
    /** Under fixtures/: the shipped model, or (for the real model) where its reference and gate record live. */
    private final String dir;
    /** The train arguments that rebuild a shipped model; null for the real model. */
    private final String recipe;
    final String description;

    ModelUnderTest(String id, String dir, String recipe, String description) {
        this.id = id;
        this.dir = dir;
        this.recipe = recipe;
        this.description = description;
    }

    /** Not shipped in fixtures/: only this one may be missing, and then its cases are skipped. */
    boolean isReal() {
        return this == ATTN_ONLY_2L;
    }

    /** The model directory in fixtures/ (also where the real model's reference and gate record live). */
    Path fixtureDir() {
        return fixturesDir(Path.of("fixtures"));
    }

    private Path fixturesDir(Path fixturesRoot) {
        return fixturesRoot.resolve(dir);
    }

    static final String ENABLE_REAL = "run " + CliCommand.of("fetch attn-only-2l") + " once "
            + "(downloads about 210 MB from the Hugging Face Hub into its cache), or run ./mvnw verify "
            + "-Dmodel.download=true; a cache that Python's huggingface_hub filled (HF_HOME, HF_HUB_CACHE) is "
            + "used as it is";

    /**
     * Locates the files. A shipped model that is missing fails (the build must not turn a deleted fixture
     * into skips); the real model, when not in the cache, aborts the test (Allure category "Model not
     * available") saying how to enable it, unless {@value #REQUIRED_PROPERTY} names it.
     */
    ModelFiles files() {
        return files(Path.of("fixtures"), HubSettings.fromSystem(), System.getProperties());
    }

    /** {@link #files()} with the fixtures root, the hub settings and the system properties passed in. */
    ModelFiles files(Path fixturesRoot, HubSettings hub, Properties properties) {
        if (!isReal()) {
            Path dir = fixturesDir(fixturesRoot);
            if (!Files.isRegularFile(dir.resolve("model.safetensors"))) {
                throw new AssertionError(id + " is shipped with the project but " + dir + " has no model.safetensors; "
                        + "restore it with git checkout -- " + dir + ", or retrain it with "
                        + CliCommand.of("train --recipe " + recipe + " --out " + dir));
            }
            return ModelFiles.fromDirectory(dir);
        }
        HubModelResolver resolver = new HubModelResolver(hub);
        Optional<ModelFiles> cached = resolver.findCached(id).map(r -> r.toModelFiles());
        if (cached.isPresent()) {
            return cached.get();
        }
        if (Boolean.parseBoolean(properties.getProperty("model.download"))) {
            try {
                return resolver.resolve(id, true).toModelFiles();
            } catch (HubException e) {
                throw notAvailable(id + " is not available: the download failed (" + e.getMessage() + ")", properties);
            }
        }
        throw notAvailable(id + " is not available: its weights are not in the Hugging Face cache at "
                + hub.cacheDir() + ". To enable: " + ENABLE_REAL, properties);
    }

    /** A skip, or a failure with the same text when this model is required. */
    private RuntimeException notAvailable(String message, Properties properties) {
        String required = properties.getProperty(REQUIRED_PROPERTY, "");
        if (Arrays.stream(required.split(",")).map(String::strip).anyMatch(id::equals)) {
            throw new AssertionError(message + " (required here by -D" + REQUIRED_PROPERTY + "=" + required + ")");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable: Assumptions.abort always throws");
    }

    @Override
    public String toString() {
        return id;
    }
}
