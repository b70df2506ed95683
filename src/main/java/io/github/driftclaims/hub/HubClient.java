package io.github.driftclaims.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import io.github.driftclaims.model.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few Hugging Face Hub HTTP calls we need, made the way huggingface_hub makes them.
 *
 * <ul>
 *   <li>{@link #repoInfo}: {@code GET {endpoint}/api/models/{repo}/revision/{rev}} for the commit and file list;</li>
 *   <li>{@link #fileMetadata}: {@code HEAD {endpoint}/{repo}/resolve/{rev}/{file}} without following the LFS
 *       redirect, because the redirect response carries the metadata (X-Linked-Etag, X-Repo-Commit...);</li>
 *   <li>{@link #download}: {@code GET} of the content, resuming a partial file with {@code Range}.</li>
 * </ul>
 *
 * <p>Redirects are followed by hand so that the {@code Authorization} header goes only to the configured
 * endpoint's origin, never to the CDN host LFS files redirect to. In offline mode every call fails before any
 * request is made.
 */
public final class HubClient {

    private static final int MAX_REDIRECTS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Time to the response headers; a body can legitimately take much longer. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER_AGENT = "driftclaims-hub/0.1; java/" + Runtime.version().feature();

    private final HubSettings settings;
    private final HttpClient http;
    private final Duration retryBackoff;
    private final Duration bodyReadTimeout;
    private final long unannouncedLimit;

    public HubClient(HubSettings settings) {
        this(settings, Duration.ofSeconds(1));
    }

    /** @param retryBackoff pause before the second and later retries of a dropped download (tests use zero) */
    public HubClient(HubSettings settings, Duration retryBackoff) {
        this(settings, retryBackoff, Limits.DOWNLOAD_READ_TIMEOUT);
    }

    /** @param bodyReadTimeout longest wait for the next bytes of a download's body (tests use a short one) */
    HubClient(HubSettings settings, Duration retryBackoff, Duration bodyReadTimeout) {
        this(settings, retryBackoff, bodyReadTimeout, Limits.UNANNOUNCED_DOWNLOAD_BYTES);
    }

    /**
     * @param unannouncedLimit most bytes written of a file whose size was not announced (tests use a small
     *     one; otherwise {@link Limits#UNANNOUNCED_DOWNLOAD_BYTES})
     */
    HubClient(HubSettings settings, Duration retryBackoff, Duration bodyReadTimeout, long unannouncedLimit) {
        this.unannouncedLimit = unannouncedLimit;
        this.settings = settings;
        this.retryBackoff = retryBackoff;
        this.bodyReadTimeout = bodyReadTimeout;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                // HTTP/1.1 keeps Range/resume behaviour simple and predictable across CDNs and test servers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Commit and file listing of a model repository at a revision (usually "main"). */
    public RepoInfo repoInfo(String repo, String revision) {
        HubCache.requireRepoId(repo);
        Target target = new Target(repo, null, revision);
        URI uri = URI.create(settings.endpoint() + "/api/models/" + repo + "/revision/" + encode(revision, false));
        HttpResponse<String> response = followRedirects("GET", uri, Map.of(), BodyHandlers.ofString(), target);
        if (response.statusCode() != 200) {
            throw httpError(response.statusCode(), response.headers(), response.uri(), target);
        }
        try {
            JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
            String commit = json.get("sha").getAsString();
            List<String> files = new ArrayList<>();
            JsonArray siblings = json.has("siblings") ? json.getAsJsonArray("siblings") : new JsonArray();
            for (JsonElement sibling : siblings) {
                files.add(sibling.getAsJsonObject().get("rfilename").getAsString());
            }
            return new RepoInfo(repo, commit, files);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new HubException(redact("The repository info of " + repo + " from " + display(uri)
                    + " is not the JSON the hub sends (need 'sha' and 'siblings[].rfilename'). Check HF_ENDPOINT ("
                    + settings.endpoint() + ")."), e);
        }
    }

    /**
     * Reads a file's metadata with a HEAD request, like huggingface_hub's {@code get_hf_file_metadata}: relative
     * redirects (renamed repositories) are followed, an absolute redirect (LFS content on a CDN) is not, because
     * its headers are the metadata and its target is where the content is downloaded from.
     */
    public FileMetadata fileMetadata(String repo, String revision, String filename) {
        HubCache.requireRepoId(repo);
        Target target = new Target(repo, filename, revision);
        URI uri = resolveUrl(repo, revision, filename);
        // identity: a compressed response would report the wrong size and etag.
        Map<String, String> headers = Map.of("Accept-Encoding", "identity");
        HttpResponse<Void> response = send("HEAD", uri, headers, BodyHandlers.discarding(), target);
        for (int hops = 0; isRedirect(response.statusCode()); hops++) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty() || URI.create(location.get()).getHost() != null) {
                break;
            }
            if (hops >= MAX_REDIRECTS) {
                throw new HubException(redact("Too many redirects for " + filename + " in " + repo + " from "
                        + display(uri) + ". Check HF_ENDPOINT (" + settings.endpoint() + ")."));
            }
            response = send("HEAD", response.uri().resolve(location.get()), headers, BodyHandlers.discarding(), target);
        }
        int status = response.statusCode();
        if (status >= 400 || (status >= 300 && !isRedirect(status))) {
            throw httpError(status, response.headers(), response.uri(), target);
        }
        HttpHeaders h = response.headers();
        String commit = h.firstValue("X-Repo-Commit").orElse(null);
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubClient::normalizeEtag)
                .orElse(null);
        if (commit == null || etag == null || etag.isEmpty()) {
            throw new HubException(redact("The hub answered the metadata request for " + filename + " in " + repo
                    + " (" + display(response.uri()) + ") without " + (commit == null ? "X-Repo-Commit" : "an ETag")
                    + ", so the file cannot be cached. Check HF_ENDPOINT (" + settings.endpoint()
                    + "): it must be a Hugging Face hub or a faithful mirror."));
        }
        long size = h.firstValue("X-Linked-Size").or(() -> h.firstValue("Content-Length"))
                .map(HubClient::parseLongOrUnknown).orElse(-1L);
        URI downloadUri = isRedirect(status)
                ? response.uri().resolve(h.firstValue("Location").orElseThrow())
                : response.uri();
        return new FileMetadata(repo, filename, revision, commit, etag, size, downloadUri);
    }

    /**
     * Downloads a file's content into {@code incomplete}, appending to what is already there with a
     * {@code Range: bytes=N-} request. A dropped connection is retried (and resumed) a few times; a server that
     * ignores the range (200 instead of 206) makes us start over. The file is left in place on failure so the
     * next run resumes it. Checking the content and moving it into the cache is the caller's job.
     */
    public void download(FileMetadata meta, Path incomplete, ProgressBar.Output progressOutput) {
        Target target = new Target(meta.repo(), meta.filename(), meta.revision());
        if (meta.size() > Limits.DOWNLOAD_BYTES) {
            throw new HubException(redact("The hub announces " + meta.size() + " bytes for " + target.describe()
                    + ", more than " + Limits.named("DOWNLOAD_BYTES", Limits.DOWNLOAD_BYTES) + ", the most a"
                    + " model file may have; nothing was downloaded. Check HF_ENDPOINT (" + settings.endpoint()
                    + ") and the repository."));
        }
        if (Files.exists(incomplete, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(incomplete, LinkOption.NOFOLLOW_LINKS)) {
            // Our own file name, but a link (writing through it would write outside the cache) or a pipe
            // (opening it would block): not a partial download, so it goes.
            deleteQuietly(incomplete);
        }
        long have = sizeOrZero(incomplete);
        ProgressBar bar = progressOutput.start(meta.filename(), meta.size(), have);
        IOException lastFailure = null;
        try {
            Files.createDirectories(incomplete.getParent());
        } catch (IOException e) {
            throw new HubException("Cannot create " + incomplete.getParent() + " (" + e.getMessage()
                    + "). Check that the cache directory is writable, or set HF_HUB_CACHE.", e);
        }
        for (int attempt = 1; attempt <= Limits.DOWNLOAD_ATTEMPTS; attempt++) {
            if (have > 0 && have == meta.size()) {
                bar.finish();
                return; // a previous attempt (or run) already got everything
            }
            if (meta.size() >= 0 && have > meta.size()) {
                deleteQuietly(incomplete); // longer than the file: not a prefix of it, start over
                have = 0;
                bar.restart();
            }
            pauseBeforeRetry(attempt);
            Map<String, String> headers = have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of();
            HttpResponse<BodyToFile> response;
            try {
                response = followRedirectsOrThrow("GET", meta.downloadUri(), headers, info -> new BodyToFile(),
                        target);
            } catch (IOException e) {
                lastFailure = e;
                continue;
            }
            int status = response.statusCode();
            boolean append;
            if (status == 206 && contentRangeStartsAt(response.headers(), have)) {
                append = true;
            } else if (status == 200) {
                append = false; // the server ignored the range: it is sending the whole file again
                have = 0;
                bar.restart();
            } else if (status == 206 || status == 416) {
                // The server does not accept our partial file as a prefix; drop it and start from zero.
                abandon(response);
                deleteQuietly(incomplete);
                have = 0;
                bar.restart();
                continue;
            } else {
                abandon(response);
                throw httpError(status, response.headers(), response.uri(), target);
            }
            long limit = bodyLimit(meta, have, response, target, incomplete);
            boolean streamEnded = false;
            BodyToFile body = response.body();
            try (FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS)) {
                body.start(out, limit, bar::advance);
                body.await(bodyReadTimeout);
                streamEnded = true;
            } catch (BodyToFile.Overflow e) {
                if (meta.size() < 0) {
                    deleteQuietly(incomplete); // over the cap: resuming it could never succeed
                    throw unannouncedTooLong(target, response);
                }
                throw new HubException(redact("The server sent more of " + target.describe() + " than the "
                        + meta.size() + " bytes it announced (" + display(response.uri()) + "); the download was"
                        + " stopped at the announced size, so it cannot fill the disk. The partial file " + incomplete
                        + " is kept; check HF_ENDPOINT (" + settings.endpoint() + ")."), e);
            } catch (IOException e) {
                lastFailure = e; // connection dropped or stalled mid-file: keep what arrived and resume
            } finally {
                body.cancel();
            }
            have = sizeOrZero(incomplete);
            // With a known size, only the full size counts; without one, a clean end of stream is all we can check.
            if (meta.size() >= 0 ? have == meta.size() : streamEnded) {
                bar.finish();
                return;
            }
            if (streamEnded) {
                lastFailure = new IOException("the response ended after " + have + " of " + meta.size() + " bytes");
            }
        }
        throw new HubException(redact("Downloading " + meta.filename() + " from " + meta.repo() + " failed "
                + Limits.DOWNLOAD_ATTEMPTS + " times (last error: " + (lastFailure == null ? "unknown" : lastFailure.getMessage())
                + "). The partial file " + incomplete + " (" + sizeOrZero(incomplete) + " bytes) is kept;"
                + " run the same command again to resume, or check the network and HF_ENDPOINT (" + settings.endpoint()
                + ")."), lastFailure);
    }

    /**
     * How many bytes this response may write: what the metadata announced (X-Linked-Size or the HEAD's
     * Content-Length) minus what is already there; with nothing announced, the GET's own Content-Length,
     * never past {@link Limits#UNANNOUNCED_DOWNLOAD_BYTES}. A Content-Length above the rest is refused
     * before anything is written.
     */
    private long bodyLimit(FileMetadata meta, long have, HttpResponse<BodyToFile> response, Target target,
                           Path incomplete) {
        long contentLength = response.headers().firstValue("Content-Length").map(HubClient::parseLongOrUnknown)
                .orElse(-1L);
        if (meta.size() < 0) {
            // Nothing announced: a body may be as long as its own Content-Length, and never past the cap.
            long rest = Math.max(0, unannouncedLimit - have);
            if (contentLength > rest) {
                abandon(response);
                deleteQuietly(incomplete);
                throw unannouncedTooLong(target, response);
            }
            return contentLength >= 0 ? contentLength : rest;
        }
        long rest = meta.size() - have;
        if (contentLength > rest) {
            abandon(response);
            throw new HubException(redact("The server announced " + meta.size() + " bytes for " + target.describe()
                    + " but now sends a body of " + contentLength + " bytes for the remaining " + rest + " ("
                    + display(response.uri()) + "); nothing was written. Check HF_ENDPOINT (" + settings.endpoint()
                    + ")."));
        }
        return rest;
    }

    private HubException unannouncedTooLong(Target target, HttpResponse<?> response) {
        return new HubException(redact("The hub did not announce the size of " + target.describe() + " (no"
                + " X-Linked-Size or Content-Length) and sends more than " + Limits.named("UNANNOUNCED_DOWNLOAD_BYTES",
                unannouncedLimit) + ", the most written of such a file (" + display(response.uri()) + "); the"
                + " download was stopped there and the partial file deleted. Check HF_ENDPOINT ("
                + settings.endpoint() + "): the Hugging Face hub announces every file's size."));
    }

    private static void abandon(HttpResponse<BodyToFile> response) {
        if (response.body() != null) {
            response.body().cancel();
        }
    }

    /** {@code {endpoint}/{repo}/resolve/{revision}/{filename}}, quoted like huggingface_hub's {@code hf_hub_url}. */
    public URI resolveUrl(String repo, String revision, String filename) {
        return URI.create(settings.endpoint() + "/" + repo + "/resolve/" + encode(revision, false) + "/"
                + encode(filename, true));
    }

    private <T> HttpResponse<T> followRedirects(String method, URI uri, Map<String, String> headers,
                                                BodyHandler<T> handler, Target target) {
        try {
            return followRedirectsOrThrow(method, uri, headers, handler, target);
        } catch (IOException e) {
            throw networkError(uri, target, e);
        }
    }

    /** Follows redirects by hand: {@link #send} decides per hop whether the token may be sent. */
    private <T> HttpResponse<T> followRedirectsOrThrow(String method, URI uri, Map<String, String> headers,
                                                       BodyHandler<T> handler, Target target) throws IOException {
        URI current = uri;
        for (int hops = 0; hops <= MAX_REDIRECTS; hops++) {
            HttpResponse<T> response = sendOrThrow(method, current, headers, handler);
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            current = response.uri().resolve(location.get());
        }
        throw new HubException(redact("Too many redirects fetching " + target.describe() + " from " + display(uri)
                + ". Check HF_ENDPOINT (" + settings.endpoint() + ")."));
    }

    private <T> HttpResponse<T> send(String method, URI uri, Map<String, String> headers, BodyHandler<T> handler,
                                     Target target) {
        try {
            return sendOrThrow(method, uri, headers, handler);
        } catch (IOException e) {
            throw networkError(uri, target, e);
        }
    }

    private <T> HttpResponse<T> sendOrThrow(String method, URI uri, Map<String, String> headers,
                                            BodyHandler<T> handler) throws IOException {
        if (settings.offline()) {
            // Defence in depth: callers check offline mode first, but no code path may reach the network.
            throw new HubException("HF_HUB_OFFLINE is set, so no request to " + display(uri)
                    + " was made. Unset HF_HUB_OFFLINE to allow downloads.");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(HEADERS_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        if (settings.hasToken() && sameOrigin(uri, settings.endpoint())) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        try {
            // Only successful bodies are read; redirect and error bodies are discarded so streams never leak.
            return http.send(request.build(), info -> info.statusCode() / 100 == 2
                    ? handler.apply(info)
                    : BodySubscribers.replacing(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("Interrupted while requesting " + display(uri) + ".", e);
        }
    }

    private HubException httpError(int status, HttpHeaders headers, URI uri, Target target) {
        String errorCode = headers.firstValue("X-Error-Code").orElse("");
        String serverMessage = headers.firstValue("X-Error-Message").map(m -> " The hub says: " + m).orElse("");
        String where = target.describe() + " (HTTP " + status + " from " + display(uri) + ").";
        String message;
        if (status == 401 || status == 403 || errorCode.equals("GatedRepo")) {
            message = "Access denied to " + where + " The repository " + target.repo()
                    + " may be gated or private (the hub also answers 401 for a repository that does not exist). "
                    + (settings.hasToken()
                    ? "The HF_TOKEN that was sent was refused or lacks read access: check it, and accept the"
                    + " repository's terms at https://huggingface.co/" + target.repo() + " if it is gated."
                    : "Set HF_TOKEN to a Hugging Face access token with read access (and accept the repository's"
                    + " terms at https://huggingface.co/" + target.repo() + " if it is gated).");
        } else if (status == 404) {
            String what = switch (errorCode) {
                case "RepoNotFound" -> "Repository " + target.repo() + " was not found";
                case "RevisionNotFound" -> "Revision " + target.revision() + " of " + target.repo() + " was not found";
                case "EntryNotFound" -> "File " + target.filename() + " was not found in " + target.repo()
                        + " at revision " + target.revision();
                default -> "Not found";
            };
            message = what + ": " + where + " Check the repository and file names in ModelAlias, and HF_ENDPOINT ("
                    + settings.endpoint() + ").";
        } else {
            message = "Unexpected answer for " + where + " Retry later; if it persists check HF_ENDPOINT ("
                    + settings.endpoint() + ").";
        }
        return new HubException(redact(message + serverMessage));
    }

    private HubException networkError(URI uri, Target target, IOException e) {
        return new HubException(redact("Cannot reach the hub for " + target.describe() + " at " + display(uri)
                + " (" + e + "). Check the network and HF_ENDPOINT (" + settings.endpoint() + "), or set"
                + " HF_HUB_OFFLINE=1 to use only the local cache."), e);
    }

    /** The token must never end up in a message, even if a server echoes it back. */
    private String redact(String message) {
        return settings.hasToken() ? message.replace(settings.token(), "<HF_TOKEN>") : message;
    }

    private void pauseBeforeRetry(int attempt) {
        if (attempt <= 2 || retryBackoff.isZero()) {
            return; // the first retry is immediate: a dropped connection usually resumes fine at once
        }
        try {
            Thread.sleep(retryBackoff.toMillis() * (attempt - 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("Interrupted while waiting to retry a download.", e);
        }
    }

    /** huggingface_hub strips the weak marker and the quotes: {@code W/"abc"} becomes {@code abc}. */
    static String normalizeEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Whether the token may go to this URI: same scheme, host and port as the endpoint. */
    static boolean sameOrigin(URI uri, URI endpoint) {
        return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(endpoint.getScheme())
                && uri.getHost() != null && uri.getHost().equalsIgnoreCase(endpoint.getHost())
                && effectivePort(uri) == effectivePort(endpoint);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean contentRangeStartsAt(HttpHeaders headers, long offset) {
        // "Content-Range: bytes 1000-1999/2000"
        return headers.firstValue("Content-Range")
                .map(v -> v.strip().toLowerCase(Locale.ROOT).startsWith("bytes " + offset + "-"))
                .orElse(false);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static long parseLongOrUnknown(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next write truncates it anyway.
        }
    }

    /** Query strings are dropped from URLs in messages: CDN links carry signatures that belong in no log. */
    private static String display(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    /** Percent-encodes like Python's {@code urllib.parse.quote}; '/' is kept only for file paths. */
    static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/');
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** What a request is about, for error messages. */
    private record Target(String repo, String filename, String revision) {
        String describe() {
            return filename == null
                    ? "the file list of " + repo + " at revision " + revision
                    : filename + " in " + repo + " at revision " + revision;
        }
    }
}
