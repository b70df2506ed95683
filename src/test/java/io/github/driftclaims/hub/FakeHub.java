package io.github.driftclaims.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny stand-in for the Hugging Face Hub on 127.0.0.1, serving byte arrays given by the test.
 *
 * <p>It speaks the parts of the hub protocol huggingface_hub relies on: the revision API with {@code sha} and
 * {@code siblings}, {@code resolve} URLs that answer small files directly (ETag = git blob sha1) and redirect LFS
 * files to a blob URL (X-Linked-Etag = sha256, X-Linked-Size, X-Repo-Commit), and Range requests on blobs. It
 * records every request, and can misbehave on demand: drop a connection mid-file, ignore Range, lie about a
 * checksum, or answer 401/404.
 */
final class FakeHub implements AutoCloseable {

    /** One request as the server saw it; header names are lowercased. */
    record Request(String method, String path, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record Repo(String commit, Map<String, HostedFile> files) {
    }

    private record HostedFile(byte[] content, boolean lfs, String claimedSha256) {
    }

    private record Failure(int status, String errorCode) {
    }

    private static final Pattern API = Pattern.compile("/api/models/([^/]+/[^/]+)/revision/([^/]+)");
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern BLOB = Pattern.compile("/lfs/([0-9a-f]+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Integer> dropAfterBytes = new ConcurrentHashMap<>();
    private final Map<String, Integer> stallAfterBytes = new ConcurrentHashMap<>();
    private final Map<String, Integer> stallsLeft = new ConcurrentHashMap<>();
    private final Map<String, Integer> extraBytes = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    /** Small files served without a size: "repo/filename" to the zero bytes sent after the content. */
    private final Map<String, Integer> unannounced = new ConcurrentHashMap<>();
    /** LFS files whose X-Linked-Size is not their length: "repo/filename" to the size announced. */
    private final Map<String, Long> announcedSizes = new ConcurrentHashMap<>();
    private volatile FakeHub blobHost = this;
    private volatile boolean ignoreRange;
    private volatile boolean weakEtags;

    static {
        // Without TCP_NODELAY every small response waits ~40 ms on Nagle + delayed ACK; read once by the JDK server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeHub start() {
        try {
            return new FakeHub();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake hub on 127.0.0.1", e);
        }
    }

    /** Use as HF_ENDPOINT. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Declares a repository whose "main" is {@code commit}; files are listed in the order they are added. */
    FakeHub repo(String repo, String commit) {
        repos.put(repo, new Repo(commit, new LinkedHashMap<>()));
        return this;
    }

    /** A small (non-LFS) file, served directly from the resolve URL. */
    FakeHub file(String repo, String filename, byte[] content) {
        return put(repo, filename, new HostedFile(content, false, null));
    }

    FakeHub file(String repo, String filename, String content) {
        return file(repo, filename, content.getBytes(StandardCharsets.UTF_8));
    }

    /** An LFS file: resolve redirects to the blob host, X-Linked-Etag is its SHA-256. */
    FakeHub lfsFile(String repo, String filename, byte[] content) {
        return put(repo, filename, new HostedFile(content, true, sha256(content)));
    }

    /** An LFS file whose advertised SHA-256 is not the one of the bytes served: a corrupt mirror. */
    FakeHub lfsFileWithWrongSha256(String repo, String filename, byte[] content, String claimedSha256) {
        return put(repo, filename, new HostedFile(content, true, claimedSha256));
    }

    /** Serve LFS content from another server (another port counts as another host for the client). */
    FakeHub redirectLfsTo(FakeHub other) {
        blobHost = other;
        repos.values().forEach(r -> r.files().values().stream().filter(HostedFile::lfs)
                .forEach(f -> other.blobs.put(sha256(f.content()), f.content())));
        return this;
    }

    /** The first GET of this LFS file's blob sends {@code bytes} bytes of the body, then drops the connection. */
    FakeHub dropConnectionOnFirstDownload(String repo, String filename, int bytes) {
        blobHost.dropAfterBytes.put(sha256(repos.get(repo).files().get(filename).content()), bytes);
        return this;
    }

    /**
     * The next {@code times} GETs of this LFS file's blob send {@code bytes} bytes of the body, then
     * hold the connection open without sending more, until the server stops.
     */
    FakeHub stallDownloads(String repo, String filename, int bytes, int times) {
        String id = sha256(repos.get(repo).files().get(filename).content());
        blobHost.stallAfterBytes.put(id, bytes);
        blobHost.stallsLeft.put(id, times);
        return this;
    }

    /** Every GET of this LFS file's blob sends the file, then {@code extra} more bytes, without a Content-Length. */
    FakeHub sendPastAnnouncedSize(String repo, String filename, int extra) {
        blobHost.extraBytes.put(sha256(repos.get(repo).files().get(filename).content()), extra);
        return this;
    }

    /**
     * This small file's HEAD announces no size (no Content-Length) and its GET sends the content, then
     * {@code extra} zero bytes, chunked: a mirror that never says how long a file is.
     */
    FakeHub unannouncedSize(String repo, String filename, int extra) {
        unannounced.put(repo + "/" + filename, extra);
        return this;
    }

    /** This LFS file's X-Linked-Size announces {@code size} bytes, whatever its length. */
    FakeHub announceSize(String repo, String filename, long size) {
        announcedSizes.put(repo + "/" + filename, size);
        return this;
    }

    /** Answer Range requests on blobs with a full 200, as some proxies do. */
    FakeHub ignoreRangeRequests() {
        blobHost.ignoreRange = true;
        return this;
    }

    /** Send small files' ETags in the weak form {@code W/"..."}, as some proxies rewrite them. */
    FakeHub weakEtags() {
        weakEtags = true;
        return this;
    }

    /** Every request about {@code repo} gets this status, with the hub's X-Error-Code header. */
    FakeHub failRepo(String repo, int status, String errorCode) {
        failures.put(repo, new Failure(status, errorCode));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The etag the hub gives small files: git's blob sha1. */
    static String gitBlobSha1(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private FakeHub put(String repo, String filename, HostedFile file) {
        repos.get(repo).files().put(filename, file);
        if (file.lfs()) {
            blobHost.blobs.put(sha256(file.content()), file.content());
        }
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path, headers));
        try (exchange) {
            Matcher m;
            if ((m = API.matcher(path)).matches()) {
                repoInfo(exchange, m.group(1));
            } else if ((m = RESOLVE.matcher(path)).matches()) {
                resolve(exchange, m.group(1), URI.create(m.group(3)).getPath());
            } else if ((m = BLOB.matcher(path)).matches()) {
                blob(exchange, m.group(1));
            } else {
                send(exchange, 404, new byte[0]);
            }
        }
    }

    private void repoInfo(HttpExchange exchange, String repoId) throws IOException {
        Repo repo = repos.get(repoId);
        if (failed(exchange, repoId)) {
            return;
        }
        if (repo == null) {
            exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
            send(exchange, 404, new byte[0]);
            return;
        }
        JsonObject json = new JsonObject();
        json.addProperty("id", repoId);
        json.addProperty("sha", repo.commit());
        JsonArray siblings = new JsonArray();
        repo.files().keySet().forEach(name -> {
            JsonObject sibling = new JsonObject();
            sibling.addProperty("rfilename", name);
            siblings.add(sibling);
        });
        json.add("siblings", siblings);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void resolve(HttpExchange exchange, String repoId, String filename) throws IOException {
        if (failed(exchange, repoId)) {
            return;
        }
        Repo repo = repos.get(repoId);
        HostedFile file = repo == null ? null : repo.files().get(filename);
        if (file == null) {
            exchange.getResponseHeaders().set("X-Error-Code", repo == null ? "RepoNotFound" : "EntryNotFound");
            send(exchange, 404, new byte[0]);
            return;
        }
        Headers out = exchange.getResponseHeaders();
        out.set("X-Repo-Commit", repo.commit());
        if (file.lfs()) {
            out.set("X-Linked-Etag", "\"" + file.claimedSha256() + "\"");
            out.set("X-Linked-Size", Long.toString(announcedSizes.getOrDefault(repoId + "/" + filename,
                    (long) file.content().length)));
            out.set("ETag", "\"" + file.claimedSha256() + "\"");
            out.set("Location", blobHost.endpoint() + "/lfs/" + sha256(file.content()) + "?signature=abc");
            exchange.sendResponseHeaders(302, -1);
        } else {
            out.set("ETag", (weakEtags ? "W/" : "") + "\"" + gitBlobSha1(file.content()) + "\"");
            Integer extra = unannounced.get(repoId + "/" + filename);
            if (extra == null) {
                send(exchange, 200, file.content());
            } else if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1); // no Content-Length on a HEAD unless set by hand
            } else {
                exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length
                OutputStream body = exchange.getResponseBody();
                body.write(file.content());
                byte[] zeros = new byte[64 * 1024];
                for (int left = extra; left > 0; left -= zeros.length) {
                    body.write(zeros, 0, Math.min(left, zeros.length));
                }
            }
        }
    }

    private void blob(HttpExchange exchange, String id) throws IOException {
        byte[] content = blobs.get(id);
        if (content == null) {
            send(exchange, 404, new byte[0]);
            return;
        }
        Integer dropAfter = dropAfterBytes.remove(id);
        if (dropAfter != null && exchange.getRequestMethod().equals("GET")) {
            exchange.sendResponseHeaders(200, content.length);
            OutputStream body = exchange.getResponseBody();
            body.write(content, 0, dropAfter);
            body.flush();
            // Kill the connection with the body unfinished, like a network failure mid-download.
            throw new IOException("fake hub: dropping the connection after " + dropAfter + " bytes");
        }
        Integer stallAfter = stallAfterBytes.get(id);
        if (stallAfter != null && exchange.getRequestMethod().equals("GET")
                && stallsLeft.merge(id, -1, Integer::sum) >= 0) {
            exchange.sendResponseHeaders(200, content.length);
            OutputStream body = exchange.getResponseBody();
            body.write(content, 0, stallAfter);
            body.flush();
            try {
                Thread.sleep(60_000); // interrupted when the server stops
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("fake hub: stalled connection closed");
        }
        Integer extra = extraBytes.get(id);
        if (extra != null && exchange.getRequestMethod().equals("GET")) {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to hold the client to
            OutputStream body = exchange.getResponseBody();
            body.write(content);
            body.write(new byte[extra]);
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null && !ignoreRange) {
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            if (!m.matches() || Integer.parseInt(m.group(1)) >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                send(exchange, 416, new byte[0]);
                return;
            }
            int from = Integer.parseInt(m.group(1));
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            byte[] rest = new byte[content.length - from];
            System.arraycopy(content, from, rest, 0, rest.length);
            send(exchange, 206, rest);
            return;
        }
        send(exchange, 200, content);
    }

    private boolean failed(HttpExchange exchange, String repoId) throws IOException {
        Failure failure = failures.get(repoId);
        if (failure == null) {
            return false;
        }
        exchange.getResponseHeaders().set("X-Error-Code", failure.errorCode());
        send(exchange, failure.status(), new byte[0]);
        return true;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** The names of the files in a repository, in listing order. */
    List<String> listing(String repo) {
        return new ArrayList<>(repos.get(repo).files().keySet());
    }
}
