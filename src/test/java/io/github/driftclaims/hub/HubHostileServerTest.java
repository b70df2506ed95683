package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A hub (or a man in the middle) that stalls, over-sends or plants links cannot hang us or fill the disk. */
@ExtendWith(FakeHubs.class)
@DisplayName("A hostile hub or cache cannot hang a download, fill the disk or redirect a read")
class HubHostileServerTest {

    /** Short, so the test is quick; long enough that a loaded machine does not trip it between chunks. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    /** Five attempts at the read timeout, with room for a loaded machine; without a timeout these hang. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path cacheDir;

    @FakeHubs.Served
    FakeHub hub;

    private HubModelResolver resolver() {
        HubSettings settings = settings(hub, cacheDir);
        return new HubModelResolver(settings, new HubClient(settings, Duration.ZERO, READ_TIMEOUT),
                ProgressBar.Output.none());
    }

    private HubModelResolver resolver(long unannouncedLimit) {
        HubSettings settings = settings(hub, cacheDir);
        return new HubModelResolver(settings, new HubClient(settings, Duration.ZERO, READ_TIMEOUT, unannouncedLimit),
                ProgressBar.Output.none());
    }

    private Path incompleteFile() {
        return TestRepos.incompleteCheckpoint(cacheDir);
    }

    @Test
    @DisplayName("a body that stalls mid-file times out and is resumed from the bytes that arrived")
    void stallIsTimedOutAndResumed() {
        hub.stallDownloads(WEIGHTS_REPO, CHECKPOINT, 60_000, 1);
        ResolvedModel model = assertTimeoutPreemptively(BOUND, () -> resolver().resolve(ALIAS, true));
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(hub.requests("GET").stream().filter(r -> r.path().startsWith("/lfs/"))
                .filter(r -> r.header("Range") != null)).isNotEmpty();
    }

    @Test
    @DisplayName("a hub that always stalls ends in a clear error naming the timeout, with the partial file kept")
    void permanentStallIsAClearError() throws Exception {
        hub.stallDownloads(WEIGHTS_REPO, CHECKPOINT, 60_000, Integer.MAX_VALUE);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> resolver().resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("read timeout")
                .hasMessageContaining("is kept"));
        assertThat(Files.size(incompleteFile())).isEqualTo(60_000);
    }

    @Test
    @DisplayName("a hub that sends past the announced size is stopped at it: never more is written")
    void oversizedBodyIsCut() throws Exception {
        hub.sendPastAnnouncedSize(WEIGHTS_REPO, CHECKPOINT, 5_000_000);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> resolver().resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("more of " + CHECKPOINT)
                .hasMessageContaining(CHECKPOINT_BYTES.length + " bytes it announced"));
        assertThat(Files.size(incompleteFile())).isLessThanOrEqualTo(CHECKPOINT_BYTES.length);
    }

    @Test
    @DisplayName("a file served without a size is written up to HubLimits.UNANNOUNCED_DOWNLOAD_BYTES, then stopped and"
            + " deleted")
    void unannouncedSizeIsCapped() throws Exception {
        int cap = 256 * 1024;
        hub.unannouncedSize(WEIGHTS_REPO, "config.json", 8 * cap);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> resolver(cap).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("did not announce the size of config.json")
                .hasMessageContaining("HubLimits.UNANNOUNCED_DOWNLOAD_BYTES (" + cap + ")"));
        try (var files = Files.walk(cacheDir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".incomplete"))).as("partial files left").isEmpty();
        }
    }

    @Test
    @DisplayName("a file served without a size, but under the cap, downloads whole")
    void unannouncedSizeUnderTheCapDownloads() throws Exception {
        hub.unannouncedSize(WEIGHTS_REPO, "config.json", 0);
        ResolvedModel model = assertTimeoutPreemptively(BOUND, () -> resolver(256 * 1024).resolve(ALIAS, true));
        assertThat(model.config()).hasContent(CONFIG_JSON);
    }

    @Test
    @DisplayName("a hub announcing more than HubLimits.DOWNLOAD_BYTES for a file is refused before a byte is written")
    void announcedSizeAboveTheLimitIsRefused() throws Exception {
        hub.announceSize(WEIGHTS_REPO, CHECKPOINT, 1L << 50);
        assertThatThrownBy(() -> resolver().resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("announces " + (1L << 50) + " bytes")
                .hasMessageContaining("HubLimits.DOWNLOAD_BYTES");
        assertThat(incompleteFile()).doesNotExist();
        assertThat(hub.requests("GET").stream().filter(r -> r.path().startsWith("/lfs/"))).isEmpty();
    }

    @Test
    @DisplayName("a partial download planted as a link out of the cache is replaced, never written through")
    void incompleteLinkIsNotWrittenThrough() throws Exception {
        Path outside = Files.writeString(cacheDir.getParent().resolve("victim-" + System.nanoTime()), "victim");
        try {
            Files.createDirectories(incompleteFile().getParent());
            Files.createSymbolicLink(incompleteFile(), outside);
            ResolvedModel model = assertTimeoutPreemptively(BOUND, () -> resolver().resolve(ALIAS, true));
            assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
            assertThat(outside).hasContent("victim");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    @DisplayName("a named pipe as a partial download is replaced, and one in a snapshot is refused, neither blocks")
    void namedPipesInTheCache() throws Exception {
        Files.createDirectories(incompleteFile().getParent());
        mkfifo(incompleteFile());
        ResolvedModel model = assertTimeoutPreemptively(BOUND, () -> resolver().resolve(ALIAS, true));
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);

        Path blob = model.config().toRealPath();
        Files.delete(blob);
        mkfifo(blob);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> resolver().resolve(ALIAS, false))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(model.config().toString())
                .hasMessageContaining("not a regular file"));
    }

    @Test
    @DisplayName("a cached tokenizer blob of 64 GiB (sparse) is refused by its size before it is hashed")
    void hugeCachedTokenizerIsRefusedUnhashed() throws Exception {
        ResolvedModel model = resolver().resolve(ALIAS, true);
        sparse(model.tokenizer().toRealPath(), 64L << 30);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> resolver().resolve(ALIAS, false))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(model.tokenizer().toString())
                .hasMessageContaining("Limits.TOKENIZER_BYTES"));
    }

    @Test
    @DisplayName("a 4 GiB (sparse) HF_HOME/token file is an error naming it and HubLimits.TOKEN_BYTES, not OutOfMemoryError")
    void hugeTokenFileIsRefused() throws Exception {
        Path hfHome = Files.createDirectories(cacheDir.resolve("hf-home"));
        sparse(hfHome.resolve("token"), 4L << 30);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> settings(hub, cacheDir, "HF_HOME", hfHome.toString()))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(hfHome.resolve("token").toString())
                .hasMessageContaining("HubLimits.TOKEN_BYTES"));
    }

    private static void sparse(Path file, long length) throws Exception {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    private static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
    }

    @Test
    @DisplayName("a cache link that leads outside the cache is refused, not read")
    void linkOutOfTheCacheIsRefused() throws Exception {
        ResolvedModel model = resolver().resolve(ALIAS, true);
        Path outside = Files.writeString(cacheDir.getParent().resolve("secret-" + System.nanoTime()), "secret");
        try {
            Files.delete(model.config());
            Files.createSymbolicLink(model.config(), outside);
            assertThatThrownBy(() -> resolver().resolve(ALIAS, false))
                    .isInstanceOf(HubException.class)
                    .hasMessageContaining("outside the cache")
                    .hasMessageContaining(model.config().toString());
        } finally {
            Files.delete(outside);
        }
    }
}
