package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeHubs.class)
@DisplayName("Hub errors")
class HubErrorsTest {

    private static final String TOKEN = "hf_SuperSecretTestToken123";

    @TempDir
    Path cacheDir;

    @FakeHubs.Served
    FakeHub hub;

    @Test
    @DisplayName("a 401 says the repository may be gated or private and to set HF_TOKEN")
    void unauthorizedWithoutToken() {
        hub.failRepo(WEIGHTS_REPO, 401, "GatedRepo");

        assertThatThrownBy(() -> resolver(settings(hub, cacheDir)).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(WEIGHTS_REPO)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("gated or private")
                .hasMessageContaining("Set HF_TOKEN");
    }

    @Test
    @DisplayName("a 403 with a token says the token was refused, without ever showing the token")
    void forbiddenWithTokenNeverShowsIt() {
        hub.failRepo(WEIGHTS_REPO, 403, "GatedRepo");
        HubSettings settings = settings(hub, cacheDir, "HF_TOKEN", TOKEN);

        assertThatThrownBy(() -> resolver(settings).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(WEIGHTS_REPO)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("gated or private")
                .hasMessageContaining("HF_TOKEN that was sent was refused")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
        assertThat(settings.toString()).doesNotContain(TOKEN);
    }

    @Test
    @DisplayName("a file missing from the repository gives a 404 error naming the file, the repository and the revision")
    void missingFile() {
        FakeHub bare = FakeHub.start();
        try (bare) {
            bare.repo(WEIGHTS_REPO, WEIGHTS_COMMIT).lfsFile(WEIGHTS_REPO, CHECKPOINT, CHECKPOINT_BYTES);

            assertThatThrownBy(() -> resolver(settings(bare, cacheDir)).resolve(ALIAS, true))
                    .isInstanceOf(HubException.class)
                    .hasMessageContaining("File config.json was not found in " + WEIGHTS_REPO)
                    .hasMessageContaining("at revision " + WEIGHTS_COMMIT)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("ModelAlias");
        }
    }

    @Test
    @DisplayName("a repository that does not exist gives a 404 error naming the repository")
    void missingRepository() {
        FakeHub empty = FakeHub.start();
        try (empty) {
            assertThatThrownBy(() -> resolver(settings(empty, cacheDir)).resolve(ALIAS, true))
                    .isInstanceOf(HubException.class)
                    .hasMessageContaining("Repository " + WEIGHTS_REPO + " was not found")
                    .hasMessageContaining("HTTP 404");
        }
    }

    @Test
    @DisplayName("a repository without a *final.pth checkpoint is reported with its file list")
    void noCheckpointInListing() {
        FakeHub noCheckpoint = FakeHub.start();
        try (noCheckpoint) {
            noCheckpoint.repo(WEIGHTS_REPO, WEIGHTS_COMMIT).file(WEIGHTS_REPO, "config.json", CONFIG_JSON);

            assertThatThrownBy(() -> resolver(settings(noCheckpoint, cacheDir)).resolve(ALIAS, true))
                    .isInstanceOf(HubException.class)
                    .hasMessageContaining("No file ending in 'final.pth' in " + WEIGHTS_REPO)
                    .hasMessageContaining("config.json");
        }
    }

    @Test
    @DisplayName("an unreachable endpoint is reported with the URL and the way to work offline")
    void unreachableEndpoint() {
        FakeHub gone = FakeHub.start();
        HubSettings settings = settings(gone, cacheDir, "HF_TOKEN", TOKEN);
        gone.close();

        assertThatThrownBy(() -> resolver(settings).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("Cannot reach the hub")
                .hasMessageContaining(WEIGHTS_REPO)
                .hasMessageContaining("HF_HUB_OFFLINE=1")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
    }

    @Test
    @DisplayName("an unknown alias lists the known ones")
    void unknownAlias() {
        assertThatThrownBy(() -> resolver(settings(hub, cacheDir)).resolve("gpt2-xl", true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("Unknown model alias 'gpt2-xl'")
                .hasMessageContaining("attn-only-2l");
        assertThat(hub.requests()).isEmpty();
    }
}
