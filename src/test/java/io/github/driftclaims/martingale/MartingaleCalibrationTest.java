package io.github.driftclaims.martingale;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.ProjectFiles;
import io.github.driftclaims.report.MartingaleCalibrationJson;
import io.github.driftclaims.verdict.MartingaleThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The calibration's arithmetic on hand-made counts, and the committed record against the code: its threshold is
 * the rule's constant and the quantile of its own counts, and re-running a few of its seeds gives its counts exactly
 * (everything is seeded), so the record cannot drift from the pipeline it calibrates.
 */
@DisplayName("The martingale calibration: its quantile, and the committed record reproduced by the code")
class MartingaleCalibrationTest {

    static JsonObject record;

    @BeforeAll
    static void read() throws IOException {
        record = JsonParser.parseString(Files.readString(ProjectFiles.resolve(Path.of(MartingaleCalibrationJson.PATH))))
                .getAsJsonObject();
    }

    static List<Integer> repeat(int value, int times) {
        return new ArrayList<>(Collections.nCopies(times, value));
    }

    static List<Integer> ints(JsonArray a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsInt()));
        return out;
    }

    @Test
    @DisplayName("the calibrated threshold is the smallest count that at least 95% of the null's runs stay within")
    void quantile() {
        List<Integer> oneHigh = repeat(0, 19);
        oneHigh.add(5);
        assertThat(MartingaleCalibration.quantile(oneHigh)).as("19 of 20 at 0").isZero();
        List<Integer> twoHigh = repeat(0, 18);
        twoHigh.addAll(List.of(1, 5));
        assertThat(MartingaleCalibration.quantile(twoHigh)).as("18 of 20 at 0, one at 1").isEqualTo(1);
        assertThat(MartingaleCalibration.exceeding(twoHigh, 0)).isEqualTo(0.1);
        assertThat(MartingaleCalibration.exceeding(twoHigh, 1)).isEqualTo(0.05);
        assertThat(MartingaleCalibration.histogram(twoHigh)).containsExactly(18, 1, 0, 0, 0, 1);
    }

    @Test
    @DisplayName("the record is for the verify grid and its settings, and its threshold is the rule's and its counts' quantile")
    void recordAgreesWithTheRule() {
        JsonObject grid = record.getAsJsonObject("grid");
        List<MartingaleResult.Cell> cells = new ArrayList<>();
        grid.getAsJsonArray("cells").forEach(e -> cells.add(new MartingaleResult.Cell(e.getAsJsonObject().get("n").getAsInt(),
                e.getAsJsonObject().get("m").getAsInt(), e.getAsJsonObject().get("theta").getAsDouble())));
        assertThat(cells).isEqualTo(MartingaleThresholds.VERIFY.cells()).isEqualTo(MartingaleGrid.VERIFY.cells());
        assertThat(grid.get("paths").getAsInt()).isEqualTo(MartingaleThresholds.VERIFY.paths());
        assertThat(grid.get("replicates").getAsInt()).isEqualTo(MartingaleThresholds.VERIFY.replicates());
        JsonObject nul = record.getAsJsonObject("null");
        assertThat(nul.get("first_seed").getAsLong()).isEqualTo(MartingaleCalibration.NULL_FIRST_SEED);
        List<Integer> counts = ints(nul.getAsJsonArray("counts"));
        List<Integer> t3 = ints(nul.getAsJsonArray("t3_counts"));
        assertThat(counts).hasSize(MartingaleCalibration.NULL_RUNS).hasSameSizeAs(t3);
        assertThat(grid.get("sequences").getAsInt()).isEqualTo(MartingaleGrid.VERIFY.sequences());
        assertThat(nul.get("calibrated_allowed").getAsInt()).isEqualTo(MartingaleCalibration.quantile(counts))
                .isEqualTo(MartingaleThresholds.VERIFY.martingaleAllowed());
        assertThat(nul.get("t3_calibrated_allowed").getAsInt()).isEqualTo(MartingaleCalibration.quantile(t3))
                .isEqualTo(MartingaleThresholds.VERIFY.t3Allowed());
    }

    @Test
    @DisplayName("re-running the null's first 2 seeds and the first switch chain's first seed gives the record's counts exactly")
    void recordReproduces() {
        JsonObject nul = record.getAsJsonObject("null");
        List<Integer> counts = ints(nul.getAsJsonArray("counts"));
        List<Integer> t3 = ints(nul.getAsJsonArray("t3_counts"));
        for (int i = 0; i < 2; i++) { // 2 + 1 seeds: about 2 s of verify
            int[] got = MartingaleCalibration.outside(new PolyaUrnSampler(),
                    MartingaleGrid.VERIFY.startingAt(MartingaleCalibration.NULL_FIRST_SEED + i));
            assertThat(new int[] {got[0], got[1]}).as("null seed %d", MartingaleCalibration.NULL_FIRST_SEED + i)
                    .containsExactly(counts.get(i), t3.get(i));
        }
        JsonObject power = record.getAsJsonArray("power").get(0).getAsJsonObject();
        int[] got = MartingaleCalibration.outside(new SwitchChainSampler(power.get("stay").getAsDouble()),
                MartingaleGrid.VERIFY.startingAt(power.get("first_seed").getAsLong()));
        assertThat(got[0]).as("switch chain, first seed").isEqualTo(power.getAsJsonArray("counts").get(0).getAsInt());
    }
}
