package io.github.driftclaims.cli;

import io.github.driftclaims.hub.HubModelResolver;
import io.github.driftclaims.hub.HubSettings;
import io.github.driftclaims.hub.ModelAlias;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fetch ALIAS}: downloads a hub model into the Hugging Face cache (shared with Python's huggingface_hub). */
@Command(name = "fetch", separator = " ",
        description = {"Downloads a hub alias (e.g. attn-only-2l, about 210 MB, resumable, SHA-256 checked) into the "
                + "Hugging Face cache; HF_HOME, HF_HUB_CACHE, HF_ENDPOINT and HF_TOKEN are honoured.",
                "Then run --model ALIAS uses it offline."})
final class FetchCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Mixin
    private HelpOption help;

    @Parameters(index = "0", paramLabel = "ALIAS", description = "attn-only-1l ... attn-only-4l")
    private String alias;

    @Override
    public Integer call() {
        ModelAlias.require(alias);
        var resolved = new HubModelResolver(HubSettings.fromSystem()).resolve(alias, true);
        PrintStream out = main.out();
        out.println("attn-only weights: " + resolved.weightsRepo() + "@" + resolved.weightsCommit());
        out.println("checkpoint: " + resolved.checkpoint() + " sha256 " + resolved.checkpointSha256());
        out.println("tokenizer: " + resolved.tokenizer());
        return 0;
    }
}
