package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.HubUrls.display;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One file's content into a partial file, resumed with {@code Range: bytes=N-} across dropped connections and
 * runs: 206 appends, 200 starts over (the server ignored the range), 416 or a 206 at the wrong offset drops the
 * partial file. Never writes more than the announced size (or, unannounced, {@link HubLimits#UNANNOUNCED_DOWNLOAD_BYTES}).
 */
final class ResumableDownload {

    private final HubHttp http;
    private final Duration retryBackoff;
    private final Duration bodyReadTimeout;
    private final long unannouncedLimit;

    /**
     * @param retryBackoff pause before the second and later retries (tests use zero)
     * @param bodyReadTimeout longest wait for the next bytes of a body (tests use a short one)
     * @param unannouncedLimit most bytes written of a file whose size was not announced
     */
    ResumableDownload(HubHttp http, Duration retryBackoff, Duration bodyReadTimeout, long unannouncedLimit) {
        this.http = http;
        this.retryBackoff = retryBackoff;
        this.bodyReadTimeout = bodyReadTimeout;
        this.unannouncedLimit = unannouncedLimit;
    }

    /** See {@link HubClient#download}. */
    void download(FileMetadata meta, Path incomplete, ProgressBar.Output progressOutput) {
        HubHttp.Target target = new HubHttp.Target(meta.repo(), meta.filename(), meta.revision());
        if (meta.size() > HubLimits.DOWNLOAD_BYTES) {
            throw new HubException(http.redact("The hub announces " + meta.size() + " bytes for " + target.describe()
                    + ", more than " + HubLimits.named("DOWNLOAD_BYTES", HubLimits.DOWNLOAD_BYTES) + ", the most a"
                    + " model file may have; nothing was downloaded. Check HF_ENDPOINT (" + endpoint()
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
        for (int attempt = 1; attempt <= HubLimits.DOWNLOAD_ATTEMPTS; attempt++) {
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
                response = http.followRedirectsOrThrow("GET", meta.downloadUri(), headers, info -> new BodyToFile(),
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
                throw http.httpError(status, response.headers(), response.uri(), target);
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
                throw new HubException(http.redact("The server sent more of " + target.describe() + " than the "
                        + meta.size() + " bytes it announced (" + display(response.uri()) + "); the download was"
                        + " stopped at the announced size, so it cannot fill the disk. The partial file " + incomplete
                        + " is kept; check HF_ENDPOINT (" + endpoint() + ")."), e);
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
        throw new HubException(http.redact("Downloading " + meta.filename() + " from " + meta.repo() + " failed "
                + HubLimits.DOWNLOAD_ATTEMPTS + " times (last error: "
                + (lastFailure == null ? "unknown" : lastFailure.getMessage()) + "). The partial file " + incomplete
                + " (" + sizeOrZero(incomplete) + " bytes) is kept; run the same command again to resume, or check the"
                + " network and HF_ENDPOINT (" + endpoint() + ")."), lastFailure);
    }

    /**
     * How many bytes this response may write: what the metadata announced (X-Linked-Size or the HEAD's
     * Content-Length) minus what is already there; with nothing announced, the GET's own Content-Length,
     * never past the unannounced limit. A Content-Length above the rest is refused before anything is written.
     */
    private long bodyLimit(FileMetadata meta, long have, HttpResponse<BodyToFile> response, HubHttp.Target target,
                           Path incomplete) {
        long contentLength = response.headers().firstValue("Content-Length").map(HubHttp::parseLongOrUnknown)
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
            throw new HubException(http.redact("The server announced " + meta.size() + " bytes for "
                    + target.describe() + " but now sends a body of " + contentLength + " bytes for the remaining "
                    + rest + " (" + display(response.uri()) + "); nothing was written. Check HF_ENDPOINT ("
                    + endpoint() + ")."));
        }
        return rest;
    }

    private HubException unannouncedTooLong(HubHttp.Target target, HttpResponse<?> response) {
        return new HubException(http.redact("The hub did not announce the size of " + target.describe() + " (no"
                + " X-Linked-Size or Content-Length) and sends more than " + HubLimits.named("UNANNOUNCED_DOWNLOAD_BYTES",
                unannouncedLimit) + ", the most written of such a file (" + display(response.uri()) + "); the"
                + " download was stopped there and the partial file deleted. Check HF_ENDPOINT ("
                + endpoint() + "): the Hugging Face hub announces every file's size."));
    }

    private java.net.URI endpoint() {
        return http.settings().endpoint();
    }

    private static void abandon(HttpResponse<BodyToFile> response) {
        if (response.body() != null) {
            response.body().cancel();
        }
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

    private static boolean contentRangeStartsAt(HttpHeaders headers, long offset) {
        // "Content-Range: bytes 1000-1999/2000"
        return headers.firstValue("Content-Range")
                .map(v -> v.strip().toLowerCase(Locale.ROOT).startsWith("bytes " + offset + "-"))
                .orElse(false);
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
}
