package io.github.driftclaims.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The hub's URLs as huggingface_hub spells them, the token's origin rule, and ETags as it normalises them. */
final class HubUrls {

    private HubUrls() {}

    /** {@code {endpoint}/{repo}/resolve/{revision}/{filename}}, quoted like huggingface_hub's {@code hf_hub_url}. */
    static URI resolve(URI endpoint, String repo, String revision, String filename) {
        return URI.create(endpoint + "/" + repo + "/resolve/" + encode(revision, false) + "/" + encode(filename, true));
    }

    /** {@code {endpoint}/api/models/{repo}/revision/{revision}}: the commit and file list. */
    static URI repoInfo(URI endpoint, String repo, String revision) {
        return URI.create(endpoint + "/api/models/" + repo + "/revision/" + encode(revision, false));
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

    /** Query strings are dropped from URLs in messages: CDN links carry signatures that belong in no log. */
    static String display(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
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
}
