package io.github.driftclaims.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gets one repository file into the cache, following huggingface_hub's {@code hf_hub_download}: read the
 * metadata with a HEAD request, reuse the blob if its etag is already cached, otherwise download to
 * {@code blobs/<etag>.incomplete} (resuming), verify, move into place, then link the snapshot file.
 *
 * <p>Only the resolver calls this, and only when downloading is allowed and offline mode is off.
 */
final class HubFileFetcher {

    private final HubCache cache;
    private final HubClient client;
    private final ProgressBar.Output progress;

    HubFileFetcher(HubCache cache, HubClient client, ProgressBar.Output progress) {
        this.cache = cache;
        this.client = client;
        this.progress = progress;
    }

    CachedFile fetch(String repo, String revision, String filename) {
        FileMetadata meta = client.fileMetadata(repo, revision, filename);
        Path blob = cache.blobPath(repo, meta.etag());
        if (!Files.isRegularFile(blob)) {
            Path incomplete = cache.incompletePath(repo, meta.etag());
            client.download(meta, incomplete, progress);
            verify(meta, incomplete);
            try {
                HubCache.moveIntoPlace(incomplete, blob);
            } catch (IOException e) {
                throw new HubException("Cannot move the downloaded " + filename + " from " + incomplete + " to "
                        + blob + " (" + e.getMessage() + "). Check that the cache directory is writable.", e);
            }
        }
        Path snapshot = cache.linkIntoSnapshot(repo, meta.commit(), filename, blob);
        return new CachedFile(repo, filename, meta.commit(), snapshot);
    }

    /**
     * For LFS files the etag is the SHA-256 of the content, so a corrupt or tampered download is caught before
     * it can enter the cache. A bad file is deleted, not kept for resuming: resuming it would only repeat the
     * bad bytes.
     */
    private static void verify(FileMetadata meta, Path incomplete) {
        if (meta.etagIsSha256()) {
            String actual = Hashes.sha256Hex(incomplete, HubLimits.DOWNLOAD_BYTES,
                    HubLimits.named("DOWNLOAD_BYTES", HubLimits.DOWNLOAD_BYTES));
            if (!actual.equals(meta.etag())) {
                deleteOrExplain(incomplete);
                throw new HubException("Checksum mismatch for " + meta.filename() + " from " + meta.repo()
                        + " (commit " + meta.commit() + "): expected SHA-256 " + meta.etag() + " but the download"
                        + " has " + actual + ". Nothing was kept: the partial file was deleted and the cache is"
                        + " unchanged. Run the fetch again; if it fails the same way, the server or a proxy is"
                        + " serving different content (check HF_ENDPOINT).");
            }
        }
    }

    private static void deleteOrExplain(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new HubException("A download failed its checksum and " + file + " could not be deleted ("
                    + e.getMessage() + "). Delete it by hand before fetching again.", e);
        }
    }
}
