package io.github.driftclaims.hub;

import java.net.URI;

/**
 * What a {@code HEAD} on the resolve URL tells us about one file, read like huggingface_hub's
 * {@code get_hf_file_metadata}.
 *
 * @param repo        the repository id
 * @param filename    the path of the file inside the repository
 * @param revision    the revision that was asked for
 * @param commit      {@code X-Repo-Commit}: the commit the file was resolved at
 * @param etag        normalized {@code X-Linked-Etag}, else {@code ETag}: the blob name in the cache
 * @param size        {@code X-Linked-Size}, else {@code Content-Length}; -1 when unknown
 * @param downloadUri where to GET the content: the redirect target for LFS files, else the resolve URL
 */
public record FileMetadata(String repo, String filename, String revision, String commit, String etag, long size,
                           URI downloadUri) {

    /**
     * For LFS files the etag is the SHA-256 of the content (64 hex digits); for small files it is a git
     * blob sha1 (40 hex digits), which is not a content hash we can check cheaply.
     */
    public boolean etagIsSha256() {
        return Hashes.isSha256Hex(etag);
    }
}
