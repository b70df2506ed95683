package io.github.driftclaims.hub;

import io.github.driftclaims.Excerpt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk cache, laid out exactly like Python's huggingface_hub so both can share one directory:
 *
 * <pre>
 * &lt;cache&gt;/models--ORG--NAME/
 *     blobs/&lt;etag&gt;                      file content, named by etag (sha256 for LFS files)
 *     blobs/&lt;etag&gt;.incomplete           a download in progress, resumable
 *     snapshots/&lt;commit&gt;/&lt;path&gt;        relative symlink to ../../blobs/&lt;etag&gt; (a copy if links fail)
 *     refs/main                        the commit hash that "main" pointed to when last fetched
 * </pre>
 *
 * <p>This class only touches the file system; it never makes network requests.
 */
public final class HubCache {

    /** Repo ids, commits and etags become path segments: refuse anything that could escape the cache. */
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    /** What a ref holds: a git commit hash. */
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern PATH_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path root;

    public HubCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code models--ORG--NAME}, the folder name huggingface_hub uses for a model repository. */
    public static String repoFolderName(String repo) {
        requireRepoId(repo);
        return "models--" + repo.replace("/", "--");
    }

    public Path repoDir(String repo) {
        return root.resolve(repoFolderName(repo));
    }

    public Path blobPath(String repo, String etag) {
        return repoDir(repo).resolve("blobs").resolve(requireToken("etag", etag));
    }

    public Path incompletePath(String repo, String etag) {
        return repoDir(repo).resolve("blobs").resolve(requireToken("etag", etag) + ".incomplete");
    }

    public Path snapshotDir(String repo, String commit) {
        return repoDir(repo).resolve("snapshots").resolve(requireToken("commit", commit));
    }

    public Path snapshotPath(String repo, String commit, String filename) {
        return snapshotDir(repo, commit).resolve(requireRelativeFilename(filename));
    }

    public Path refPath(String repo, String ref) {
        return repoDir(repo).resolve("refs").resolve(requireToken("ref", ref));
    }

    /** The commit a ref points to, e.g. {@code refs/main}; empty when never fetched. */
    public Optional<String> readRef(String repo, String ref) {
        Path file = refPath(repo, ref);
        if (Files.isSymbolicLink(file)) {
            // huggingface_hub writes refs as plain files; a link could lead anywhere (/proc/self/environ).
            throw new HubException("The cache ref " + file + " is a link, not a file holding a commit hash; it is not"
                    + " followed. Delete it and fetch the model again.");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                // Bounded: a ref is one commit hash, and the cache may hold a planted or corrupt file.
                bytes = in.readNBytes(HubLimits.REF_BYTES + 1);
            }
            if (bytes.length > HubLimits.REF_BYTES) {
                throw new HubException("The cache ref " + file + " is more than " + HubLimits.named("REF_BYTES",
                        HubLimits.REF_BYTES) + " bytes, so it is not a commit hash. Delete it and fetch the model again.");
            }
            String commit = new String(bytes, StandardCharsets.UTF_8).strip();
            if (commit.isEmpty()) {
                return Optional.empty();
            }
            if (!COMMIT.matcher(commit).matches()) {
                // Not quoted, not even as an excerpt: a ref that is not a hash may hold anything.
                throw new HubException("The cache ref " + file + " is not a commit hash (" + bytes.length
                        + " bytes, not 40 hexadecimal digits). Delete it and fetch the model again.");
            }
            return Optional.of(commit);
        } catch (IOException e) {
            throw new HubException("Cannot read the cache ref " + file + " (" + e.getMessage()
                    + "). Fix its permissions or delete it and fetch the model again.", e);
        }
    }

    /** Writes {@code refs/<ref>} atomically, without a trailing newline, as huggingface_hub does. */
    public void writeRef(String repo, String ref, String commit) {
        requireToken("commit", commit);
        Path file = refPath(repo, ref);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ref, ".tmp");
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            moveIntoPlace(tmp, file);
        } catch (IOException e) {
            throw new HubException("Cannot write the cache ref " + file + " (" + e.getMessage()
                    + "). Check that the cache directory " + root + " is writable, or set HF_HUB_CACHE.", e);
        }
    }

    /**
     * The snapshot file if it is present and its target exists (a dangling symlink counts as absent);
     * a present one must lead to a regular file inside the cache ({@link #requireInside}).
     */
    public Optional<Path> cachedFile(String repo, String commit, String filename) {
        Path file = snapshotPath(repo, commit, filename);
        return Files.exists(file) ? Optional.of(requireInside(file)) : Optional.empty();
    }

    /**
     * Follows every symlink of a cache file and requires the end to be a regular file inside the cache
     * root: a snapshot link planted to point at /etc/passwd, a device or a named pipe is refused
     * rather than read. Returns {@code file} itself, so that messages and provenance keep its cache path.
     */
    public Path requireInside(Path file) {
        Path real;
        Path realRoot;
        try {
            real = file.toRealPath();
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new HubException("Cannot resolve the cache file " + file + " (" + e.getMessage() + "). Delete it"
                    + " and fetch the model again.", e);
        }
        if (!real.startsWith(realRoot)) {
            throw new HubException("The cache file " + file + " leads to " + real + ", outside the cache " + root
                    + "; it was not read. Delete " + file + " and fetch the model again.");
        }
        if (!Files.isRegularFile(real)) {
            throw new HubException("The cache file " + file + " leads to " + real + ", which is not a regular file;"
                    + " it was not read. Delete " + file + " and fetch the model again.");
        }
        return file;
    }

    /**
     * The etag of the blob a snapshot file links to, read from the symlink target. Empty when the snapshot
     * file is a plain copy (symlink fallback) or points outside this repository's blobs folder.
     */
    public Optional<String> blobEtag(String repo, Path snapshotFile) {
        if (!Files.isSymbolicLink(snapshotFile)) {
            return Optional.empty();
        }
        try {
            Path target = snapshotFile.getParent().resolve(Files.readSymbolicLink(snapshotFile)).normalize();
            Path blobs = repoDir(repo).resolve("blobs");
            return target.getParent() != null && target.getParent().equals(blobs)
                    ? Optional.of(target.getFileName().toString())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Files in a snapshot as repository paths ('/'-separated), sorted, so lookups are deterministic. */
    public List<String> snapshotFiles(String repo, String commit) {
        Path dir = snapshotDir(repo, commit);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new HubException("Cannot list the cached snapshot " + dir + " (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Points {@code snapshots/<commit>/<filename>} at a blob with a relative symlink, like huggingface_hub, so
     * the cache stays valid if the whole folder is moved. Where symlinks are not allowed (some Windows setups,
     * some mounted volumes) the blob is copied instead.
     */
    public Path linkIntoSnapshot(String repo, String commit, String filename, Path blob) {
        Path link = snapshotPath(repo, commit, filename);
        try {
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            try {
                Files.createSymbolicLink(link, link.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException | SecurityException e) {
                Files.copy(blob, link, StandardCopyOption.REPLACE_EXISTING);
            }
            return link;
        } catch (IOException e) {
            throw new HubException("Cannot create the snapshot file " + link + " for " + filename + " in " + repo
                    + " (" + e.getMessage() + "). Check that " + root + " is writable, or set HF_HUB_CACHE.", e);
        }
    }

    /** Atomic rename where the file system allows it, so readers never see a half-written file. */
    static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String requireRepoId(String repo) {
        if (repo == null || !REPO_ID.matcher(repo).matches() || repo.contains("..")) {
            throw new HubException(Excerpt.of(repo) + " is not a repository id of the form ORG/NAME.");
        }
        return repo;
    }

    private static String requireToken(String what, String value) {
        if (value == null || !PATH_TOKEN.matcher(value).matches() || value.contains("..")) {
            throw new HubException("Refusing " + what + " " + Excerpt.of(value) + ": it is not a plain name and could"
                    + " escape the cache directory. Is HF_ENDPOINT a Hugging Face hub?");
        }
        return value;
    }

    private static String requireRelativeFilename(String filename) {
        if (filename == null || filename.isEmpty() || filename.startsWith("/") || filename.contains("\\")
                || Stream.of(filename.split("/")).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw new HubException("Refusing repository file name " + Excerpt.of(filename)
                    + ": it must be a relative path without '.' or '..' segments.");
        }
        return filename;
    }
}
