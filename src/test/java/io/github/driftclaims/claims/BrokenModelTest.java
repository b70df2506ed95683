package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.verdict.Verdict;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.model.Safetensors;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.report.ExpectedClaims;
import io.qameta.allure.Description;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Feature("Regression gate")
@DisplayName("A broken model is caught: the gate and the claims fail on a shuffled weight")
class BrokenModelTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} shuffled")
    @ValueSource(strings = {"blocks.0.attn.W_K", "blocks.1.attn.W_Q"})
    @DisplayName("shuffling one weight tensor of toy-induction-2l moves the gate's numbers and changes a claim's verdict")
    @Description("The suite must be able to fail. The toy model's files are copied, the values of one attention "
            + "weight are permuted with a fixed seed, and the same measurements the claims use are taken: the "
            + "regression record must report moved numbers, and at least one claim must get a different verdict "
            + "from the one expected for the intact model.")
    void shuffledWeightIsCaught(String key) throws IOException {
        Path toy = ModelUnderTest.TOY_INDUCTION.fixtureDir();
        try (Stream<Path> files = Files.list(toy)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>(Safetensors.read(dir.resolve("model.safetensors")));
        float[] w = tensors.get(key).data().clone();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = w.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = w[i];
            w[i] = w[j];
            w[j] = t;
        }
        tensors.put(key, new HostTensor(tensors.get(key).shape(), w));
        Safetensors.write(dir.resolve("model.safetensors"), tensors);

        try (HookedTransformer broken = ModelLoader.load(ModelFiles.fromDirectory(dir), true)) {
            CircuitEvidence e = CircuitEvidence.measure(broken);
            List<ExpectedClaims.Moved> moved = ExpectedClaims.read(toy.resolve("expected-claims.json")).compare(e.numbers());
            Evidence.parameter("numbers moved", moved.size());
            Evidence.parameter("drift after shuffling", e.run().baseline().drift());
            Map<Claim, Verdict> verdicts = new LinkedHashMap<>();
            Map<Claim, Verdict> changed = new LinkedHashMap<>();
            for (Finding f : Rules.all(Measurements.of(e))) {
                verdicts.put(f.claim(), f.verdict());
                if (f.verdict() != Expected.of(ModelUnderTest.TOY_INDUCTION, f.claim()).verdict()) {
                    changed.put(f.claim(), f.verdict());
                }
            }
            Evidence.parameter("verdicts", verdicts.toString());
            Evidence.parameter("verdicts that changed", changed.toString());
            assertThat(moved).extracting(ExpectedClaims.Moved::key).contains("baseline.drift");
            assertThat(changed).as("some claim verdict changes on the broken model").isNotEmpty();
        }
    }
}
