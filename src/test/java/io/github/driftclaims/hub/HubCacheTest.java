package io.github.driftclaims.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The hub cache")
class HubCacheTest {

    private static final String REPO = "NeelNanda/Attn_Only_2L512W_C4_Code";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path root;

    @Test
    @DisplayName("names folders and files like huggingface_hub")
    void layout() {
        HubCache cache = new HubCache(root);
        Path repoDir = root.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code");

        assertThat(cache.repoDir(REPO)).isEqualTo(repoDir);
        assertThat(cache.blobPath(REPO, "abc")).isEqualTo(repoDir.resolve("blobs/abc"));
        assertThat(cache.incompletePath(REPO, "abc")).isEqualTo(repoDir.resolve("blobs/abc.incomplete"));
        assertThat(cache.snapshotPath(REPO, COMMIT, "sub/f.pth"))
                .isEqualTo(repoDir.resolve("snapshots").resolve(COMMIT).resolve("sub/f.pth"));
        assertThat(cache.refPath(REPO, "main")).isEqualTo(repoDir.resolve("refs/main"));
    }

    @Test
    @DisplayName("writes refs/main without a trailing newline and reads it back")
    void refs() throws Exception {
        HubCache cache = new HubCache(root);
        assertThat(cache.readRef(REPO, "main")).isEmpty();

        cache.writeRef(REPO, "main", COMMIT);

        assertThat(Files.readString(cache.refPath(REPO, "main"))).isEqualTo(COMMIT);
        assertThat(cache.readRef(REPO, "main")).contains(COMMIT);
    }

    @Test
    @DisplayName("refuses a ref far larger than a commit hash without reading it whole")
    void hugeRefIsRefused() throws Exception {
        HubCache cache = new HubCache(root);
        Path ref = cache.refPath(REPO, "main");
        Files.createDirectories(ref.getParent());
        // A sparse 4 GiB file: reading it whole would need 4 GiB of heap (this JVM has 512 MiB).
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(ref.toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        assertThatThrownBy(() -> cache.readRef(REPO, "main")).isInstanceOf(HubException.class)
                .hasMessageContaining(ref.toString()).hasMessageContaining("HubLimits.REF_BYTES (4096)")
                .hasMessageContaining("Delete it and fetch the model again");
    }

    @Test
    @DisplayName("links nested snapshot files with a relative symlink and reads the etag back from it")
    void nestedSymlink() throws Exception {
        HubCache cache = new HubCache(root);
        Path blob = cache.blobPath(REPO, "e".repeat(64));
        Files.createDirectories(blob.getParent());
        Files.writeString(blob, "weights");

        Path link = cache.linkIntoSnapshot(REPO, COMMIT, "checkpoints/x_final.pth", blob);

        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../../blobs/" + "e".repeat(64)));
        assertThat(link).hasContent("weights");
        assertThat(cache.blobEtag(REPO, link)).contains("e".repeat(64));
        assertThat(cache.snapshotFiles(REPO, COMMIT)).containsExactly("checkpoints/x_final.pth");
    }

    @Test
    @DisplayName("refuses names from the server that would escape the cache directory")
    void refusesTraversal() {
        HubCache cache = new HubCache(root);

        assertThatThrownBy(() -> cache.blobPath(REPO, "../../evil")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> cache.snapshotPath(REPO, "..", "f")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> cache.snapshotPath(REPO, COMMIT, "../f")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> cache.snapshotPath(REPO, COMMIT, "/etc/passwd")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> cache.repoDir("../x")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> cache.repoDir("no-slash")).isInstanceOf(HubException.class);
    }
}
