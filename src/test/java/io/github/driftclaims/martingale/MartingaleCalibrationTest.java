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

    @Test
    @DisplayName("sequences simulated one at a time and summed in consecutive groups are exactly the design's whole runs")
    void groupedSequencesAreRuns() {
        MartingaleGrid design = new MartingaleGrid(List.of(new MartingaleResult.Cell(8, 6, 0.3),
                new MartingaleResult.Cell(8, 16, 0.7)), 30, 40, 0, 3);
        MartingaleCalibration.Counts perSequence = MartingaleCalibration.perSequence(new SwitchChainSampler(0.7), design,
                500, 7);
        MartingaleCalibration.Counts runs = MartingaleCalibration.run(new SwitchChainSampler(0.7), design, 500, 2);
        assertThat(perSequence.grouped(3).martingale()).as("7 sequences make 2 whole runs").isEqualTo(runs.martingale());
        assertThat(perSequence.grouped(3).t3()).isEqualTo(runs.t3());
        assertThat(perSequence.grouped(3).tests()).isEqualTo(runs.tests());
        assertThat(runs.martingale()).as("the chain is caught: the sums are not all 0").anyMatch(c -> c > 0);
    }

    @Test
    @DisplayName("the convolution is the distribution of a sum of independent sequences, and its quantile the threshold")
    void convolution() {
        List<Integer> coin = List.of(0, 1); // half 0, half 1: the sum of 3 is Binomial(3, 1/2)
        assertThat(MartingaleCalibration.convolved(coin, 3)).containsExactly(0.125, 0.375, 0.375, 0.125);
        assertThat(MartingaleCalibration.quantile(MartingaleCalibration.convolved(coin, 3))).isEqualTo(3);
        List<Integer> rare = new ArrayList<>(repeat(0, 99));
        rare.add(1); // P(1) = 0.01: the sum of 5 exceeds 0 with 1 - 0.99^5 = 4.9%, so 0 covers 95%
        assertThat(MartingaleCalibration.quantile(MartingaleCalibration.convolved(rare, 5))).isZero();
        assertThat(MartingaleCalibration.exceeding(MartingaleCalibration.convolved(rare, 5), 0))
                .isCloseTo(1 - Math.pow(0.99, 5), org.assertj.core.data.Offset.offset(1e-12));
        MartingaleCalibration.Threshold t = MartingaleCalibration.threshold(rare, 6); // 1 - 0.99^6 = 5.85% > 5%
        assertThat(t.allowed()).isEqualTo(1);
        assertThat(t.fromWholeRuns()).as("100 sequences are not 200 runs of 6").isFalse();
        List<Integer> many = new ArrayList<>(repeat(0, 380));
        many.addAll(repeat(1, 20));
        MartingaleCalibration.Threshold whole = MartingaleCalibration.threshold(many, 2);
        assertThat(whole.fromWholeRuns()).as("400 sequences are 200 runs of 2").isTrue();
        // the whole runs are 190 at 0 and 10 at 2: 0 covers 95% of them (the convolution, 0.95^2 at 0, would say 1)
        assertThat(whole.allowed()).as("the whole runs' own quantile").isZero();
        assertThat(MartingaleCalibration.quantile(MartingaleCalibration.convolved(many, 2))).isEqualTo(1);
    }

    @Test
    @DisplayName("the full design's record is for the toy full grid at 10 sequences, and its thresholds are the rule's and "
            + "its sequences' convolution quantile")
    void fullRecordAgreesWithTheRule() throws IOException {
        JsonObject full = JsonParser.parseString(Files.readString(ProjectFiles.resolve(Path.of(
                MartingaleCalibrationJson.FULL_PATH)))).getAsJsonObject();
        JsonObject grid = full.getAsJsonObject("grid");
        List<MartingaleResult.Cell> cells = new ArrayList<>();
        grid.getAsJsonArray("cells").forEach(e -> cells.add(new MartingaleResult.Cell(e.getAsJsonObject().get("n").getAsInt(),
                e.getAsJsonObject().get("m").getAsInt(), e.getAsJsonObject().get("theta").getAsDouble())));
        assertThat(cells).isEqualTo(MartingaleGrid.TOY_FULL.cells()).isEqualTo(MartingaleThresholds.FULL.cells());
        assertThat(grid.get("sequences").getAsInt()).isEqualTo(MartingaleGrid.FULL_SEQUENCES)
                .isEqualTo(MartingaleThresholds.FULL.sequences());
        JsonObject nul = full.getAsJsonObject("null");
        assertThat(nul.get("first_seed").getAsLong()).isEqualTo(MartingaleCalibration.NULL_FIRST_SEED);
        List<Integer> counts = ints(nul.getAsJsonArray("counts"));
        List<Integer> t3 = ints(nul.getAsJsonArray("t3_counts"));
        assertThat(counts).hasSize(MartingaleCalibration.MANY_SEQUENCES_NULL_SEQUENCES).hasSameSizeAs(t3);
        assertThat(nul.get("calibrated_allowed").getAsInt())
                .isEqualTo(MartingaleCalibration.threshold(counts, MartingaleGrid.FULL_SEQUENCES).allowed())
                .isEqualTo(MartingaleThresholds.FULL.martingaleAllowed());
        assertThat(nul.get("t3_calibrated_allowed").getAsInt())
                .isEqualTo(MartingaleCalibration.threshold(t3, MartingaleGrid.FULL_SEQUENCES).allowed())
                .isEqualTo(MartingaleThresholds.FULL.t3Allowed());
    }
}
