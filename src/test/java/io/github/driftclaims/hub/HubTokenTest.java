package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeHubs.class)
@DisplayName("The HF_TOKEN")
class HubTokenTest {

    private static final String TOKEN = "hf_TestTokenThatMustNotLeak";

    @TempDir
    Path cacheDir;

    @FakeHubs.Served
    FakeHub hub;
    @FakeHubs.Served(attnOnly2l = false)
    FakeHub blobHost;

    @Test
    @DisplayName("is sent as a bearer token to the endpoint and not forwarded to the blob host LFS files redirect to")
    void bearerOnlyToEndpoint() {
        hub.redirectLfsTo(blobHost);

        ResolvedModel model = resolver(settings(hub, cacheDir, "HF_TOKEN", TOKEN)).resolve(ALIAS, true);

        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(hub.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(blobHost.requests()).as("the checkpoint came from the blob host").hasSize(1)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
        assertThat(hub.requests().stream().map(FakeHub.Request::path)).noneMatch(p -> p.startsWith("/lfs/"));
    }

    @Test
    @DisplayName("is not sent at all when unset")
    void noTokenNoHeader() {
        resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(hub.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    }

    @Test
    @DisplayName("is read from the file huggingface-cli login writes when HF_TOKEN is unset")
    void tokenFile() throws Exception {
        Path hfHome = cacheDir.resolve("hf-home");
        java.nio.file.Files.createDirectories(hfHome);
        java.nio.file.Files.writeString(hfHome.resolve("token"), TOKEN + "\n");

        resolver(settings(hub, cacheDir, "HF_HOME", hfHome.toString())).resolve(ALIAS, true);

        assertThat(hub.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
    }
}
