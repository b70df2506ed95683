package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.Baselines;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.LaterCellsRecord;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The later cells' JSON carries every measured number under the key the notebook's reference file uses, baseline
 * and ablated each in its place: one measurement of the shipped default, compared field by field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The later cells' JSON")
class LaterCellsJsonTest {

    LaterCells cells;

    @BeforeAll
    void measure() {
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(
                Path.of("fixtures/ensembles/toy-induction-2l/seed-0")), true)) {
            cells = LaterCells.measure(m, PromptStyle.SEQUENCE, List.of(new Head(1, 0), new Head(0, 1)));
        }
    }

    JsonObject section() {
        JsonObject root = LaterCellsJson.of("toy seed 0", List.of(cells), LaterCellsJson.EXPERIMENTS);
        assertThat(root.getAsJsonObject("model").get("name").getAsString()).isEqualTo("toy seed 0");
        JsonObject h = root.getAsJsonObject("two_generator_bayes").getAsJsonObject("hypotheses");
        assertThat(h.get("A").getAsDouble()).isEqualTo(Baselines.GENERATOR_A);
        assertThat(h.get("B").getAsDouble()).isEqualTo(Baselines.GENERATOR_B);
        return root.getAsJsonObject(LaterCellsRecord.section(PromptStyle.SEQUENCE));
    }

    static double d(JsonObject o, String key) {
        return o.get(key).getAsDouble();
    }

    @Test
    @DisplayName("names the prompt, the ablated heads and the ablation")
    void header() {
        JsonObject s = section();
        assertThat(s.get("prompt").getAsString()).isEqualTo(PromptStyle.SEQUENCE.template());
        assertThat(s.get("ablated_heads").toString()).isEqualTo("[[1,0],[0,1]]");
        assertThat(s.get("ablation").getAsString()).isEqualTo("zero");
        assertThat(s.get("ablation_reference").getAsString()).isEqualTo(cells.ablationReference());
        assertThat(s.get("device").getAsString()).isEqualTo("cpu");
        assertThat(s.get("dtype").getAsString()).isEqualTo("float32");
    }

    @Test
    @DisplayName("writes each count's evidence-sweep row and the two MAEs to Bayes")
    void evidenceSweep() {
        JsonObject ev = section().getAsJsonObject("evidence_sweep");
        JsonArray rows = ev.getAsJsonArray("rows");
        List<LaterCells.Count> counts = cells.evidence().counts();
        assertThat(rows).hasSize(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            JsonObject r = rows.get(i).getAsJsonObject();
            LaterCells.Count c = counts.get(i);
            assertThat(r.get("n_X").getAsInt()).isEqualTo(c.nX());
            assertThat(List.of(d(r, "bayes_p_X"), d(r, "freq_p_X"), d(r, "baseline_mean"), d(r, "baseline_std"),
                    d(r, "ablated_mean"), d(r, "ablated_std"))).containsExactly(c.bayes(), c.freq(), c.baselineMean(),
                    c.baselineStd(), c.ablatedMean(), c.ablatedStd());
        }
        assertThat(d(ev.getAsJsonObject("mae_to_bayes"), "baseline")).isEqualTo(cells.evidence().maeBaseline());
        assertThat(d(ev.getAsJsonObject("mae_to_bayes"), "ablated")).isEqualTo(cells.evidence().maeAblated());
        assertThat(cells.evidence().maeBaseline()).isNotEqualTo(cells.evidence().maeAblated());
        assertThat(ev.get("std").getAsString()).isEqualTo("sample std (ddof=1) over the 10 orderings");
    }

    @Test
    @DisplayName("writes the 4X/1Y orderings, drifts and every ordering's P(X), and the sanity check with its delta")
    void driftAndSanity() {
        JsonObject s = section();
        JsonObject d = s.getAsJsonObject("drift_4x1y");
        assertThat(d.get("sequence_counts").getAsString()).isEqualTo("4 X, 1 Y");
        assertThat(d.getAsJsonArray("distinct_orderings").asList()).extracting(e -> e.getAsString())
                .containsExactlyElementsOf(cells.drift4x1Baseline().rows().stream().map(r -> r.seq()).toList());
        assertThat(d(d.getAsJsonObject("drift"), "baseline")).isEqualTo(cells.drift4x1Baseline().drift());
        assertThat(d(d.getAsJsonObject("drift"), "ablated")).isEqualTo(cells.drift4x1Ablated().drift());
        assertThat(d.getAsJsonObject("p_X_norm").getAsJsonArray("ablated").asList()).extracting(e -> e.getAsDouble())
                .containsExactlyElementsOf(cells.drift4x1Ablated().rows().stream().map(r -> r.pXNorm()).toList());
        assertThat(d.getAsJsonObject("p_X_norm").getAsJsonArray("baseline").asList()).extracting(e -> e.getAsDouble())
                .containsExactlyElementsOf(cells.drift4x1Baseline().rows().stream().map(r -> r.pXNorm()).toList());
        JsonObject sanity = s.getAsJsonObject("sanity_check");
        double base = cells.sanityBaseline().pXNorm();
        double abl = cells.sanityAblated().pXNorm();
        assertThat(d(sanity.getAsJsonObject("p_X_norm"), "baseline")).isEqualTo(base);
        assertThat(d(sanity.getAsJsonObject("p_X_norm"), "ablated")).isEqualTo(abl);
        assertThat(d(sanity, "delta")).isEqualTo(abl - base).isNotZero();
        assertThat(d(sanity, "bayes_two_generator")).isEqualTo(Baselines.twoGenerator(cells.sanityBaseline().nX(),
                cells.sanityBaseline().nY()));
        assertThat(sanity.get("prompt").getAsString()).isEqualTo(PromptStyle.SEQUENCE.fill(
                List.of(LaterCells.SANITY_SEQUENCE.split(" "))));
    }

    @Test
    @DisplayName("writes every tracking step and the tracking's MAEs")
    void tracking() {
        JsonObject t = section().getAsJsonObject("real_time_tracking");
        assertThat(t.get("seed").getAsLong()).isEqualTo(cells.tracking().seed());
        assertThat(d(t, "hidden_bias")).isEqualTo(LaterCells.HIDDEN_BIAS);
        JsonArray rows = t.getAsJsonArray("rows");
        assertThat(rows).hasSize(cells.tracking().steps().size());
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.get(i).getAsJsonObject();
            LaterCells.Step s = cells.tracking().steps().get(i);
            assertThat(List.of(r.get("stream").getAsInt(), r.get("t").getAsInt())).containsExactly(s.stream(), s.t());
            assertThat(r.get("token").getAsString()).isEqualTo(s.token());
            assertThat(List.of(d(r, "bayes_p_X"), d(r, "freq_p_X"), d(r, "baseline_p_X"), d(r, "ablated_p_X")))
                    .containsExactly(s.bayes(), s.freq(), s.baseline(), s.ablated());
        }
        assertThat(d(t.getAsJsonObject("mae_to_bayes"), "baseline")).isEqualTo(cells.tracking().maeBaseline());
        assertThat(d(t.getAsJsonObject("mae_to_bayes"), "ablated")).isEqualTo(cells.tracking().maeAblated());
    }

    @Test
    @DisplayName("writes only the experiments asked for")
    void subset() {
        JsonObject s = LaterCellsJson.section(cells, List.of("drift-4x1y"));
        assertThat(s.has("drift_4x1y")).isTrue();
        assertThat(s.has("evidence_sweep") || s.has("sanity_check") || s.has("real_time_tracking")).isFalse();
        JsonObject t = LaterCellsJson.section(cells, List.of("tracking", "sanity-check", "evidence-sweep"));
        assertThat(t.has("drift_4x1y")).isFalse();
        assertThat(t.has("evidence_sweep") && t.has("sanity_check") && t.has("real_time_tracking")).isTrue();
    }
}
