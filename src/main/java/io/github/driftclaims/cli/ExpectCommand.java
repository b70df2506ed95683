package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.ActivationPatching;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.VerdictNumbers;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.ExpectedClaims;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code expect}: regenerates the regression gate's record for a model from what it measures now. */
@Command(name = "expect", separator = " ", sortOptions = false,
        description = "Regenerates the regression gate's record from what the model measures now: "
                + "DIR/expected-claims.json for a model directory, fixtures/ALIAS/expected-claims.json for a hub "
                + "alias (never the Hugging Face cache).")
final class ExpectCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Mixin
    private HelpOption help;

    @CommandLine.Mixin
    private ModelOption model;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the record here instead.")
    private Path out;

    @Override
    public Integer call() {
        Path file = out != null ? out
                : model.defaultDirectory() != null ? model.defaultDirectory().resolve(ExpectedClaims.FILE_NAME)
                : ExpectedClaims.defaultFile(model.label());
        try (HookedTransformer m = ModelLoader.load(model.files(false), true)) {
            CircuitEvidence e = CircuitEvidence.measure(m);
            // Every number a verdict rests on (issue 27): the circuit evidence's, and the ablation kinds' (pair
            // drifts), the later cells by kind, the 20 orderings ablated and the drift heads' patch.
            Map<String, Double> numbers = new LinkedHashMap<>(e.numbers());
            numbers.putAll(VerdictNumbers.of(e, AblationKindsEvidence.measure(m),
                    ActivationPatching.measure(m, e.run().topK().heads())));
            new ExpectedClaims(m.files().name(), Map.of("", ExpectedClaims.DEFAULT_TOLERANCE), numbers)
                    .write(file, model.label());
            main.out().println("Wrote " + numbers.size() + " numbers to " + file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot write the record (" + e + ")"
                    + (out != null ? "; pass a writable --out" : "; pass --out FILE to write it elsewhere"), e);
        }
        return 0;
    }
}
