package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeHubs.class)
@DisplayName("A cache written by Python's huggingface_hub")
class PythonCacheCompatibilityTest {

    @TempDir
    Path home;

    @FakeHubs.Served(attnOnly2l = false)
    FakeHub hub;

    @Test
    @DisplayName("is found under HF_HOME/hub and read without any request")
    void readsPythonLayout() throws Exception {
        Path hfHome = home.resolve("hf");
        TestRepos.pythonCache(hfHome.resolve("hub"));
        HubSettings settings = HubSettings.fromEnvironment(
                java.util.Map.of("HF_HOME", hfHome.toString(), "HF_ENDPOINT", hub.endpoint().toString()), home);

        ResolvedModel model = resolver(settings).resolve(ALIAS, false);

        Path snapshot = hfHome.resolve("hub/models--NeelNanda--Attn_Only_2L512W_C4_Code/snapshots/" + WEIGHTS_COMMIT);
        assertThat(model.checkpoint()).isEqualTo(snapshot.resolve(CHECKPOINT)).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(model.config()).isEqualTo(snapshot.resolve("config.json"));
        assertThat(model.tokenizer()).hasContent(TOKENIZER_JSON);
        assertThat(model.tokenizerConfig()).as("this tokenizer repo has no tokenizer_config.json").isNull();
        assertThat(model.weightsCommit()).isEqualTo(WEIGHTS_COMMIT);
        assertThat(model.tokenizerCommit()).isEqualTo(TOKENIZER_COMMIT);
        assertThat(model.checkpointFilename()).isEqualTo(CHECKPOINT);
        assertThat(model.checkpointSha256()).isEqualTo(FakeHub.sha256(CHECKPOINT_BYTES));
        assertThat(model.sha256ByFile()).containsKeys("config.json", CHECKPOINT, "tokenizer.json");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    @DisplayName("with a snapshot copied instead of linked still resolves, hashing the checkpoint itself")
    void copiedSnapshotIsHashed() throws Exception {
        Path cache = home.resolve("cache");
        TestRepos.pythonCache(cache);
        Path link = cache.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code/snapshots/" + WEIGHTS_COMMIT)
                .resolve(CHECKPOINT);
        Files.delete(link);
        Files.write(link, CHECKPOINT_BYTES);

        ResolvedModel model = resolver(settings(hub, cache)).findCached(ALIAS).orElseThrow();

        assertThat(model.checkpointSha256()).isEqualTo(FakeHub.sha256(CHECKPOINT_BYTES));
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    @DisplayName("with a dangling symlink (blob deleted) counts as not cached")
    void danglingSymlinkIsNotCached() throws Exception {
        Path cache = home.resolve("cache");
        TestRepos.pythonCache(cache);
        Files.delete(cache.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code/blobs")
                .resolve(FakeHub.sha256(CHECKPOINT_BYTES)));

        assertThat(resolver(settings(hub, cache)).findCached(ALIAS)).isEmpty();
    }

    @Test
    @DisplayName("is completed by a download that reuses what Python already fetched")
    void downloadCompletesPythonCache() throws Exception {
        Path cache = home.resolve("cache");
        TestRepos.pythonCache(cache);
        Files.delete(cache.resolve("models--NeelNanda--gpt-neox-tokenizer-digits/refs/main"));
        serveAttnOnly2l(hub);

        ResolvedModel model = resolver(settings(hub, cache)).resolve(ALIAS, true);

        assertThat(model.tokenizerConfig()).hasContent(TOKENIZER_CONFIG_JSON);
        assertThat(hub.requests("GET").stream().map(FakeHub.Request::path))
                .as("the checkpoint blob was already there").noneMatch(p -> p.startsWith("/lfs/"));
    }
}
