package io.github.driftclaims.cli;

import io.github.driftclaims.interp.ActivationPatching;
import io.github.driftclaims.interp.ActivationPatching.Component;
import io.github.driftclaims.interp.ActivationPatching.Direction;
import io.github.driftclaims.interp.ActivationPatching.Patch;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.PatchingJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.PatchingMeasurements;
import io.github.driftclaims.verdict.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code patching}: claim 29 on one model (issue 28): activation patching between the patterned and
 * the clumped ordering, both directions, per head (hook_z), for the drift heads together, per layer and position of the
 * residual stream and per head's attention pattern (hook_pattern), as the share of the logit-difference gap each patch
 * moves; the verdict; optionally as JSON ({@link PatchingJson}).
 */
@picocli.CommandLine.Command(name = PatchingCommand.NAME, separator = " ", sortOptions = false,
        description = "Claim 29: activation patching between the patterned and clumped orderings, both directions, per head and per residual layer and position.")
final class PatchingCommand extends ExperimentCommand {

    static final String NAME = "patching";

    @Override
    int run(HookedTransformer model, PrintStream out) throws IOException {
        return run(model, load.label(), json, out);
    }

    static int run(HookedTransformer model, String modelName, JsonOption json, PrintStream out) throws IOException {
        List<Head> heads = OrderingsCommand.driftHeads(model);
        ActivationPatching p = ActivationPatching.measure(model, heads);
        Finding verdict = Rules.patchingTransfers(PatchingMeasurements.of(p));
        Patch pair = p.driftHeadsPatch(Direction.DENOISING);
        out.printf(Locale.ROOT, "Model: %s; the drift heads (the zero sweep's top two): %s%n", modelName, heads);
        out.printf(Locale.ROOT, "clean %s (%s): logit_X - logit_Y %.4f; corrupt %s (%s): %.4f; gap %.4f%n",
                p.clean().name(), p.clean().spaced(), pair.ldSource(), p.corrupt().name(), p.corrupt().spaced(),
                pair.ldBase(), pair.ldSource() - pair.ldBase());
        out.println("\nShare of the gap moved, (LD_patched - LD_run) / (LD_source - LD_run): denoising runs the corrupt "
                + "prompt with the clean run's activation, noising the reverse");
        out.printf(Locale.ROOT, "%-14s %23s %25s%n", "", "hook_z (output)", "hook_pattern (attention)");
        out.printf(Locale.ROOT, "%-14s %11s %11s %12s %12s%n", "head", "denoising", "noising", "denoising", "noising");
        List<Patch> den = p.patches(Direction.DENOISING, Component.HEAD);
        List<Patch> noi = p.patches(Direction.NOISING, Component.HEAD);
        List<Patch> denP = p.patches(Direction.DENOISING, Component.PATTERN);
        List<Patch> noiP = p.patches(Direction.NOISING, Component.PATTERN);
        for (int i = 0; i < den.size(); i++) {
            out.printf(Locale.ROOT, "%-14s %11.4f %11.4f %12.4f %12.4f%n", den.get(i).label(), den.get(i).normalised(),
                    noi.get(i).normalised(), denP.get(i).normalised(), noiP.get(i).normalised());
        }
        out.printf(Locale.ROOT, "%-14s %11.4f %11.4f%n", pair.label(), pair.normalised(),
                p.driftHeadsPatch(Direction.NOISING).normalised());
        for (Direction d : Direction.values()) {
            residual(out, p, d);
        }
        Tables.verdicts(out, List.of(verdict));
        json.write(PatchingJson.of(modelName, p, List.of(verdict)), out);
        return 0;
    }

    /** The residual stream's layer x position grid of one direction. */
    private static void residual(PrintStream out, ActivationPatching p, Direction d) {
        List<Patch> rows = p.patches(d, Component.RESIDUAL);
        int positions = (int) rows.stream().filter(r -> r.layer() == 0).count();
        out.printf(Locale.ROOT, "%nResidual stream, %s: share of the gap moved by one position%n", d.id());
        out.printf(Locale.ROOT, "%-28s", "hook \\ position");
        for (int pos = 0; pos < positions; pos++) {
            out.printf(Locale.ROOT, " %7d", pos);
        }
        out.println();
        for (int start = 0; start < rows.size(); start += positions) {
            out.printf(Locale.ROOT, "%-28s", rows.get(start).hook());
            for (int pos = 0; pos < positions; pos++) {
                out.printf(Locale.ROOT, " %7.3f", rows.get(start + pos).normalised());
            }
            out.println();
        }
    }
}
