package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The hub client")
class HubClientTest {

    @TempDir
    Path cacheDir;

    @Test
    @DisplayName("normalizes quoted and weak ETags the way huggingface_hub does")
    void normalizesEtags() {
        assertThat(HubUrls.normalizeEtag("\"abc123\"")).isEqualTo("abc123");
        assertThat(HubUrls.normalizeEtag("W/\"abc123\"")).isEqualTo("abc123");
        assertThat(HubUrls.normalizeEtag("abc123")).isEqualTo("abc123");
    }

    @Test
    @DisplayName("quotes file names in resolve URLs but keeps their slashes, and quotes revisions entirely")
    void quotesUrls() {
        HubClient client = new HubClient(HubSettings.fromEnvironment(
                java.util.Map.of("HF_ENDPOINT", "https://hub.example"), cacheDir));

        assertThat(client.resolveUrl("org/name", "refs/pr/1", "dir/a b+c.json"))
                .isEqualTo(URI.create("https://hub.example/org/name/resolve/refs%2Fpr%2F1/dir/a%20b%2Bc.json"));
    }

    @Test
    @DisplayName("considers only the endpoint's scheme, host and port as the token's origin")
    void sameOrigin() {
        URI endpoint = URI.create("https://huggingface.co");
        assertThat(HubUrls.sameOrigin(URI.create("https://huggingface.co:443/api/x"), endpoint)).isTrue();
        assertThat(HubUrls.sameOrigin(URI.create("https://HuggingFace.co/x"), endpoint)).isTrue();
        assertThat(HubUrls.sameOrigin(URI.create("https://cdn-lfs.huggingface.co/x"), endpoint)).isFalse();
        assertThat(HubUrls.sameOrigin(URI.create("http://huggingface.co/x"), endpoint)).isFalse();
        assertThat(HubUrls.sameOrigin(URI.create("https://huggingface.co:8443/x"), endpoint)).isFalse();
    }

    @Test
    @DisplayName("reads LFS metadata from the redirect without following it, and small-file metadata from the 200")
    void readsMetadata() {
        try (FakeHub hub = serveAttnOnly2l(FakeHub.start())) {
            HubClient client = new HubClient(settings(hub, cacheDir));

            FileMetadata lfs = client.fileMetadata(WEIGHTS_REPO, "main", CHECKPOINT);
            FileMetadata small = client.fileMetadata(WEIGHTS_REPO, "main", "config.json");

            assertThat(lfs.etag()).isEqualTo(FakeHub.sha256(CHECKPOINT_BYTES));
            assertThat(lfs.etagIsSha256()).isTrue();
            assertThat(lfs.size()).isEqualTo(CHECKPOINT_BYTES.length);
            assertThat(lfs.commit()).isEqualTo(WEIGHTS_COMMIT);
            assertThat(lfs.downloadUri().getPath()).startsWith("/lfs/");
            byte[] config = CONFIG_JSON.getBytes(StandardCharsets.UTF_8);
            assertThat(small.etag()).isEqualTo(FakeHub.gitBlobSha1(config));
            assertThat(small.etagIsSha256()).isFalse();
            assertThat(small.commit()).isEqualTo(WEIGHTS_COMMIT);
            assertThat(small.downloadUri().getPath()).endsWith("/resolve/main/config.json");
            assertThat(hub.requests()).extracting(FakeHub.Request::method).containsOnly("HEAD");
        }
    }

    @Test
    @DisplayName("caches a small file served with a weak ETag under the bare git blob hash")
    void weakEtagBecomesBlobName() {
        try (FakeHub hub = serveAttnOnly2l(FakeHub.start()).weakEtags()) {
            resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

            byte[] config = CONFIG_JSON.getBytes(StandardCharsets.UTF_8);
            assertThat(cacheDir.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code/blobs")
                    .resolve(FakeHub.gitBlobSha1(config))).hasBinaryContent(config);
        }
    }

    @Test
    @DisplayName("lists a repository's commit and files in the hub's order")
    void readsRepoInfo() {
        try (FakeHub hub = serveAttnOnly2l(FakeHub.start())) {
            RepoInfo info = new HubClient(settings(hub, cacheDir)).repoInfo(WEIGHTS_REPO, "main");

            assertThat(info.commit()).isEqualTo(WEIGHTS_COMMIT);
            assertThat(info.filenames()).containsExactlyElementsOf(hub.listing(WEIGHTS_REPO));
        }
    }
}
