package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeHubs.class)
@DisplayName("Resuming an interrupted download")
class HubResumeTest {

    private static final int PARTIAL = 50_000;

    @TempDir
    Path cacheDir;

    @FakeHubs.Served
    FakeHub hub;

    private List<FakeHub.Request> blobGets() {
        return hub.requests("GET").stream().filter(r -> r.path().startsWith("/lfs/")).toList();
    }

    private Path incompleteFile() {
        return TestRepos.incompleteCheckpoint(cacheDir);
    }

    @Test
    @DisplayName("a connection dropped mid-file is resumed with a Range request and the result is byte-identical")
    void droppedConnectionIsResumed() {
        hub.dropConnectionOnFirstDownload(WEIGHTS_REPO, CHECKPOINT, 70_000);

        ResolvedModel model = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        List<FakeHub.Request> gets = blobGets();
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).header("Range")).isNull();
        // The client may have received fewer bytes than the server wrote before the drop, never more.
        assertThat(gets.get(1).header("Range")).matches("bytes=\\d+-");
        long resumedAt = Long.parseLong(gets.get(1).header("Range").replaceAll("\\D", ""));
        assertThat(resumedAt).isPositive().isLessThanOrEqualTo(70_000);
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(model.checkpointSha256()).isEqualTo(FakeHub.sha256(CHECKPOINT_BYTES));
        assertThat(incompleteFile()).doesNotExist();
    }

    @Test
    @DisplayName("a partial file left by an earlier run is continued from where it stopped")
    void partialFileFromEarlierRunIsContinued() throws Exception {
        Files.createDirectories(incompleteFile().getParent());
        Files.write(incompleteFile(), Arrays.copyOf(CHECKPOINT_BYTES, PARTIAL));

        ResolvedModel model = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(blobGets()).singleElement()
                .satisfies(get -> assertThat(get.header("Range")).isEqualTo("bytes=" + PARTIAL + "-"));
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(incompleteFile()).doesNotExist();
    }

    @Test
    @DisplayName("a server that ignores the Range header and sends the whole file still gives identical bytes")
    void serverIgnoringRangeRestartsTheFile() throws Exception {
        hub.ignoreRangeRequests();
        Files.createDirectories(incompleteFile().getParent());
        Files.write(incompleteFile(), Arrays.copyOf(CHECKPOINT_BYTES, PARTIAL));

        ResolvedModel model = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(blobGets()).singleElement()
                .satisfies(get -> assertThat(get.header("Range")).isEqualTo("bytes=" + PARTIAL + "-"));
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
    }

    @Test
    @DisplayName("a partial file that is not a prefix of the real one is caught by the checksum, not cached")
    void corruptPartialFileIsRefused() throws Exception {
        Files.createDirectories(incompleteFile().getParent());
        Files.write(incompleteFile(), randomBytes(PARTIAL, 99));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> resolver(settings(hub, cacheDir)).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("Checksum mismatch for " + CHECKPOINT);
        assertThat(incompleteFile()).doesNotExist();

        // The next run starts clean and succeeds.
        assertThat(resolver(settings(hub, cacheDir)).resolve(ALIAS, true).checkpoint())
                .hasBinaryContent(CHECKPOINT_BYTES);
    }

    @Test
    @DisplayName("a partial file that already holds every announced byte is checked and cached without a download")
    void completePartialFileIsNotFetchedAgain() throws Exception {
        Files.createDirectories(incompleteFile().getParent());
        Files.write(incompleteFile(), CHECKPOINT_BYTES);

        ResolvedModel model = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(blobGets()).isEmpty();
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(incompleteFile()).doesNotExist();
    }

    @Test
    @DisplayName("a partial file longer than the announced size is not a prefix: it is discarded and the file fetched whole")
    void overlongPartialFileStartsOver() throws Exception {
        Files.createDirectories(incompleteFile().getParent());
        Files.write(incompleteFile(), Arrays.copyOf(CHECKPOINT_BYTES, CHECKPOINT_BYTES.length + 10));

        ResolvedModel model = resolver(settings(hub, cacheDir)).resolve(ALIAS, true);

        assertThat(blobGets()).singleElement().satisfies(get -> assertThat(get.header("Range")).isNull());
        assertThat(model.checkpoint()).hasBinaryContent(CHECKPOINT_BYTES);
        assertThat(incompleteFile()).doesNotExist();
    }

    @Test
    @DisplayName("a resumed body longer than the rest of the announced size is refused before a byte is written")
    void resumedBodyPastTheAnnouncedRest() throws Exception {
        long announced = CHECKPOINT_BYTES.length - 5;
        hub.announceSize(WEIGHTS_REPO, CHECKPOINT, announced);
        Files.createDirectories(incompleteFile().getParent());
        Files.write(incompleteFile(), Arrays.copyOf(CHECKPOINT_BYTES, PARTIAL));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver(settings(hub, cacheDir)).resolve(ALIAS, true))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("announced " + announced + " bytes")
                .hasMessageContaining("now sends a body of " + (CHECKPOINT_BYTES.length - PARTIAL) + " bytes for the remaining "
                        + (announced - PARTIAL));
        assertThat(incompleteFile()).hasSize(PARTIAL);
    }
}
