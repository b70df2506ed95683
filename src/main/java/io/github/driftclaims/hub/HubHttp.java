package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.HubUrls.display;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP to the hub: one request at a time, redirects followed by hand so that the {@code Authorization} header goes
 * only to the configured endpoint's origin (never to the CDN host LFS files redirect to), offline mode refused
 * before any request, and every failure turned into a {@link HubException} that says what to do, with the token
 * redacted.
 */
final class HubHttp {

    private static final String USER_AGENT = "driftclaims-hub/0.1; java/" + Runtime.version().feature();

    private final HubSettings settings;
    private final HttpClient http;

    HubHttp(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(HubLimits.CONNECT_TIMEOUT)
                // HTTP/1.1 keeps Range/resume behaviour simple and predictable across CDNs and test servers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** What a request is about, for error messages. */
    record Target(String repo, String filename, String revision) {
        String describe() {
            return filename == null
                    ? "the file list of " + repo + " at revision " + revision
                    : filename + " in " + repo + " at revision " + revision;
        }
    }

    HubSettings settings() {
        return settings;
    }

    <T> HttpResponse<T> followRedirects(String method, URI uri, Map<String, String> headers, BodyHandler<T> handler,
                                        Target target) {
        try {
            return followRedirectsOrThrow(method, uri, headers, handler, target);
        } catch (IOException e) {
            throw networkError(uri, target, e);
        }
    }

    /** Follows redirects by hand: {@link #send} decides per hop whether the token may be sent. */
    <T> HttpResponse<T> followRedirectsOrThrow(String method, URI uri, Map<String, String> headers,
                                               BodyHandler<T> handler, Target target) throws IOException {
        URI current = uri;
        for (int hops = 0; hops <= HubLimits.REDIRECTS; hops++) {
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

    <T> HttpResponse<T> send(String method, URI uri, Map<String, String> headers, BodyHandler<T> handler,
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
                .timeout(HubLimits.HEADERS_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        if (settings.hasToken() && HubUrls.sameOrigin(uri, settings.endpoint())) {
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

    HubException httpError(int status, HttpHeaders headers, URI uri, Target target) {
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
    String redact(String message) {
        return settings.hasToken() ? message.replace(settings.token(), "<HF_TOKEN>") : message;
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** A numeric header's value, or -1 when it is not a number. */
    static long parseLongOrUnknown(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
