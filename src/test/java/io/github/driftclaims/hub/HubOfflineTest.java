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
@DisplayName("Offline use and downloads that were not asked for")
class HubOfflineTest {

    private static final String FETCH = "./mvnw -q compile exec:java -Dexec.args=\"fetch attn-only-2l\"";

    @TempDir
    Path cacheDir;

    @FakeHubs.Served
    FakeHub hub;

    @Test
    @DisplayName("with HF_HUB_OFFLINE=1 a cached model resolves without any request")
    void offlineWithCache() {
        ResolvedModel downloaded = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);
        int requestsAfterDownload = hub.requests().size();

        ResolvedModel offline = resolver(settings(hub, cacheDir, "HF_HUB_OFFLINE", "1")).resolve(ALIAS, true);

        assertThat(offline).isEqualTo(downloaded);
        assertThat(hub.requests()).hasSize(requestsAfterDownload);
    }

    @Test
    @DisplayName("with HF_HUB_OFFLINE=1 and an empty cache the error names the command that downloads the model")
    void offlineWithoutCache() {
        HubSettings settings = settings(hub, cacheDir, "HF_HUB_OFFLINE", "1");

        assertThatThrownBy(() -> resolver(settings).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("'attn-only-2l' is not in the Hugging Face cache at " + cacheDir)
                .hasMessageContaining("HF_HUB_OFFLINE is set")
                .hasMessageContaining(FETCH)
                .hasMessageContaining("-Dmodel.download=true");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    @DisplayName("without permission to download, a missing model is an error naming the command, and no request is made")
    void downloadNotAllowed() {
        assertThatThrownBy(() -> resolver(settings(hub, cacheDir)).resolve(ALIAS, false))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("downloading was not enabled")
                .hasMessageContaining(FETCH)
                .hasMessageContaining("-Dmodel.download=true")
                .hasMessageContaining("refs");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    @DisplayName("without permission to download, a cached model still resolves")
    void cachedModelNeedsNoPermission() {
        resolver(settings(hub, cacheDir)).resolve(ALIAS, true);
        int requestsAfterDownload = hub.requests().size();

        assertThat(resolver(settings(hub, cacheDir)).resolve(ALIAS, false).checkpoint())
                .hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(hub.requests()).hasSize(requestsAfterDownload);
    }

    @Test
    @DisplayName("the client itself refuses to make a request in offline mode")
    void clientRefusesOffline() {
        HubClient client = new HubClient(settings(hub, cacheDir, "HF_HUB_OFFLINE", "true"));

        assertThatThrownBy(() -> client.repoInfo(WEIGHTS_REPO, "main"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("HF_HUB_OFFLINE");
        assertThat(hub.requests()).isEmpty();
    }
}
