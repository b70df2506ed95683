package io.github.driftclaims.hub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** The fake content of attn-only-2l's two repositories, and settings that point at a fake hub. */
final class TestRepos {

    static final String ALIAS = "attn-only-2l";
    static final String WEIGHTS_REPO = "NeelNanda/Attn_Only_2L512W_C4_Code";
    static final String TOKENIZER_REPO = "NeelNanda/gpt-neox-tokenizer-digits";
    static final String WEIGHTS_COMMIT = "1111111111111111111111111111111111111111";
    static final String TOKENIZER_COMMIT = "2222222222222222222222222222222222222222";
    static final String CHECKPOINT = "Attn_Only_2L512W_C4_Code_final.pth";

    static final String CONFIG_JSON = "{\"n_layers\": 2, \"d_model\": 512, \"attn_only\": true}";
    static final String TOKENIZER_JSON = "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\"}}";
    static final String TOKENIZER_CONFIG_JSON = "{\"bos_token\": \"<|endoftext|>\"}";
    static final String SPECIAL_TOKENS_JSON = "{\"bos_token\": \"<|endoftext|>\", \"eos_token\": \"<|endoftext|>\"}";

    /** 200 KB of seeded random bytes: big enough for several progress updates and a mid-file drop. */
    static final byte[] CHECKPOINT_BYTES = randomBytes(200 * 1024, 42);

    private TestRepos() {
    }

    /** Where huggingface_hub keeps a partial download of {@link #CHECKPOINT_BYTES} in {@code cacheDir}. */
    static Path incompleteCheckpoint(Path cacheDir) {
        return cacheDir.resolve("models--NeelNanda--Attn_Only_2L512W_C4_Code/blobs")
                .resolve(FakeHub.sha256(CHECKPOINT_BYTES) + ".incomplete");
    }

    /** What {@code hf_hub_download} leaves behind: blobs, relative symlinks, refs/main without a newline. */
    static void pythonCacheFile(Path cache, String repo, String commit, String filename, byte[] content,
                                        String etag) throws Exception {
        Path repoDir = cache.resolve("models--" + repo.replace("/", "--"));
        Path blob = repoDir.resolve("blobs").resolve(etag);
        Files.createDirectories(blob.getParent());
        Files.write(blob, content);
        Path link = repoDir.resolve("snapshots").resolve(commit).resolve(filename);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(blob));
        Files.createDirectories(repoDir.resolve("refs"));
        Files.writeString(repoDir.resolve("refs/main"), commit);
    }

    static void pythonCache(Path cache) throws Exception {
        byte[] config = CONFIG_JSON.getBytes(StandardCharsets.UTF_8);
        byte[] tokenizer = TOKENIZER_JSON.getBytes(StandardCharsets.UTF_8);
        pythonCacheFile(cache, WEIGHTS_REPO, WEIGHTS_COMMIT, "config.json", config, FakeHub.gitBlobSha1(config));
        pythonCacheFile(cache, WEIGHTS_REPO, WEIGHTS_COMMIT, CHECKPOINT, CHECKPOINT_BYTES,
                FakeHub.sha256(CHECKPOINT_BYTES));
        pythonCacheFile(cache, TOKENIZER_REPO, TOKENIZER_COMMIT, "tokenizer.json", tokenizer,
                FakeHub.gitBlobSha1(tokenizer));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Both repositories, laid out like the real ones: a decoy checkpoint, then the final one. */
    static FakeHub serveAttnOnly2l(FakeHub hub) {
        return hub.repo(WEIGHTS_REPO, WEIGHTS_COMMIT)
                .file(WEIGHTS_REPO, ".gitattributes", "*.pth filter=lfs diff=lfs merge=lfs -text\n")
                .file(WEIGHTS_REPO, "README.md", "# attn-only-2l\n")
                .lfsFile(WEIGHTS_REPO, "checkpoints/step_1000.pth", randomBytes(1024, 7))
                .lfsFile(WEIGHTS_REPO, CHECKPOINT, CHECKPOINT_BYTES)
                .file(WEIGHTS_REPO, "config.json", CONFIG_JSON)
                .repo(TOKENIZER_REPO, TOKENIZER_COMMIT)
                .file(TOKENIZER_REPO, "special_tokens_map.json", SPECIAL_TOKENS_JSON)
                .file(TOKENIZER_REPO, "tokenizer.json", TOKENIZER_JSON)
                .file(TOKENIZER_REPO, "tokenizer_config.json", TOKENIZER_CONFIG_JSON);
    }

    /** Environment for a hub at {@code hub} and a cache in {@code cacheDir}; extra pairs override. */
    static HubSettings settings(FakeHub hub, Path cacheDir, String... extraEnv) {
        Map<String, String> env = new HashMap<>();
        if (hub != null) {
            env.put("HF_ENDPOINT", hub.endpoint().toString());
        }
        env.put("HF_HUB_CACHE", cacheDir.toString());
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        // A user home inside the temp dir, so no real ~/.cache/huggingface/token is ever read.
        return HubSettings.fromEnvironment(env, cacheDir.resolve("home"));
    }

    static HubModelResolver resolver(HubSettings settings) {
        return HubModelResolver.withoutRetryPause(settings, ProgressBar.Output.none());
    }
}
