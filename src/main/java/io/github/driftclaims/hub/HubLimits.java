package io.github.driftclaims.hub;

import io.github.driftclaims.model.Limits;
import java.time.Duration;

/**
 * The hub client's bounds: on what it downloads, on how long it waits, on the small files of the cache and the
 * token it reads. Each is checked before the work it bounds (SECURITY.md lists them with the loaders' limits).
 */
public final class HubLimits {

    private HubLimits() {}

    /**
     * Bytes of one downloaded file: the largest model the loaders accept plus 1 GiB for its header,
     * pickle and archive. A file the hub announces as larger is refused before a byte is written.
     */
    public static final long DOWNLOAD_BYTES = Limits.MODEL_BYTES + (1L << 30);

    /**
     * Bytes written of a downloaded file whose size the hub did not announce (no X-Linked-Size or
     * Content-Length). The Hugging Face hub announces every file, so only a broken or hostile mirror
     * meets this; it is 5 times attn-only-2l's checkpoint.
     */
    public static final long UNANNOUNCED_DOWNLOAD_BYTES = 1L << 30;

    /**
     * Longest wait for the next bytes of a download's body: a server that stalls mid-file is given up
     * on after this, the partial file kept and the download resumed.
     */
    public static final Duration DOWNLOAD_READ_TIMEOUT = Duration.ofSeconds(60);

    /** Attempts at one download (each resuming the last) before it fails with an error. */
    public static final int DOWNLOAD_ATTEMPTS = 5;

    /** Longest wait for a connection to the hub. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** Longest wait for a response's headers; a body can legitimately take much longer. */
    public static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

    /** Redirects followed for one request before it fails. */
    public static final int REDIRECTS = 10;

    /** A cache ref (refs/main) holds one commit hash, 40 hex digits; anything much larger is not a ref. */
    public static final int REF_BYTES = 4096;

    /**
     * Bytes of the Hugging Face token file ({@code HF_HOME/token}); a token is about 40 characters, and
     * the file is read before anything else, so a huge one must not exhaust the heap.
     */
    public static final int TOKEN_BYTES = 4096;

    /** "the limit HubLimits.NAME (value)", for messages. */
    public static String named(String name, long value) {
        return "the limit HubLimits." + name + " (" + value + ")";
    }
}
