package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The two-generator Bayes predictive (A: 0.5, B: 0.75, prior 1/2 each) against the notebook's later cells")
class BaselinesTest {

    static final Path LATER = Path.of("fixtures", "attn-only-2l", "attn-only-2l-notebook-later-cells.json");
    /** Half a unit in the sixth decimal: the file prints the sweep's columns rounded to 6 decimals. */
    static final double PRINTED_6DP = 5e-7;

    static JsonObject later() throws IOException {
        return JsonParser.parseString(Files.readString(LATER)).getAsJsonObject();
    }

    @Test
    @DisplayName("the sanity check's bayes_two_generator for 3 X of 6 is 0.5741758241758241 (full precision)")
    void sanityCheckValue() throws IOException {
        for (String prompt : new String[] {"cpu_fp32_toy_prompt", "cpu_fp32_minimal_prompt"}) {
            double recorded = later().getAsJsonObject(prompt).getAsJsonObject("sanity_check")
                    .get("bayes_two_generator").getAsDouble();
            assertThat(Baselines.twoGenerator(3, 3)).as(prompt).isCloseTo(recorded, within(1e-15));
        }
    }

    @Test
    @DisplayName("the evidence sweep's bayes_p_X and freq_p_X columns, n_X = 0..10 of 10, within the printed rounding")
    void evidenceSweepColumns() throws IOException {
        for (String prompt : new String[] {"cpu_fp32_toy_prompt", "cpu_fp32_minimal_prompt"}) {
            var rows = later().getAsJsonObject(prompt).getAsJsonObject("evidence_sweep").getAsJsonArray("rows");
            assertThat(rows).hasSize(11);
            for (JsonElement e : rows) {
                JsonObject r = e.getAsJsonObject();
                int nX = r.get("n_X").getAsInt();
                assertThat(Baselines.twoGenerator(nX, 10 - nX)).as("%s n_X=%d", prompt, nX)
                        .isCloseTo(r.get("bayes_p_X").getAsDouble(), within(PRINTED_6DP));
                assertThat(Baselines.frequentist(nX, 10 - nX)).isCloseTo(r.get("freq_p_X").getAsDouble(),
                        within(PRINTED_6DP));
            }
        }
    }

    @Test
    @DisplayName("equals the file's formula (0.5 L_A + 0.75 L_B) / (L_A + L_B) where the likelihoods do not underflow")
    void matchesTheDirectFormula() {
        for (int n = 0; n <= 30; n++) {
            for (int nX = 0; nX <= n; nX++) {
                double la = Math.pow(0.5, nX) * Math.pow(0.5, n - nX);
                double lb = Math.pow(0.75, nX) * Math.pow(0.25, n - nX);
                assertThat(Baselines.twoGenerator(nX, n - nX)).as("%d of %d", nX, n)
                        .isCloseTo((0.5 * la + 0.75 * lb) / (la + lb), within(1e-14));
            }
        }
    }

    @Test
    @DisplayName("stays finite where both likelihoods underflow (1000 X and 1000 Y: the direct formula gives 0/0)")
    void logSpaceSurvivesUnderflow() {
        double la = Math.pow(0.5, 2000);
        double lb = Math.pow(0.75, 1000) * Math.pow(0.25, 1000);
        assertThat((0.5 * la + 0.75 * lb) / (la + lb)).as("the direct formula").isNaN();
        // A explains 1000/1000 far better than B: log L_A - log L_B = 1000 log(4/3) ~ 288, so P is 0.5 to double precision.
        assertThat(Baselines.twoGenerator(1000, 1000)).isEqualTo(0.5);
        assertThat(Baselines.twoGenerator(3000, 1000)).isCloseTo(0.75, within(1e-15));
        assertThat(Baselines.twoGenerator(0, 0)).as("no draws: the prior mean").isCloseTo(0.625, within(1e-15));
        assertThat(Baselines.mixture(5, 0, new double[] {1.0}, new double[] {1.0})).as("0 log 0 = 0").isEqualTo(1.0);
    }
}
