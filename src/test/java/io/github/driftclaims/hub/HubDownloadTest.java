package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeHubs.class)
@DisplayName("Downloading a model from the hub")
class HubDownloadTest {

    @TempDir
    Path cacheDir;

    @FakeHubs.Served
    FakeHub hub;

    @Test
    @DisplayName("a fresh download lays the files out exactly as Python's huggingface_hub does")
    void freshDownloadUsesHuggingFaceLayout() throws Exception {
        ResolvedModel model = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        Path weights = cacheDir.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code");
        String checkpointSha = FakeHub.sha256(CHECKPOINT_BYTES);
        String configEtag = FakeHub.gitBlobSha1(CONFIG_JSON.getBytes(StandardCharsets.UTF_8));

        assertThat(weights.resolve("blobs").resolve(checkpointSha)).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(weights.resolve("blobs").resolve(configEtag)).hasContent(CONFIG_JSON);
        Path snapshot = weights.resolve("snapshots").resolve(WEIGHTS_COMMIT);
        assertThat(Files.isSymbolicLink(snapshot.resolve(CHECKPOINT))).isTrue();
        assertThat(Files.readSymbolicLink(snapshot.resolve(CHECKPOINT)))
                .isEqualTo(Path.of("..", "..", "blobs", checkpointSha));
        assertThat(Files.readSymbolicLink(snapshot.resolve("config.json")))
                .isEqualTo(Path.of("..", "..", "blobs", configEtag));
        assertThat(Files.readString(weights.resolve("refs/main"))).isEqualTo(WEIGHTS_COMMIT);
        assertThat(Files.readString(cacheDir.resolve("models--NeelNanda--gpt-neox-tokenizer-digits/refs/main")))
                .isEqualTo(TOKENIZER_COMMIT);

        assertThat(model.checkpoint()).isEqualTo(snapshot.resolve(CHECKPOINT)).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(model.config()).isEqualTo(snapshot.resolve("config.json")).hasContent(CONFIG_JSON);
        assertThat(model.tokenizer()).hasContent(TOKENIZER_JSON);
        assertThat(model.tokenizerConfig()).hasContent(TOKENIZER_CONFIG_JSON);
        assertThat(model.tokenizer().resolveSibling("special_tokens_map.json")).hasContent(SPECIAL_TOKENS_JSON);
        assertThat(model.weightsRepo()).isEqualTo(WEIGHTS_REPO);
        assertThat(model.weightsCommit()).isEqualTo(WEIGHTS_COMMIT);
        assertThat(model.tokenizerRepo()).isEqualTo(TOKENIZER_REPO);
        assertThat(model.tokenizerCommit()).isEqualTo(TOKENIZER_COMMIT);
        assertThat(model.checkpointSha256()).isEqualTo(checkpointSha);
        assertThat(model.sha256ByFile()).containsEntry(CHECKPOINT, checkpointSha)
                .containsEntry("config.json", FakeHub.sha256(CONFIG_JSON.getBytes(StandardCharsets.UTF_8)));

        try (Stream<Path> all = Files.walk(cacheDir)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".incomplete"));
        }
    }

    @Test
    @DisplayName("only the files the model needs are downloaded, the decoy checkpoint is not")
    void downloadsOnlyWhatIsNeeded() {
        resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(hub.requests().stream().map(FakeHub.Request::path))
                .noneMatch(p -> p.contains("step_1000") || p.contains("README"));
        assertThat(hub.requests("GET").stream().map(FakeHub.Request::path)).filteredOn(p -> p.startsWith("/lfs/"))
                .containsExactly("/lfs/" + FakeHub.sha256(CHECKPOINT_BYTES));
    }

    @Test
    @DisplayName("metadata is read with a HEAD request, then the content is fetched from the redirect target")
    void headsBeforeGetting() {
        resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        String resolvePrefix = "/" + WEIGHTS_REPO + "/resolve/" + WEIGHTS_COMMIT + "/";
        assertThat(hub.requests().stream().map(r -> r.method() + " " + r.path())
                .filter(r -> r.contains(resolvePrefix) || r.contains("/lfs/")))
                .containsExactly(
                        "HEAD " + resolvePrefix + "config.json",
                        "GET " + resolvePrefix + "config.json",
                        "HEAD " + resolvePrefix + CHECKPOINT,
                        "GET /lfs/" + FakeHub.sha256(CHECKPOINT_BYTES));
    }

    @Test
    @DisplayName("a second resolve is served from the cache without a single request")
    void cacheHitMakesNoRequest() {
        HubModelResolver resolver = resolver(settings(hub, cacheDir));
        ResolvedModel first = resolver.resolve(ALIAS, true);
        int requestsAfterDownload = hub.requests().size();

        ResolvedModel second = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(hub.requests()).hasSize(requestsAfterDownload);
        assertThat(second).isEqualTo(first);
    }

    @Test
    @DisplayName("findCached finds nothing before the download and the model after it, without any request")
    void findCachedNeverTouchesTheNetwork() {
        HubModelResolver resolver = resolver(settings(hub, cacheDir));
        assertThat(resolver.findCached(ALIAS)).isEmpty();
        assertThat(hub.requests()).isEmpty();

        ResolvedModel downloaded = resolver.resolve(ALIAS, true);
        int requestsAfterDownload = hub.requests().size();

        assertThat(resolver.findCached(ALIAS)).contains(downloaded);
        assertThat(hub.requests()).hasSize(requestsAfterDownload);
    }

    @Test
    @DisplayName("a blob already in the cache is linked into the new snapshot, not downloaded again")
    void existingBlobIsReused() throws Exception {
        Path blobs = cacheDir.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code/blobs");
        Files.createDirectories(blobs);
        Files.write(blobs.resolve(FakeHub.sha256(CHECKPOINT_BYTES)), CHECKPOINT_BYTES);

        ResolvedModel model = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(hub.requests().stream().map(FakeHub.Request::path)).noneMatch(p -> p.startsWith("/lfs/"));
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
    }

    @Test
    @DisplayName("download progress names the file and reaches 100% on the given stream")
    void progressIsReported() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HubSettings settings = settings(hub, cacheDir);
        HubModelResolver resolver = HubModelResolver.withoutRetryPause(settings,
                new ProgressBar.Output(new PrintStream(err, true, StandardCharsets.UTF_8), false));

        resolver.resolve(ALIAS, true);

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(CHECKPOINT).contains("100%").contains("200.0 KB/200.0 KB").contains("/s");
        assertThat(printed).doesNotContain("\r");
    }

    @Test
    @DisplayName("HF_HUB_DISABLE_PROGRESS_BARS silences the progress output")
    void progressCanBeDisabled() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HubSettings settings = settings(hub, cacheDir, "HF_HUB_DISABLE_PROGRESS_BARS", "1");
        HubModelResolver.withoutRetryPause(settings,
                new ProgressBar.Output(new PrintStream(err, true, StandardCharsets.UTF_8), true)).resolve(ALIAS, true);

        assertThat(err.size()).isZero();
    }
}
