package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.LogitAttribution;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.verdict.AblationMeasurements;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Rules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ablation kinds' JSON (claims 17-22), field by field against one measurement of the shipped default. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The ablation kinds' JSON")
class AblationKindsJsonTest {

    AblationKindsEvidence e;
    List<Finding> verdicts;

    @BeforeAll
    void measure() {
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(
                Path.of("fixtures/ensembles/toy-induction-2l/seed-0")), true)) {
            e = AblationKindsEvidence.measure(m);
        }
        verdicts = Rules.ablation(AblationMeasurements.of(e));
    }

    /** Written in each test: mutation testing sees only what a test itself runs. */
    JsonObject json() {
        return AblationKindsJson.of("toy", e, verdicts);
    }

    @Test
    @DisplayName("writes each kind's reference, baseline drift, sweep, greedy pair and its rank, and the best pairs")
    void kinds() {
        JsonObject o = json();
        assertThat(o.get("model").getAsString()).isEqualTo("toy");
        assertThat(o.get("drift_heads").toString()).isEqualTo(NotebookJson.heads(e.driftHeads()).toString());
        assertThat(o.getAsJsonObject("kinds").keySet()).containsExactly("zero", "mean", "resample");
        for (KindSweep k : e.kinds()) {
            JsonObject j = o.getAsJsonObject("kinds").getAsJsonObject(k.kind().id());
            assertThat(j.get("reference").getAsString()).isEqualTo(k.kind().reference());
            assertThat(j.get("baseline_drift").getAsDouble()).isEqualTo(k.sweep().baseline().drift());
            JsonArray sweep = j.getAsJsonArray("single_head_sweep");
            assertThat(sweep).hasSize(k.sweep().ranked().size());
            assertThat(sweep.get(0).getAsJsonObject().get("drift").getAsDouble()).isEqualTo(k.sweep().ranked().get(0).drift());
            assertThat(j.get("greedy_pair").toString()).isEqualTo(NotebookJson.heads(k.greedy()).toString());
            assertThat(j.get("greedy_pair_drift").getAsDouble()).isEqualTo(k.greedyPair().result().drift());
            assertThat(j.get("greedy_pair_rank").getAsInt()).isEqualTo(k.greedyRank());
            assertThat(j.get("pairs").getAsInt()).isEqualTo(k.pairs().size());
            JsonArray best = j.getAsJsonArray("best_pairs");
            assertThat(best).hasSize(Math.min(AblationKindsJson.TOP_PAIRS, k.pairs().size()));
            for (int i = 0; i < best.size(); i++) {
                JsonObject p = best.get(i).getAsJsonObject();
                assertThat(p.get("heads").toString()).isEqualTo(NotebookJson.heads(k.pairs().get(i).heads()).toString());
                assertThat(p.get("drift").getAsDouble()).isEqualTo(k.pairs().get(i).result().drift());
            }
        }
    }

    @Test
    @DisplayName("writes every head's direct logit attribution per stimulus, with the direct path, biases and the logit difference")
    void attribution() {
        JsonObject a = json().getAsJsonObject("direct_logit_attribution");
        LogitAttribution la = e.attribution();
        assertThat(a.keySet()).containsExactlyElementsOf(la.stimuli());
        for (int s = 0; s < la.stimuli().size(); s++) {
            JsonObject row = a.getAsJsonObject(la.stimuli().get(s));
            for (int h = 0; h < la.heads().size(); h++) {
                assertThat(row.get(la.heads().get(h).toString()).getAsDouble()).isEqualTo(la.perHead()[s][h]);
            }
            assertThat(row.get("direct_path").getAsDouble()).isEqualTo(la.directPath()[s]);
            assertThat(row.get("biases").getAsDouble()).isEqualTo(la.biases()[s]);
            assertThat(row.get("logit_diff").getAsDouble()).isEqualTo(la.logitDiff()[s]);
        }
    }

    @Test
    @DisplayName("writes the verdicts of claims 17 to 22")
    void verdicts() {
        JsonObject v = json().getAsJsonObject("verdicts");
        assertThat(v.keySet()).containsExactly("17", "18", "19", "20", "21", "22");
        Finding first = verdicts.get(0);
        JsonObject f = v.getAsJsonObject(String.valueOf(first.claim().number()));
        assertThat(f.get("claim").getAsString()).isEqualTo(first.claim().statement());
        assertThat(f.get("verdict").getAsString()).isEqualTo(first.verdictText());
        assertThat(f.get("reason").getAsString()).isEqualTo(first.reason());
    }
}
