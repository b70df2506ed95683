package io.github.driftclaims.hub;

import static io.github.driftclaims.hub.TestRepos.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.Excerpt;
import io.github.driftclaims.SafeMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation of a Hugging Face cache as Python's huggingface_hub leaves it (issue 29: the cache layout is
 * input too; a cache may be shared, planted or half-written). Each case builds the valid layout, then changes one
 * to three of its parts: a ref's content (random bytes, a secret, an escape sequence, too long), a ref or a snapshot
 * file made a link (to a secret outside the cache, to a directory, to itself, dangling), a blob removed or emptied, a
 * snapshot or blobs folder replaced by a file. Looking the model up offline ({@code findCached}) must then find it,
 * find nothing, or refuse with a HubException, within a time bound; whatever it finds must lie inside the cache, and
 * no message may carry the planted secret or a raw control character.
 */
@DisplayName("Fuzzed Hugging Face cache layouts are read, found empty or refused, never followed out of the cache")
class CacheLayoutFuzzTest {

    private static final int CASES = Integer.getInteger("fuzz.cache", 100);
    private static final long SEED = 20261207L;
    private static final Duration CASE_BOUND = Duration.ofSeconds(2);
    private static final String SECRET = "HF_TOKEN=hf_secretsecretsecret";

    @TempDir
    Path dir;

    @Test
    @DisplayName("a hundred mutated caches: found inside the cache, not found, or refused without quoting a planted secret")
    void mutatedCachesAreReadOrRefused() throws Exception {
        Path secret = dir.resolve("environ");
        Files.writeString(secret, SECRET + "\n");
        List<String> failures = new ArrayList<>();
        int found = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            SplittableRandom rnd = new SplittableRandom(SEED + i);
            Path cache = dir.resolve("case-" + i);
            pythonCache(cache);
            StringBuilder mutation = new StringBuilder();
            for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
                mutate(rnd, cache, secret, mutation);
            }
            long start = System.nanoTime();
            try {
                Optional<ResolvedModel> model = resolver(settings(null, cache)).findCached(ALIAS);
                if (model.isPresent()) {
                    found++;
                    Path root = cache.toRealPath();
                    for (Path p : List.of(model.get().config(), model.get().checkpoint(), model.get().tokenizer())) {
                        if (!p.toRealPath().startsWith(root) || !Files.isRegularFile(p)) {
                            failures.add(i + " (" + mutation + "): found " + p + ", which leads out of the cache or to "
                                    + "no regular file");
                        }
                    }
                }
            } catch (HubException e) {
                refused++;
                String m = e.getMessage();
                Optional<String> unsafe = SafeMessages.problem(m, Excerpt.LINE_CHARS, "secretsecret");
                if (unsafe.isPresent()) {
                    failures.add(i + " (" + mutation + "): a refusal that quotes the input (" + unsafe.get() + "): "
                            + Excerpt.message(m, 300));
                }
            } catch (RuntimeException | Error e) {
                failures.add(i + " (" + mutation + "): " + e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(CASE_BOUND) > 0) {
                failures.add(i + " (" + mutation + "): took " + took.toMillis() + " ms");
            }
        }
        System.out.printf("cache fuzz: %d cases (seed %d), %d found, %d refused, the rest not found%n", CASES, SEED,
                found, refused);
        assertThat(refused).as("some mutations are refused (else the cases only test what is found)").isPositive();
        assertThat(failures).as("cases that left the cache, leaked, threw something else or hung (seed %d + index)",
                SEED).isEmpty();
    }

    /** One change to the valid layout, described in {@code mutation}. */
    private static void mutate(SplittableRandom rnd, Path cache, Path secret, StringBuilder mutation) throws IOException {
        String repo = rnd.nextBoolean() ? WEIGHTS_REPO : TOKENIZER_REPO;
        String commit = repo.equals(WEIGHTS_REPO) ? WEIGHTS_COMMIT : TOKENIZER_COMMIT;
        Path repoDir = cache.resolve("models--" + repo.replace("/", "--"));
        Path ref = repoDir.resolve("refs/main");
        Path snapshot = repoDir.resolve("snapshots").resolve(commit);
        List<Path> files;
        try (var s = Files.list(snapshot)) {
            files = s.sorted().toList();
        } catch (IOException gone) {
            files = List.of();
        }
        Path file = files.isEmpty() ? snapshot.resolve("config.json") : files.get(rnd.nextInt(files.size()));
        switch (rnd.nextInt(10)) {
            case 0 -> {
                byte[] b = new byte[rnd.nextInt(1, 200)];
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) rnd.nextInt(256);
                }
                replace(ref, () -> Files.write(ref, b));
                mutation.append(repo).append(" ref: random bytes; ");
            }
            case 1 -> {
                replace(ref, () -> Files.writeString(ref, SECRET + "\u001b[2J", StandardCharsets.UTF_8));
                mutation.append(repo).append(" ref: a secret and an escape; ");
            }
            case 2 -> {
                replace(ref, () -> Files.writeString(ref, "a".repeat(1 << 20)));
                mutation.append(repo).append(" ref: 1 MiB; ");
            }
            case 3 -> {
                replace(ref, () -> Files.createSymbolicLink(ref, secret));
                mutation.append(repo).append(" ref: a link to a secret; ");
            }
            case 4 -> {
                replace(file, () -> Files.createSymbolicLink(file, secret));
                mutation.append(file.getFileName()).append(": a link out of the cache; ");
            }
            case 5 -> {
                replace(file, () -> Files.createSymbolicLink(file, file.getFileName()));
                mutation.append(file.getFileName()).append(": a link to itself; ");
            }
            case 6 -> {
                replace(file, () -> Files.createSymbolicLink(file, cache));
                mutation.append(file.getFileName()).append(": a link to a directory; ");
            }
            case 7 -> {
                replace(file, () -> Files.createSymbolicLink(file, snapshot.resolve("no-such-blob")));
                mutation.append(file.getFileName()).append(": a dangling link; ");
            }
            case 8 -> {
                Path blobs = repoDir.resolve("blobs");
                try (var s = Files.list(blobs)) {
                    for (Path b : s.toList()) {
                        Files.write(b, new byte[0]);
                    }
                } catch (IOException gone) {
                    // already replaced by another mutation
                }
                mutation.append(repo).append(" blobs: emptied; ");
            }
            default -> {
                Path folder = rnd.nextBoolean() ? snapshot : repoDir.resolve("blobs");
                deleteTree(folder);
                Files.createDirectories(folder.getParent());
                Files.writeString(folder, "not a folder");
                mutation.append(repo).append(' ').append(folder.getFileName()).append(": a file, not a folder; ");
            }
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    /** Deletes what is at {@code p} (file, link or folder; never following a link) and writes the new thing. */
    private static void replace(Path p, Write write) throws IOException {
        if (Files.exists(p.getParent(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(p.getParent(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return; // an earlier mutation made the folder a file: nothing to put inside it
        }
        deleteTree(p);
        Files.createDirectories(p.getParent());
        write.run();
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
