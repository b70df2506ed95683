package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.ReportGroups;
import io.github.driftclaims.interp.PathPatching.PathPatch;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * toy-induction-2l seed 0's path-patching table against golden-path-patching.json, written by
 * tools/golden/path_patching_golden.py: the same paths by an independent PyTorch forward that feeds each head its own
 * residual (one unbatched forward per path, the residual formed as resid - out_s(clumped) + out_s(patterned) where the
 * Java code adds the difference).
 */
@Epic(ReportGroups.SUITE_CHECKS)
@Feature("Golden data")
@DisplayName("toy-induction-2l's path patching equals an independent PyTorch implementation")
class PathPatchingGoldenTest {

    static final Path MODEL = Path.of("fixtures/ensembles/toy-induction-2l/seed-0");

    /** PatchingGoldenTest's lines: the share of the gap and P(X|{X,Y}) to the 1e-5, logit differences to 1e-4. */
    static final double SHARE_TOLERANCE = PatchingGoldenTest.SHARE_TOLERANCE;
    static final double LOGIT_TOLERANCE = PatchingGoldenTest.LOGIT_TOLERANCE;

    @Test
    @DisplayName("every path into layer 1's q, k and v and every direct path moves the same share of the gap, within 1e-5")
    @Description("Regenerate with /usr/bin/python3 tools/golden/path_patching_golden.py (Debian's python3-torch; CI "
            + "never runs it), and say why in the commit message.")
    void matchesTheReference() throws IOException {
        JsonObject g = JsonParser.parseString(Files.readString(MODEL.resolve("golden-path-patching.json")))
                .getAsJsonObject();
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(MODEL), true)) {
            PathPatching p = PathPatching.measure(m);
            assertThat(p.ldClean()).as("patterned").isCloseTo(g.get("ld_clean").getAsDouble(), within(LOGIT_TOLERANCE));
            assertThat(p.ldCorrupt()).as("clumped").isCloseTo(g.get("ld_corrupt").getAsDouble(), within(LOGIT_TOLERANCE));
            JsonArray rows = g.getAsJsonArray("paths");
            assertThat(p.paths()).as("paths").hasSize(rows.size());
            double worst = 0;
            for (int i = 0; i < rows.size(); i++) {
                JsonObject r = rows.get(i).getAsJsonObject();
                PathPatch x = p.paths().get(i);
                String what = r.get("sender").getAsString() + " -> " + r.get("receiver").getAsString() + " "
                        + r.get("input").getAsString();
                assertThat(x.sender().toString()).as(what).isEqualTo(r.get("sender").getAsString());
                assertThat(x.receiver() == null ? "logits" : x.receiver().toString()).as(what)
                        .isEqualTo(r.get("receiver").getAsString());
                assertThat(x.input().id()).as(what).isEqualTo(r.get("input").getAsString());
                double ld = r.get("ld_patched").getAsDouble();
                assertThat(x.ldPatched()).as(what).isCloseTo(ld, within(LOGIT_TOLERANCE));
                assertThat(sigmoid(x.ldPatched())).as(what + " P(X|{X,Y})").isCloseTo(sigmoid(ld), within(SHARE_TOLERANCE));
                double share = r.get("normalised").getAsDouble();
                assertThat(x.normalised()).as(what + " share of the gap").isCloseTo(share, within(SHARE_TOLERANCE));
                worst = Math.max(worst, Math.abs(x.normalised() - share));
            }
            Evidence.parameter("paths compared", rows.size());
            Evidence.parameter("largest |share difference|", worst);
        }
    }

    private static double sigmoid(double ld) {
        return 1 / (1 + Math.exp(-ld));
    }
}
