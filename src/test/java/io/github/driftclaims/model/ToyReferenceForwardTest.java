package io.github.driftclaims.model;

import io.github.driftclaims.ReportGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped toy model against its golden-forward.json, written by tools/golden/toy_goldens.py: an
 * independent PyTorch re-implementation of TransformerLens's weight processing and forward pass (not
 * TransformerLens itself), with its own safetensors reader and byte-level BPE. A disagreement is a bug in
 * one of the two implementations, whichever model it shows on.
 */
@Epic(ReportGroups.SUITE_CHECKS)
@Feature("Golden data")
@DisplayName("Every shipped toy model's forward pass and head ablations equal an independent PyTorch implementation")
class ToyReferenceForwardTest {

    /** float32 on both sides, different summation orders: the same line as GoldenForwardTest's. */
    static final double P_TOLERANCE = 1e-5;
    static final double LOGIT_TOLERANCE = 1e-4;

    static Stream<Path> models() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String root : new String[] {"fixtures/ensembles", "fixtures/plan-2/ensembles", "fixtures/history"}) {
            try (Stream<Path> s = Files.walk(Path.of(root), 2)) {
                s.filter(p -> Files.isRegularFile(p.resolve("model.safetensors"))).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    @DisplayName("tokens, logit_X - logit_Y and P(X|{X,Y}) of the notebook's prompts, baseline and every single-head ablation")
    @Description("Regenerate with /usr/bin/python3 tools/golden/toy_goldens.py (Debian's python3-torch; CI never runs "
            + "it), and say why in the commit message.")
    void matchesTheReference(Path dir) throws IOException {
        Path file = dir.resolve("golden-forward.json");
        assertThat(file).as("every shipped model has its reference; write it with tools/golden/toy_goldens.py")
                .isRegularFile();
        JsonObject g = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(dir), true)) {
            DriftProbe probe = new DriftProbe(m, Stimulus.NOTEBOOK, PromptStyle.SEQUENCE);
            JsonArray prompts = g.getAsJsonArray("prompts");
            for (int i = 0; i < prompts.size(); i++) {
                JsonObject p = prompts.get(i).getAsJsonObject();
                assertThat(p.get("name").getAsString()).isEqualTo(Stimulus.NOTEBOOK.get(i).name());
                int[] expected = p.getAsJsonArray("tokens").asList().stream().mapToInt(JsonElement::getAsInt).toArray();
                assertThat(probe.tokens(i)).as("%s tokens", p.get("text").getAsString()).containsExactly(expected);
            }
            assertThat(probe.xId()).isEqualTo(g.get("x_id").getAsInt());
            assertThat(probe.yId()).isEqualTo(g.get("y_id").getAsInt());
            List<Set<Head>> settings = new ArrayList<>();
            settings.add(Set.of());
            for (int l = 0; l < m.config().nLayers(); l++) {
                for (int h = 0; h < m.config().nHeads(); h++) {
                    settings.add(Set.of(new Head(l, h)));
                }
            }
            List<DriftResult> results = probe.evaluateAll(settings);
            int compared = 0;
            double worst = 0;
            for (JsonElement e : g.getAsJsonArray("rows")) {
                JsonObject row = e.getAsJsonObject();
                JsonArray ab = row.getAsJsonArray("ablated");
                Set<Head> setting = ab.isEmpty() ? Set.of() : Set.of(new Head(ab.get(0).getAsJsonArray().get(0).getAsInt(),
                        ab.get(0).getAsJsonArray().get(1).getAsInt()));
                Readout r = results.get(settings.indexOf(setting)).row(row.get("prompt").getAsString());
                String what = row.get("prompt").getAsString() + " ablating " + setting;
                assertThat(r.pXNorm()).as(what).isCloseTo(row.get("p_x_norm").getAsDouble(), within(P_TOLERANCE));
                assertThat(r.logitDiff()).as(what).isCloseTo(row.get("logit_diff").getAsDouble(), within(LOGIT_TOLERANCE));
                worst = Math.max(worst, Math.abs(r.pXNorm() - row.get("p_x_norm").getAsDouble()));
                compared++;
            }
            assertThat(compared).isEqualTo(3 * settings.size());
            Evidence.parameter("rows compared", compared);
            Evidence.parameter("largest |P(X) difference|", worst);
        }
    }
}
