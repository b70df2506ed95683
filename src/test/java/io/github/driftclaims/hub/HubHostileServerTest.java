package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub (or a man in the middle) that stalls, over-sends or plants links cannot hang us or fill the disk. */
@DisplayName("A hostile hub or cache cannot hang a download, fill the disk or redirect a read")
class HubHostileServerTest {

    /** Short, so the test is quick; long enough that a loaded machine does not trip it between chunks. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    /** Five attempts at the read timeout, with room for a loaded machine; without a timeout these hang. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path cacheDir;

    private final FakeHub hub = serveAttnOnly2l(FakeHub.start());

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private HubModelResolver resolver() {
        HubSettings settings = settings(hub, cacheDir);
        return new HubModelResolver(settings, new HubClient(settings, Duration.ZERO, READ_TIMEOUT),
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
