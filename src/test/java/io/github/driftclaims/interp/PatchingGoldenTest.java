package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.ReportGroups;
import io.github.driftclaims.interp.ActivationPatching.Direction;
import io.github.driftclaims.interp.ActivationPatching.Patch;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The default model's activation-patching table against golden-patching.json, written by
 * tools/golden/patching_golden.py: the same patches computed by an independent PyTorch re-implementation of the
 * forward pass (its own hooks, one unbatched forward per patch).
 */
@Epic(ReportGroups.SUITE_CHECKS)
@Feature("Golden data")
@DisplayName("The default model's activation patching equals an independent PyTorch implementation")
class PatchingGoldenTest {

    static final Path MODEL = Path.of("fixtures/ensembles/toy-induction-2l/seed-0");

    /**
     * The share of the gap moved and P(X|{X,Y}): the line. The logit differences themselves are held to
     * ToyReferenceForwardTest's line (logits of magnitude up to 30 in float32, different summation orders).
     */
    static final double SHARE_TOLERANCE = 1e-5;
    static final double LOGIT_TOLERANCE = 1e-4;

    @Test
    @DisplayName("every patch of both directions (hook_z, residual stream, hook_pattern) moves the same share of the gap, "
            + "within 1e-5")
    @Description("Regenerate with /usr/bin/python3 tools/golden/patching_golden.py (Debian's python3-torch; CI never "
            + "runs it), and say why in the commit message.")
    void matchesTheReference() throws IOException {
        JsonObject g = JsonParser.parseString(Files.readString(MODEL.resolve("golden-patching.json"))).getAsJsonObject();
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(MODEL), true)) {
            List<Head> heads = new ArrayList<>();
            for (JsonElement h : g.getAsJsonArray("drift_heads")) {
                heads.add(new Head(h.getAsJsonArray().get(0).getAsInt(), h.getAsJsonArray().get(1).getAsInt()));
            }
            assertThat(heads).as("the reference patches the drift heads the sweep finds")
                    .isEqualTo(NotebookRun.of(m, NotebookRun.NOTEBOOK_TOP_K, List.of()).topK().heads());
            ActivationPatching p = ActivationPatching.measure(m, heads);
            int compared = 0;
            int patterns = 0;
            double worst = 0;
            for (Direction d : Direction.values()) {
                JsonObject dir = g.getAsJsonObject(d.id());
                JsonArray rows = dir.getAsJsonArray("rows");
                List<Patch> ours = p.patches().stream().filter(x -> x.direction() == d).toList();
                assertThat(ours).as("%s patches", d.id()).hasSize(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    JsonObject r = rows.get(i).getAsJsonObject();
                    Patch x = ours.get(i);
                    String what = d.id() + " " + r.get("label").getAsString();
                    assertThat(x.label()).as(what).isEqualTo(r.get("label").getAsString());
                    assertThat(x.hook()).as(what).isEqualTo(r.get("hook").getAsString());
                    assertThat(x.component().id()).as(what).isEqualTo(r.get("component").getAsString());
                    assertThat(x.ldBase()).as(what + " base").isCloseTo(dir.get("ld_base").getAsDouble(),
                            within(LOGIT_TOLERANCE));
                    assertThat(x.ldSource()).as(what + " source").isCloseTo(dir.get("ld_source").getAsDouble(),
                            within(LOGIT_TOLERANCE));
                    double ld = r.get("ld_patched").getAsDouble();
                    assertThat(x.ldPatched()).as(what).isCloseTo(ld, within(LOGIT_TOLERANCE));
                    assertThat(sigmoid(x.ldPatched())).as(what + " P(X|{X,Y})").isCloseTo(sigmoid(ld),
                            within(SHARE_TOLERANCE));
                    double share = r.get("normalised").getAsDouble();
                    assertThat(x.normalised()).as(what + " share of the gap").isCloseTo(share, within(SHARE_TOLERANCE));
                    worst = Math.max(worst, Math.abs(x.normalised() - share));
                    compared++;
                    patterns += x.component() == ActivationPatching.Component.PATTERN ? 1 : 0;
                }
            }
            assertThat(patterns).as("hook_pattern patches compared, one per head and direction")
                    .isEqualTo(2 * m.config().nLayers() * m.config().nHeads());
            Evidence.parameter("patches compared", compared);
            Evidence.parameter("of them hook_pattern", patterns);
            Evidence.parameter("largest |share difference|", worst);
        }
    }

    private static double sigmoid(double ld) {
        return 1 / (1 + Math.exp(-ld));
    }
}
