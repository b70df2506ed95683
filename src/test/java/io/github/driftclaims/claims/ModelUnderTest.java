package io.github.driftclaims.claims;

import io.github.driftclaims.hub.HubException;
import io.github.driftclaims.hub.HubModelResolver;
import io.github.driftclaims.hub.HubSettings;
import io.github.driftclaims.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** The models every claim is parameterized over. */
enum ModelUnderTest {

    TOY_INDUCTION("toy-induction-2l", "the embedded default, trained by this project"),
    COUNTING_CONTROL("counting-only-2l", "the negative control: the same recipe without repeated patterns"),
    ATTN_ONLY_2L("attn-only-2l", "TransformerLens's attn-only-2l, the notebook's own model");

    final String id;
    final String description;

    ModelUnderTest(String id, String description) {
        this.id = id;
        this.description = description;
    }

    boolean isReal() {
        return this == ATTN_ONLY_2L;
    }

    /** The model directory in fixtures/ (also where the real model's reference and gate record live). */
    Path fixtureDir() {
        return Path.of("fixtures", id);
    }

    static final String ENABLE_REAL = "run ./mvnw -q exec:java -Dexec.args=\"fetch attn-only-2l\" once "
            + "(downloads about 210 MB from the Hugging Face Hub into its cache), or run ./mvnw verify "
            + "-Dmodel.download=true; a cache that Python's huggingface_hub filled (HF_HOME, HF_HUB_CACHE) is "
            + "used as it is";

    /** Locates the files, or aborts the test (Allure category "Model not available") saying how to enable it. */
    ModelFiles files() {
        if (!isReal()) {
            Assumptions.assumeTrue(Files.isRegularFile(fixtureDir().resolve("model.safetensors")),
                    () -> id + " is not available: " + fixtureDir() + " has no model.safetensors; retrain it with "
                            + "./mvnw -q exec:java -Dexec.args=\"train --recipe " + id.replace("-2l", "")
                            + " --out " + fixtureDir() + "\"");
            return ModelFiles.fromDirectory(fixtureDir());
        }
        HubModelResolver resolver = new HubModelResolver(HubSettings.fromSystem());
        Optional<ModelFiles> cached = resolver.findCached(id).map(r -> r.toModelFiles());
        if (cached.isPresent()) {
            return cached.get();
        }
        if (Boolean.getBoolean("model.download")) {
            try {
                return resolver.resolve(id, true).toModelFiles();
            } catch (HubException e) {
                Assumptions.abort(id + " is not available: the download failed (" + e.getMessage() + ")");
            }
        }
        Assumptions.abort(id + " is not available: its weights are not in the Hugging Face cache. To enable: "
                + ENABLE_REAL);
        throw new AssertionError("unreachable");
    }

    @Override
    public String toString() {
        return id;
    }
}
