package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.HubUrls.display;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Hugging Face Hub calls we need, made the way huggingface_hub makes them.
 *
 * <ul>
 *   <li>{@link #repoInfo}: {@code GET {endpoint}/api/models/{repo}/revision/{rev}} for the commit and file list;</li>
 *   <li>{@link #fileMetadata}: {@code HEAD {endpoint}/{repo}/resolve/{rev}/{file}} without following the LFS
 *       redirect, because the redirect response carries the metadata (X-Linked-Etag, X-Repo-Commit...);</li>
 *   <li>{@link #download}: {@code GET} of the content, resuming a partial file with {@code Range}.</li>
 * </ul>
 *
 * <p>The hub API lives here; HTTP, redirects and errors in {@link HubHttp}, the resumable download in
 * {@link ResumableDownload}, URLs and ETags in {@link HubUrls}, the bounds in {@link HubLimits}. In offline mode
 * every call fails before any request is made.
 */
public final class HubClient {

    private final HubSettings settings;
    private final HubHttp http;
    private final ResumableDownload downloads;

    public HubClient(HubSettings settings) {
        this(settings, Duration.ofSeconds(1));
    }

    /** @param retryBackoff pause before the second and later retries of a dropped download (tests use zero) */
    public HubClient(HubSettings settings, Duration retryBackoff) {
        this(settings, retryBackoff, HubLimits.DOWNLOAD_READ_TIMEOUT);
    }

    /** @param bodyReadTimeout longest wait for the next bytes of a download's body (tests use a short one) */
    HubClient(HubSettings settings, Duration retryBackoff, Duration bodyReadTimeout) {
        this(settings, retryBackoff, bodyReadTimeout, HubLimits.UNANNOUNCED_DOWNLOAD_BYTES);
    }

    /**
     * @param unannouncedLimit most bytes written of a file whose size was not announced (tests use a small
     *     one; otherwise {@link HubLimits#UNANNOUNCED_DOWNLOAD_BYTES})
     */
    HubClient(HubSettings settings, Duration retryBackoff, Duration bodyReadTimeout, long unannouncedLimit) {
        this.settings = settings;
        this.http = new HubHttp(settings);
        this.downloads = new ResumableDownload(http, retryBackoff, bodyReadTimeout, unannouncedLimit);
    }

    /** Commit and file listing of a model repository at a revision (usually "main"). */
    public RepoInfo repoInfo(String repo, String revision) {
        HubCache.requireRepoId(repo);
        HubHttp.Target target = new HubHttp.Target(repo, null, revision);
        URI uri = HubUrls.repoInfo(settings.endpoint(), repo, revision);
        HttpResponse<String> response = http.followRedirects("GET", uri, Map.of(), BodyHandlers.ofString(), target);
        if (response.statusCode() != 200) {
            throw http.httpError(response.statusCode(), response.headers(), response.uri(), target);
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
            throw new HubException(http.redact("The repository info of " + repo + " from " + display(uri)
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
        HubHttp.Target target = new HubHttp.Target(repo, filename, revision);
        URI uri = resolveUrl(repo, revision, filename);
        // identity: a compressed response would report the wrong size and etag.
        Map<String, String> headers = Map.of("Accept-Encoding", "identity");
        HttpResponse<Void> response = http.send("HEAD", uri, headers, BodyHandlers.discarding(), target);
        for (int hops = 0; HubHttp.isRedirect(response.statusCode()); hops++) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty() || URI.create(location.get()).getHost() != null) {
                break;
            }
            if (hops >= HubLimits.REDIRECTS) {
                throw new HubException(http.redact("Too many redirects for " + filename + " in " + repo + " from "
                        + display(uri) + ". Check HF_ENDPOINT (" + settings.endpoint() + ")."));
            }
            response = http.send("HEAD", response.uri().resolve(location.get()), headers, BodyHandlers.discarding(), target);
        }
        int status = response.statusCode();
        if (status >= 400 || (status >= 300 && !HubHttp.isRedirect(status))) {
            throw http.httpError(status, response.headers(), response.uri(), target);
        }
        HttpHeaders h = response.headers();
        String commit = h.firstValue("X-Repo-Commit").orElse(null);
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubUrls::normalizeEtag)
                .orElse(null);
        if (commit == null || etag == null || etag.isEmpty()) {
            throw new HubException(http.redact("The hub answered the metadata request for " + filename + " in " + repo
                    + " (" + display(response.uri()) + ") without " + (commit == null ? "X-Repo-Commit" : "an ETag")
                    + ", so the file cannot be cached. Check HF_ENDPOINT (" + settings.endpoint()
                    + "): it must be a Hugging Face hub or a faithful mirror."));
        }
        long size = h.firstValue("X-Linked-Size").or(() -> h.firstValue("Content-Length"))
                .map(HubHttp::parseLongOrUnknown).orElse(-1L);
        URI downloadUri = HubHttp.isRedirect(status)
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
        downloads.download(meta, incomplete, progressOutput);
    }

    /** {@code {endpoint}/{repo}/resolve/{revision}/{filename}}, quoted like huggingface_hub's {@code hf_hub_url}. */
    public URI resolveUrl(String repo, String revision, String filename) {
        return HubUrls.resolve(settings.endpoint(), repo, revision, filename);
    }
}
