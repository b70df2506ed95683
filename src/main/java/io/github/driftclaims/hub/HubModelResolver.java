package io.github.driftclaims.hub;

import io.github.driftclaims.CliCommand;
import io.github.driftclaims.model.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a TransformerLens alias ({@code attn-only-2l}) into local files: from the cache when they are there,
 * without any network request, otherwise (only when allowed) by downloading them from the hub into the same
 * cache Python's huggingface_hub uses.
 */
public final class HubModelResolver {

    public static final String CONFIG_FILE = "config.json";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String TOKENIZER_CONFIG_FILE = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_FILE = "special_tokens_map.json";
    private static final String MAIN = "main";

    private final HubSettings settings;
    private final HubCache cache;
    private final HubClient client;
    private final ProgressBar.Output progress;

    /** Progress on stderr. */
    public HubModelResolver(HubSettings settings) {
        this(settings, ProgressBar.Output.stderr());
    }

    public HubModelResolver(HubSettings settings, ProgressBar.Output progress) {
        this(settings, new HubClient(settings), progress);
    }

    public HubModelResolver(HubSettings settings, HubClient client, ProgressBar.Output progress) {
        this.settings = settings;
        this.cache = new HubCache(settings.cacheDir());
        this.client = client;
        this.progress = settings.progressBars() ? progress : ProgressBar.Output.none();
    }

    /** For tests: no pause between download retries. */
    static HubModelResolver withoutRetryPause(HubSettings settings, ProgressBar.Output progress) {
        return new HubModelResolver(settings, new HubClient(settings, Duration.ZERO), progress);
    }

    public HubCache cache() {
        return cache;
    }

    /** The shell command that downloads an alias; error messages quote it so users can copy it. */
    public static String fetchCommand(String alias) {
        return CliCommand.of("fetch " + alias);
    }

    /**
     * Resolves an alias to cached files. A complete cache entry is used as is, with no request at all (not
     * even the metadata check Python does), so runs are reproducible and work offline. Otherwise the files are
     * downloaded if {@code allowDownload} is true and {@code HF_HUB_OFFLINE} is off; if not, the error says
     * which command fetches them.
     */
    public ResolvedModel resolve(String alias, boolean allowDownload) {
        ModelAlias row = ModelAlias.require(alias);
        Lookup lookup = lookup(row);
        if (lookup.model() != null) {
            return lookup.model();
        }
        if (settings.offline()) {
            throw new HubException("Model '" + alias + "' is not in the Hugging Face cache at " + cache.root()
                    + " (" + lookup.missing() + ") and HF_HUB_OFFLINE is set, so nothing is downloaded. Unset"
                    + " HF_HUB_OFFLINE and run " + fetchCommand(alias) + " (or rerun with -Dmodel.download=true) to"
                    + " download it, or point HF_HUB_CACHE / HF_HOME at a cache that has it.");
        }
        if (!allowDownload) {
            throw new HubException("Model '" + alias + "' is not in the Hugging Face cache at " + cache.root()
                    + " (" + lookup.missing() + ") and downloading was not enabled. Run " + fetchCommand(alias)
                    + " once, or rerun with -Dmodel.download=true. To use another cache, set HF_HUB_CACHE or"
                    + " HF_HOME.");
        }
        return download(row);
    }

    /** The alias from the cache alone; never touches the network. Empty if any required file is missing. */
    public Optional<ResolvedModel> findCached(String alias) {
        return Optional.ofNullable(lookup(ModelAlias.require(alias)).model());
    }

    private ResolvedModel download(ModelAlias row) {
        HubFileFetcher fetcher = new HubFileFetcher(cache, client, progress);

        RepoInfo weights = client.repoInfo(row.weightsRepo(), MAIN);
        String checkpointName = row.selectCheckpoint(weights.filenames()).orElseThrow(() -> new HubException(
                "No file ending in '" + row.checkpointSuffix() + "' in " + row.weightsRepo() + " at commit "
                        + weights.commit() + " (files: " + preview(weights.filenames()) + "). Fix the checkpoint"
                        + " selector of '" + row.alias() + "' in ModelAlias."));
        // Ask for the commit, not "main": all files then come from the same snapshot even if main moves meanwhile.
        CachedFile config = fetcher.fetch(row.weightsRepo(), weights.commit(), CONFIG_FILE);
        CachedFile checkpoint = fetcher.fetch(row.weightsRepo(), weights.commit(), checkpointName);
        String weightsCommit = sameCommit(config, checkpoint);
        cache.writeRef(row.weightsRepo(), MAIN, weightsCommit);

        RepoInfo tokenizerInfo = client.repoInfo(row.tokenizerRepo(), MAIN);
        List<CachedFile> tokenizerFiles = new ArrayList<>();
        tokenizerFiles.add(fetcher.fetch(row.tokenizerRepo(), tokenizerInfo.commit(), TOKENIZER_FILE));
        for (String optional : List.of(TOKENIZER_CONFIG_FILE, SPECIAL_TOKENS_FILE)) {
            if (tokenizerInfo.lists(optional)) {
                tokenizerFiles.add(fetcher.fetch(row.tokenizerRepo(), tokenizerInfo.commit(), optional));
            }
        }
        String tokenizerCommit = sameCommit(tokenizerFiles.toArray(CachedFile[]::new));
        cache.writeRef(row.tokenizerRepo(), MAIN, tokenizerCommit);

        return assemble(row, weightsCommit, checkpointName, tokenizerCommit);
    }

    /** The result of looking in the cache: a model, or a description of what is missing. */
    private record Lookup(ResolvedModel model, String missing) {
        static Lookup missing(String what) {
            return new Lookup(null, what);
        }
    }

    private Lookup lookup(ModelAlias row) {
        Optional<String> weightsCommit = cache.readRef(row.weightsRepo(), MAIN);
        if (weightsCommit.isEmpty()) {
            return Lookup.missing("no " + cache.refPath(row.weightsRepo(), MAIN));
        }
        if (cache.cachedFile(row.weightsRepo(), weightsCommit.get(), CONFIG_FILE).isEmpty()) {
            return Lookup.missing("no " + cache.snapshotPath(row.weightsRepo(), weightsCommit.get(), CONFIG_FILE));
        }
        // Offline there is no repository listing, so "first" means first in sorted order among cached files;
        // a snapshot normally holds exactly the one checkpoint that was fetched.
        Optional<String> checkpointName = row.selectCheckpoint(
                cache.snapshotFiles(row.weightsRepo(), weightsCommit.get()));
        if (checkpointName.isEmpty()) {
            return Lookup.missing("no *" + row.checkpointSuffix() + " in "
                    + cache.snapshotDir(row.weightsRepo(), weightsCommit.get()));
        }
        Optional<String> tokenizerCommit = cache.readRef(row.tokenizerRepo(), MAIN);
        if (tokenizerCommit.isEmpty()) {
            return Lookup.missing("no " + cache.refPath(row.tokenizerRepo(), MAIN));
        }
        if (cache.cachedFile(row.tokenizerRepo(), tokenizerCommit.get(), TOKENIZER_FILE).isEmpty()) {
            return Lookup.missing("no " + cache.snapshotPath(row.tokenizerRepo(), tokenizerCommit.get(),
                    TOKENIZER_FILE));
        }
        return new Lookup(assemble(row, weightsCommit.get(), checkpointName.get(), tokenizerCommit.get()), null);
    }

    private ResolvedModel assemble(ModelAlias row, String weightsCommit, String checkpointName,
                                   String tokenizerCommit) {
        // Every file is checked to stay inside the cache before it is hashed or read.
        Path config = cache.requireInside(cache.snapshotPath(row.weightsRepo(), weightsCommit, CONFIG_FILE));
        Path checkpoint = cache.requireInside(cache.snapshotPath(row.weightsRepo(), weightsCommit, checkpointName));
        Path tokenizer = cache.requireInside(cache.snapshotPath(row.tokenizerRepo(), tokenizerCommit, TOKENIZER_FILE));
        Path tokenizerConfig = cache.cachedFile(row.tokenizerRepo(), tokenizerCommit, TOKENIZER_CONFIG_FILE)
                .orElse(null);

        Map<String, String> sha256 = new LinkedHashMap<>();
        String configLimit = Limits.named("CONFIG_BYTES", Limits.CONFIG_BYTES);
        sha256.put(CONFIG_FILE, Hashes.sha256Hex(config, Limits.CONFIG_BYTES, configLimit));
        sha256.put(checkpointName, checkpointSha256(row.weightsRepo(), checkpoint));
        sha256.put(TOKENIZER_FILE, Hashes.sha256Hex(tokenizer, Limits.TOKENIZER_BYTES,
                Limits.named("TOKENIZER_BYTES", Limits.TOKENIZER_BYTES)));
        if (tokenizerConfig != null) {
            sha256.put(TOKENIZER_CONFIG_FILE, Hashes.sha256Hex(tokenizerConfig, Limits.CONFIG_BYTES, configLimit));
        }
        return new ResolvedModel(row.alias(), config, checkpoint, tokenizer, tokenizerConfig, row.weightsRepo(),
                weightsCommit, row.tokenizerRepo(), tokenizerCommit, sha256);
    }

    /**
     * LFS blobs are named by their SHA-256 and were verified on download, so the name is the hash; reading a
     * few hundred MB again on every run would be wasted. A copied snapshot file (no symlink) is hashed.
     */
    private String checkpointSha256(String repo, Path checkpoint) {
        return cache.blobEtag(repo, checkpoint)
                .filter(Hashes::isSha256Hex)
                .orElseGet(() -> Hashes.sha256Hex(checkpoint, HubLimits.DOWNLOAD_BYTES,
                        HubLimits.named("DOWNLOAD_BYTES", HubLimits.DOWNLOAD_BYTES)));
    }

    private static String sameCommit(CachedFile... files) {
        String commit = files[0].commit();
        for (CachedFile file : files) {
            if (!file.commit().equals(commit)) {
                throw new HubException("The hub served " + files[0].filename() + " at commit " + commit + " but "
                        + file.filename() + " at commit " + file.commit() + " from " + file.repo()
                        + "; the repository changed during the download. Run the fetch again.");
            }
        }
        return commit;
    }

    private static String preview(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
    }
}
