package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.AttentionPatterns;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.NotebookRun;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The main experiment's JSON: one run of the shipped default, each number compared with the field it is written to. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The notebook JSON")
class NotebookJsonTest {

    HookedTransformer model;
    NotebookRun run;

    @BeforeAll
    void measure() {
        model = ModelLoader.load(ModelFiles.fromDirectory(Path.of("fixtures/ensembles/toy-induction-2l/seed-0")), true);
        run = NotebookRun.of(model, 2, List.of(new Head(0, 0)));
    }

    /** Written in each test, not once for the class: mutation testing sees only what a test itself runs. */
    JsonObject json() {
        return NotebookJson.of(model, run);
    }

    @AfterAll
    void close() {
        model.close();
    }

    static double d(JsonObject o, String key) {
        return o.get(key).getAsDouble();
    }

    @Test
    @DisplayName("describes the model and its X and Y tokens")
    void modelAndTokens() {
        JsonObject m = json().getAsJsonObject("model");
        assertThat(m.get("name").getAsString()).isEqualTo(model.files().name());
        assertThat(m.get("checkpoint").getAsString()).isEqualTo(model.files().checkpoint().toString());
        assertThat(List.of(m.get("n_layers").getAsInt(), m.get("n_heads").getAsInt(), m.get("d_model").getAsInt(),
                m.get("d_head").getAsInt(), m.get("n_ctx").getAsInt(), m.get("d_vocab").getAsInt()))
                .containsExactly(model.config().nLayers(), model.config().nHeads(), model.config().dModel(),
                        model.config().dHead(), model.config().nCtx(), model.config().dVocab());
        assertThat(m.get("weights_processed").getAsBoolean()).isTrue();
        model.files().provenance().forEach((k, v) -> assertThat(m.get(k).getAsString()).isEqualTo(v));
        JsonObject t = json().getAsJsonObject("tokens");
        assertThat(t.get("X_id").getAsInt()).isEqualTo(model.tokenizer().toSingleToken(" X"));
        assertThat(t.get("Y_id").getAsInt()).isEqualTo(model.tokenizer().toSingleToken(" Y"));
        assertThat(t.get("prepend_bos").getAsBoolean()).isTrue();
        assertThat(List.of(t.get("X").getAsString(), t.get("Y").getAsString())).containsExactly(" X", " Y");
    }

    @Test
    @DisplayName("writes every baseline row in full, the drift and the MAE to Bayes")
    void baseline() {
        JsonObject b = json().getAsJsonObject("baseline");
        assertThat(d(b, "drift")).isEqualTo(run.baseline().drift());
        assertThat(d(b, "mae_to_bayes")).isEqualTo(run.baseline().maeToBayes());
        JsonObject rows = b.getAsJsonObject("rows");
        assertThat(rows.keySet()).containsExactlyElementsOf(run.baseline().rows().stream().map(Readout::name).toList());
        for (Readout r : run.baseline().rows()) {
            JsonObject j = rows.getAsJsonObject(r.name());
            assertThat(j.get("seq").getAsString()).isEqualTo(r.seq());
            assertThat(List.of(j.get("n_X").getAsInt(), j.get("n_Y").getAsInt())).containsExactly(r.nX(), r.nY());
            assertThat(List.of(d(j, "freq_p_X"), d(j, "bayes_p_X"), d(j, "logit_X"), d(j, "logit_Y"),
                    d(j, "logit_diff_XminusY"), d(j, "p_X_raw"), d(j, "p_Y_raw"), d(j, "p_X_norm"), d(j, "p_Y_norm")))
                    .containsExactly(r.freqPX(), r.bayesPX(), r.logitX(), r.logitY(), r.logitDiff(), r.pXRaw(),
                            r.pYRaw(), r.pXNorm(), r.pYNorm());
        }
    }

    @Test
    @DisplayName("writes the ideal observer of the recorded training mixture beside the baseline, and leaves it out without one")
    void idealObserver() {
        IdealDrift ideal = new IdealObserver(TrainConfig.recordedFor(model.files()).orElseThrow().mixture())
                .over(run.baseline());
        JsonObject b = NotebookJson.of(model, run, ideal).getAsJsonObject("baseline");
        for (Readout r : run.baseline().rows()) {
            assertThat(d(b.getAsJsonObject("rows").getAsJsonObject(r.name()), "ideal_p_X")).as(r.name())
                    .isEqualTo(ideal.pX(r.name()));
        }
        assertThat(d(b, "ideal_drift")).isEqualTo(ideal.drift());
        assertThat(d(b, "excess_drift")).isEqualTo(run.baseline().drift() - ideal.drift());
        assertThat(d(b, "drift")).as("the model's own drift stays as it was").isEqualTo(run.baseline().drift());
        JsonObject without = json().getAsJsonObject("baseline");
        assertThat(without.has("ideal_drift") || without.has("excess_drift")).isFalse();
        assertThat(without.getAsJsonObject("rows").getAsJsonObject("patterned").has("ideal_p_X")).isFalse();
    }

    @Test
    @DisplayName("writes the sweep's rows in rank order, its top row, and the top-two and requested ablations with their heads")
    void sweepAndAblations() {
        JsonObject s = json().getAsJsonObject("single_head_sweep");
        JsonArray rows = s.getAsJsonArray("rows");
        List<AblationSweep.Row> ranked = run.sweep().ranked();
        assertThat(rows).hasSize(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            JsonObject r = rows.get(i).getAsJsonObject();
            assertThat(List.of(r.get("layer").getAsInt(), r.get("head").getAsInt()))
                    .containsExactly(ranked.get(i).head().layer(), ranked.get(i).head().head());
            assertThat(List.of(d(r, "drift"), d(r, "mae_to_bayes"), d(r, "drift_reduction")))
                    .containsExactly(ranked.get(i).drift(), ranked.get(i).maeToBayes(), ranked.get(i).driftReduction());
        }
        assertThat(s.get("top")).isEqualTo(rows.get(0));
        assertThat(s.get("note").getAsString()).isEqualTo("zero-ablation of one head at hook_z; ranked by drift_reduction");
        JsonObject top = json().getAsJsonObject("top2_ablation");
        assertThat(top.get("heads").toString()).isEqualTo(NotebookJson.heads(run.topK().heads()).toString());
        assertThat(d(top, "drift")).isEqualTo(run.topK().result().drift());
        assertThat(d(top, "drift_reduction_fraction")).isEqualTo(run.topK().reductionFraction());
        // ablated rows carry the readout, not the raw softmax
        JsonObject anyRow = top.getAsJsonObject("rows").getAsJsonObject(run.baseline().rows().get(0).name());
        assertThat(anyRow.has("p_X_norm") && anyRow.has("logit_diff_XminusY")).isTrue();
        assertThat(anyRow.has("p_X_raw") || anyRow.has("seq")).isFalse();
        JsonObject requested = json().getAsJsonObject("requested_ablation");
        assertThat(requested.get("heads").toString()).isEqualTo("[[0,0]]");
        assertThat(d(requested, "drift")).isEqualTo(run.extraResult().drift());
    }

    @Test
    @DisplayName("writes each stimulus's tokens and every layer's attention pattern")
    void patterns() {
        JsonObject p = json().getAsJsonObject("attention_patterns");
        assertThat(p.keySet()).containsExactlyElementsOf(run.patterns().stream().map(AttentionPatterns::name).toList());
        AttentionPatterns first = run.patterns().get(0);
        JsonObject j = p.getAsJsonObject(first.name());
        assertThat(j.getAsJsonArray("tokens").asList()).extracting(e -> e.getAsString()).containsExactlyElementsOf(first.tokens());
        for (int l = 0; l < first.pattern().length; l++) {
            JsonArray layer = j.getAsJsonArray("layer" + l);
            float[][][] want = first.pattern()[l];
            assertThat(layer).hasSize(want.length);
            int h = want.length - 1;
            int q = want[h].length - 1;
            assertThat(layer.get(h).getAsJsonArray().get(q).getAsJsonArray().get(0).getAsFloat()).isEqualTo(want[h][q][0]);
        }
        assertThat(j.has("layer" + first.pattern().length)).isFalse();
    }
}
