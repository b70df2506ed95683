package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeHubs.class)
@DisplayName("Verifying the SHA-256 of LFS downloads")
class HubChecksumTest {

    private static final String CLAIMED = "ab".repeat(32);

    @TempDir
    Path cacheDir;

    @FakeHubs.Served(attnOnly2l = false)
    FakeHub hub;

    @Test
    @DisplayName("a checkpoint whose bytes do not match its advertised SHA-256 is refused and nothing is kept")
    void mismatchIsRefused() throws Exception {
        hub.repo(WEIGHTS_REPO, WEIGHTS_COMMIT)
                .file(WEIGHTS_REPO, "config.json", CONFIG_JSON)
                .lfsFileWithWrongSha256(WEIGHTS_REPO, CHECKPOINT, CHECKPOINT_BYTES, CLAIMED);

        assertThatThrownBy(() -> resolver(settings(hub, cacheDir)).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(CHECKPOINT)
                .hasMessageContaining(WEIGHTS_REPO)
                .hasMessageContaining("expected SHA-256 " + CLAIMED)
                .hasMessageContaining(FakeHub.sha256(CHECKPOINT_BYTES))
                .hasMessageContaining("Nothing was kept");

        Path repoDir = cacheDir.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code");
        assertThat(repoDir.resolve("blobs").resolve(CLAIMED)).doesNotExist();
        assertThat(repoDir.resolve("blobs").resolve(CLAIMED + ".incomplete")).doesNotExist();
        assertThat(repoDir.resolve("snapshots").resolve(WEIGHTS_COMMIT).resolve(CHECKPOINT)).doesNotExist();
        assertThat(repoDir.resolve("refs/main")).doesNotExist();
        try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString()))
                    .as("only config.json's blob is cached").hasSize(1).noneMatch(n -> n.contains(CLAIMED));
        }
        assertThat(resolver(settings(hub, cacheDir)).findCached(ALIAS)).isEmpty();
    }
}
