package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.martingale.Interval;
import io.github.driftclaims.martingale.MartingaleExperiment;
import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.martingale.MartingaleResult;
import io.github.driftclaims.martingale.Statistic;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The martingale JSON writes every number of a hand-made experiment under its key, baseline and ablated apart. */
@DisplayName("The martingale JSON")
class MartingaleJsonTest {

    static MartingaleResult result(MartingaleResult.Cell cell, double shift) {
        return new MartingaleResult(cell, 14, 200, 300, 190 + (int) (10 * shift), 180 + (int) (10 * shift), 195.5 + shift,
                0.5 + shift,
                0.4 + shift, List.of(
                        new Statistic("T1", 0.01 + shift, new Interval(-0.05, 0.05), 0.001),
                        new Statistic("T2,2", -0.2 - shift, new Interval(-0.1, 0.1), 0.002),
                        new Statistic("T3", 0.15 + shift, new Interval(0.1, 0.3), 0.2)));
    }

    @Test
    @DisplayName("writes the settings, each cell's n, m, theta and both conditions' statistics with their intervals, and the verdicts")
    void fields() {
        MartingaleResult.Cell c1 = new MartingaleResult.Cell(16, 8, 0.3);
        MartingaleResult.Cell c2 = new MartingaleResult.Cell(16, 32, 0.7);
        MartingaleGrid grid = new MartingaleGrid(List.of(c1, c2), 200, 300, 14);
        MartingaleExperiment e = new MartingaleExperiment(List.of(new Head(1, 6), new Head(0, 3)), grid,
                List.of(result(c1, 0), result(c2, 0.1)), List.of(result(c1, 0.2), result(c2, 0.3)));
        JsonObject o = MartingaleJson.of("toy", e);
        assertThat(o.get("model").getAsString()).isEqualTo("toy");
        assertThat(o.get("method").getAsString()).startsWith("Falck, Wang, Holmes (ICML 2024)");
        assertThat(o.get("ablated_heads").toString()).isEqualTo("[[1,6],[0,3]]");
        assertThat(List.of(o.get("paths").getAsInt(), o.get("replicates").getAsInt(), o.get("seed").getAsInt()))
                .containsExactly(200, 300, 14);
        assertThat(o.get("sequences").getAsInt()).isEqualTo(1);
        assertThat(o.getAsJsonArray("cells")).hasSize(2);
        JsonObject second = o.getAsJsonArray("cells").get(1).getAsJsonObject();
        assertThat(second.get("n").getAsInt()).isEqualTo(16);
        assertThat(second.get("m").getAsInt()).isEqualTo(32);
        assertThat(second.get("theta").getAsDouble()).isEqualTo(0.7);
        assertThat(second.get("seed").getAsLong()).isEqualTo(14);
        JsonObject b = second.getAsJsonObject("baseline");
        JsonObject a = second.getAsJsonObject("ablated");
        assertThat(List.of(b.get("kept").getAsInt(), b.get("kept_t3").getAsInt())).containsExactly(191, 181);
        assertThat(List.of(a.get("kept").getAsInt(), a.get("kept_t3").getAsInt())).containsExactly(193, 183);
        assertThat(b.get("reference_kept").getAsDouble()).isEqualTo(195.5 + 0.1);
        assertThat(b.get("observed_mean").getAsDouble()).isEqualTo(0.6);
        assertThat(a.get("path_mean").getAsDouble()).isEqualTo(0.4 + 0.3);
        JsonObject t1 = b.getAsJsonObject("statistics").getAsJsonObject("T1");
        assertThat(List.of(t1.get("value").getAsDouble(), t1.get("lo").getAsDouble(), t1.get("hi").getAsDouble(),
                t1.get("reference_median").getAsDouble())).containsExactly(0.01 + 0.1, -0.05, 0.05, 0.001);
        assertThat(t1.get("inside").getAsBoolean()).isFalse();
        JsonObject t3 = a.getAsJsonObject("statistics").getAsJsonObject("T3");
        assertThat(t3.get("value").getAsDouble()).isEqualTo(0.15 + 0.3);
        assertThat(t3.get("inside").getAsBoolean()).isFalse();
        JsonObject firstBaseline = o.getAsJsonArray("cells").get(0).getAsJsonObject().getAsJsonObject("baseline");
        assertThat(firstBaseline.getAsJsonObject("statistics").getAsJsonObject("T1").get("inside").getAsBoolean()).isTrue();
        assertThat(firstBaseline.getAsJsonObject("statistics").keySet()).containsExactly("T1", "T2,2", "T3");
        assertThat(o.getAsJsonObject("verdicts").keySet()).containsExactly("23", "24", "25", "26");
    }
}
