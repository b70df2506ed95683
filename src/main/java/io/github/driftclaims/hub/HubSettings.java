package io.github.driftclaims.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The environment-driven settings of huggingface_hub, resolved once at the entry point.
 *
 * <p>Nothing below this record reads {@code System.getenv}: the environment is passed in as a map,
 * so tests can point the cache and the endpoint at temporary directories and local servers.
 *
 * @param endpoint     base URL of the hub ({@code HF_ENDPOINT}, default https://huggingface.co)
 * @param token        access token ({@code HF_TOKEN}) or {@code null}; never printed, see {@link #toString()}
 * @param offline      {@code HF_HUB_OFFLINE}: when true no HTTP request is made at all
 * @param cacheDir     the hub cache directory (the one holding {@code models--ORG--NAME})
 * @param progressBars false when {@code HF_HUB_DISABLE_PROGRESS_BARS} is set
 */
public record HubSettings(URI endpoint, String token, boolean offline, Path cacheDir, boolean progressBars) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /** The values huggingface_hub treats as "true" for boolean environment variables. */
    private static final Set<String> TRUE_VALUES = Set.of("1", "on", "yes", "true");

    public HubSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cacheDir, "cacheDir");
        if (token != null && token.isBlank()) {
            token = null;
        }
    }

    /** Settings from the real process environment; call this only at an entry point (CLI, suite setup). */
    public static HubSettings fromSystem() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Resolves settings the way huggingface_hub does.
     *
     * <p>Cache: {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE} (legacy name), else
     * {@code HF_HOME/hub}, else {@code XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
     * Token: {@code HF_TOKEN}, else {@code HUGGING_FACE_HUB_TOKEN} (legacy), else the file written by
     * {@code huggingface-cli login} ({@code HF_TOKEN_PATH}, default {@code HF_HOME/token}).
     */
    public static HubSettings fromEnvironment(Map<String, String> env, Path userHome) {
        String endpoint = nonBlank(env.get("HF_ENDPOINT"), DEFAULT_ENDPOINT);
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        URI endpointUri;
        try {
            endpointUri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new HubException("HF_ENDPOINT is not a valid URL: '" + endpoint
                    + "'. Set it to something like " + DEFAULT_ENDPOINT + " or unset it.", e);
        }
        if (endpointUri.getScheme() == null || endpointUri.getHost() == null) {
            throw new HubException("HF_ENDPOINT must be an absolute http(s) URL, got '" + endpoint
                    + "'. Set it to something like " + DEFAULT_ENDPOINT + " or unset it.");
        }

        Path hfHome = env.containsKey("HF_HOME") && !env.get("HF_HOME").isBlank()
                ? expandHome(env.get("HF_HOME"), userHome)
                : expandHome(nonBlank(env.get("XDG_CACHE_HOME"), "~/.cache"), userHome).resolve("huggingface");
        String explicitCache = nonBlank(env.get("HF_HUB_CACHE"), env.get("HUGGINGFACE_HUB_CACHE"));
        Path cacheDir = explicitCache != null && !explicitCache.isBlank()
                ? expandHome(explicitCache, userHome)
                : hfHome.resolve("hub");

        String token = nonBlank(env.get("HF_TOKEN"), env.get("HUGGING_FACE_HUB_TOKEN"));
        if (token == null || token.isBlank()) {
            Path tokenFile = env.containsKey("HF_TOKEN_PATH") && !env.get("HF_TOKEN_PATH").isBlank()
                    ? expandHome(env.get("HF_TOKEN_PATH"), userHome)
                    : hfHome.resolve("token");
            token = readTokenFile(tokenFile);
        }

        return new HubSettings(
                endpointUri,
                token == null ? null : token.strip(),
                isTrue(env.get("HF_HUB_OFFLINE")),
                cacheDir,
                !isTrue(env.get("HF_HUB_DISABLE_PROGRESS_BARS")));
    }

    /** Copy with a different cache directory (handy for tests and for an explicit --cache option). */
    public HubSettings withCacheDir(Path dir) {
        return new HubSettings(endpoint, token, offline, dir, progressBars);
    }

    /** Copy with offline mode switched on or off. */
    public HubSettings withOffline(boolean value) {
        return new HubSettings(endpoint, token, value, cacheDir, progressBars);
    }

    public boolean hasToken() {
        return token != null;
    }

    /** Redacts the token: records print all components by default, and settings end up in logs. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token == null ? "<none>" : "<set, hidden>")
                + ", offline=" + offline + ", cacheDir=" + cacheDir + ", progressBars=" + progressBars + "]";
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    private static String nonBlank(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }

    private static Path expandHome(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/")) {
            return userHome.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static String readTokenFile(Path tokenFile) {
        if (!Files.isRegularFile(tokenFile)) {
            return null;
        }
        try {
            // Bounded: the file is read on every run, before anything else, and a token is ~40 characters.
            long size = Files.size(tokenFile);
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(tokenFile)) {
                bytes = in.readNBytes(HubLimits.TOKEN_BYTES + 1);
            }
            if (size > HubLimits.TOKEN_BYTES || bytes.length > HubLimits.TOKEN_BYTES) {
                throw new HubException("The Hugging Face token file " + tokenFile + " is " + size + " bytes, more than "
                        + HubLimits.named("TOKEN_BYTES", HubLimits.TOKEN_BYTES) + "; a token is about 40 characters. Write"
                        + " the token alone into it (huggingface-cli login does), or set HF_TOKEN.");
            }
            String content = new String(bytes, StandardCharsets.UTF_8).strip();
            return content.isEmpty() ? null : content;
        } catch (IOException e) {
            // An unreadable token file is not fatal: public repos work without a token.
            return null;
        }
    }
}
