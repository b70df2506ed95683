package io.github.driftclaims.hub;

import java.nio.file.Path;

/**
 * One repository file present in the cache.
 *
 * @param repo     the repository id
 * @param filename the path of the file inside the repository
 * @param commit   the snapshot (commit) it belongs to
 * @param path     {@code snapshots/<commit>/<filename>}, usually a symlink into {@code blobs/}
 */
public record CachedFile(String repo, String filename, String commit, Path path) {
}
