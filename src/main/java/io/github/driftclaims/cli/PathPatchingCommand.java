package io.github.driftclaims.cli;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PathPatching;
import io.github.driftclaims.interp.PathPatching.Input;
import io.github.driftclaims.interp.PathPatching.PathPatch;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.PathPatchingJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.CausalRules;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.PathMeasurements;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code path-patching} (issue 28): path patching from the patterned into the clumped run, each
 * earlier-layer head into each later head's query, key and value separately, and each head straight to the logits, as
 * the share of the logit-difference gap each path moves; claim 36's verdict (the key path into the drift heads);
 * optionally as JSON ({@link PathPatchingJson}).
 */
@picocli.CommandLine.Command(name = PathPatchingCommand.NAME, separator = " ", sortOptions = false,
        description = "Claim 36: path patching, each earlier head into each later head's q, k and v, and to the logits.")
final class PathPatchingCommand extends ExperimentCommand {

    static final String NAME = "path-patching";

    @Override
    int run(HookedTransformer model, PrintStream out) throws IOException {
        return run(model, load.label(), json, out);
    }

    static int run(HookedTransformer model, String modelName, JsonOption json, PrintStream out) throws IOException {
        List<Head> drift = OrderingsCommand.driftHeads(model);
        PathPatching p = PathPatching.measure(model);
        Finding verdict = CausalRules.keyPath(PathMeasurements.of(p, drift));
        out.printf(Locale.ROOT, "Model: %s; the drift heads (the zero sweep's top two): %s%n", modelName, drift);
        out.printf(Locale.ROOT, "clean %s (%s): logit_X - logit_Y %.4f; corrupt %s (%s): %.4f; gap %.4f%n",
                p.clean().name(), p.clean().spaced(), p.ldClean(), p.corrupt().name(), p.corrupt().spaced(),
                p.ldCorrupt(), p.ldClean() - p.ldCorrupt());
        out.println("\nShare of the gap moved by one path, (LD_patched - LD_corrupt) / (LD_clean - LD_corrupt): the "
                + "corrupt run with the sender's output from the clean run only where the receiver's input reads it");
        int layers = model.config().nLayers();
        for (int lr = 1; lr < layers; lr++) {
            for (Input in : Input.RECEIVER) {
                List<PathPatch> paths = p.paths(in, lr);
                List<Head> receivers = paths.stream().map(PathPatch::receiver).distinct().toList();
                out.printf(Locale.ROOT, "%nInto layer %d's %s input: sender \\ receiver%n%-8s", lr, in.id(), "");
                receivers.forEach(r -> out.printf(Locale.ROOT, " %8s", r));
                out.println();
                for (int i = 0; i < paths.size(); i += receivers.size()) {
                    out.printf(Locale.ROOT, "%-8s", paths.get(i).sender());
                    for (int j = 0; j < receivers.size(); j++) {
                        out.printf(Locale.ROOT, " %8.4f", paths.get(i + j).normalised());
                    }
                    out.println();
                }
            }
        }
        out.println("\nStraight to the logits (hook_resid_post of the last layer):");
        for (PathPatch d : p.direct()) {
            out.printf(Locale.ROOT, "%-8s %8.4f%n", d.sender(), d.normalised());
        }
        Tables.verdicts(out, List.of(verdict));
        json.write(PathPatchingJson.of(modelName, p, drift,
                    List.of(verdict)), out);
        return 0;
    }
}
