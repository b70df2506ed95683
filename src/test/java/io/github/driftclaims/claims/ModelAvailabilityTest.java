package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.hub.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

@DisplayName("A missing model: shipped ones fail the build, attn-only-2l is skipped unless -Dmodel.required names it")
class ModelAvailabilityTest {

    @TempDir
    Path dir;

    /** An empty, offline Hugging Face cache in the temp dir: nothing is found and nothing is downloaded. */
    private HubSettings emptyCache() {
        return HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", dir.resolve("hub").toString(), "HF_HUB_OFFLINE", "1"),
                dir.resolve("home"));
    }

    private static Properties properties(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    @DisplayName("attn-only-2l without its weights is skipped with the command that enables it")
    void realModelIsSkipped() {
        assertThatThrownBy(() -> ModelUnderTest.ATTN_ONLY_2L.files(dir, emptyCache(), properties()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("attn-only-2l is not available")
                .hasMessageContaining(ModelUnderTest.ENABLE_REAL);
    }

    @Test
    @DisplayName("with -Dmodel.required=attn-only-2l the same absence is a failure carrying the same instruction")
    void requiredRealModelFails() {
        assertThatThrownBy(() -> ModelUnderTest.ATTN_ONLY_2L.files(dir, emptyCache(),
                properties(ModelUnderTest.REQUIRED_PROPERTY, "counting-only-2l, attn-only-2l")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("attn-only-2l is not available")
                .hasMessageContaining(ModelUnderTest.ENABLE_REAL)
                .hasMessageContaining("-Dmodel.required=");
    }

    @Test
    @DisplayName("-Dmodel.required naming another model leaves attn-only-2l's absence a skip")
    void otherRequiredModelStillSkips() {
        assertThatThrownBy(() -> ModelUnderTest.ATTN_ONLY_2L.files(dir, emptyCache(),
                properties(ModelUnderTest.REQUIRED_PROPERTY, "attn-only-1l")))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    @DisplayName("a shipped model whose weights are missing fails, naming the file and how to restore it")
    void missingShippedFixtureFails() throws Exception {
        Path seed0 = dir.resolve("ensembles/toy-induction-2l/seed-0");
        Files.createDirectories(seed0);
        assertThatThrownBy(() -> ModelUnderTest.TOY_INDUCTION.files(dir, emptyCache(), properties()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(seed0 + " has no model.safetensors")
                .hasMessageContaining("train --recipe toy-induction-2h --seed 0 --out " + seed0);
    }

    @Test
    @DisplayName("the shipped models are found in fixtures/")
    void shippedFixturesArePresent() {
        for (ModelUnderTest m : ModelUnderTest.values()) {
            if (m.isReal()) {
                continue;
            }
            assertThat(m.files(Path.of("fixtures"), emptyCache(), properties()).checkpoint())
                    .isEqualTo(m.fixtureDir().resolve("model.safetensors"));
        }
    }
}
